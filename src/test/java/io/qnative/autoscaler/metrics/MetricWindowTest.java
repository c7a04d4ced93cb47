package io.qnative.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MetricWindowTest {

    /** An even Unix second, so relative seconds keep their parity. */
    private static final Instant BASE = Instant.ofEpochSecond(1_700_000_000L);

    private static Instant at(double seconds) {
        return BASE.plusMillis((long) (seconds * 1000));
    }

    /** Writes as {t, v} pairs, then the average read at {@code readAt}. */
    static Stream<Arguments> linear() {
        return Stream.of(
                Arguments.of("one sample averages over itself", 6, new double[][] {{0, 6}}, 0, 6.0),
                Arguments.of("young window averages over filled seconds", 6,
                        new double[][] {{0, 6}, {1, 12}}, 1, 9.0),
                Arguments.of("same second sums", 6, new double[][] {{0, 3}, {0.5, 4}}, 0.9, 7.0),
                Arguments.of("inner gap counts as zero", 6, new double[][] {{0, 6}, {2, 6}}, 2, 4.0),
                Arguments.of("trailing gap shrinks the denominator", 6,
                        new double[][] {{0, 6}, {1, 12}}, 3, 9.0),
                Arguments.of("exactly one window of silence averages 0", 6, new double[][] {{0, 6}}, 6, 0.0),
                Arguments.of("older than the window drops out", 6,
                        new double[][] {{0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 7}}, 6, 12.0 / 6),
                Arguments.of("truncated to 6 decimals", 6, new double[][] {{0, 1}, {1, 1}, {2, 0}}, 2, 0.666666),
                Arguments.of("late write inside the window is added", 6,
                        new double[][] {{5, 1}, {3, 2}}, 5, 1.0),
                Arguments.of("write a window older than the last is dropped", 6,
                        new double[][] {{10, 1}, {4, 100}}, 10, 1.0),
                Arguments.of("silence of a window restarts the partial window", 6,
                        new double[][] {{0, 60}, {7, 6}}, 7, 6.0),
                Arguments.of("read before the last write divides by the filled part", 60,
                        new double[][] {{0, 10}, {9, 10}}, 5, 2.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void linear(String name, int windowSeconds, double[][] writes, double readAt, double expected) {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(windowSeconds), MetricWindow.Algorithm.LINEAR);
        for (double[] tv : writes) {
            w.record(at(tv[0]), tv[1]);
        }
        assertThat(w.average(at(readAt))).isEqualTo(expected);
    }

    @Test
    void emptyNeedsStrictlyMoreThanOneWindowOfSilence() {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(6), MetricWindow.Algorithm.LINEAR);
        assertThat(w.isEmpty(at(0))).isTrue();
        w.record(at(0), 1);
        assertThat(w.isEmpty(at(6.9))).isFalse();
        assertThat(w.isEmpty(at(7))).isTrue();
        assertThat(w.average(at(7))).isZero();
    }

    @Test
    void smoothingCoefficients() {
        assertThat(MetricWindow.smoothingCoefficient(60)).isEqualTo(0.2);
        assertThat(MetricWindow.smoothingCoefficient(6)).isCloseTo(0.784557, within(1e-6));
    }

    @Test
    void weightedSingleSampleIsScaledByTheCoefficient() {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(60), MetricWindow.Algorithm.WEIGHTED_EXPONENTIAL);
        w.record(at(0), 10);
        assertThat(w.average(at(0))).isCloseTo(2.0, within(1e-12));
        // one trailing empty second: weight c(1-c)
        assertThat(w.average(at(1))).isCloseTo(1.6, within(1e-12));
        assertThat(w.average(at(61))).isZero();
    }

    @Test
    void weightedNewestWeighsMost() {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(60), MetricWindow.Algorithm.WEIGHTED_EXPONENTIAL);
        w.record(at(0), 10);
        w.record(at(1), 10);
        w.record(at(2), 5);
        w.record(at(3), 5);
        // 5·0.2 + 5·0.2·0.8 + 10·0.2·0.8² + 10·0.2·0.8³
        assertThat(w.average(at(3))).isCloseTo(1 + 0.8 + 1.28 + 1.024, within(1e-9));
    }

    @Test
    void shrinkingKeepsTheNewestBucketsAndCountsAsFilled() {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(10), MetricWindow.Algorithm.LINEAR);
        for (int t = 0; t < 10; t++) {
            w.record(at(t), t);
        }
        w.resize(Duration.ofSeconds(5), at(9));
        assertThat(w.average(at(9))).isEqualTo((5 + 6 + 7 + 8 + 9) / 5.0);
    }

    @Test
    void resizeAfterSilenceStartsOver() {
        MetricWindow w = new MetricWindow(Duration.ofSeconds(6), MetricWindow.Algorithm.LINEAR);
        w.record(at(0), 5);
        w.resize(Duration.ofSeconds(20), at(10));
        w.record(at(11), 4);
        assertThat(w.average(at(11))).isEqualTo(4.0);
    }
}
