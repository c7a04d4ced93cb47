package io.qnative.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's {@code TestTimedWindowMax} ({@code pkg/autoscaler/aggregation/max/timewindow_test.go}) on the
 * scale-down delay window: a 5 s window. Go uses 1 s granularity there; the decider's window has the tick's 2 s, and
 * every row gives the same maximum with it, from a whole or a fractional second.
 */
class KnativeTimeWindowCasesTest {

    static Stream<Arguments> testTimedWindowMax() {
        return Stream.of(
                Arguments.of("single value", new long[][] {{0, 5}}, 5),
                Arguments.of("two values in same second", new long[][] {{0, 6}, {500, 5}}, 6),
                Arguments.of("two values", new long[][] {{0, 5}, {1000, 8}}, 8),
                Arguments.of("time gap", new long[][] {{0, 5}, {6000, 4}}, 4));
    }

    @ParameterizedTest(name = "TestTimedWindowMax/{0}")
    @MethodSource
    void testTimedWindowMax(String name, long[][] entries, int expect) {
        for (long start : new long[] {0, 300, 1000, 1700}) {
            Instant now = Fakes.at(0).plusMillis(start);
            DelayWindow w = new DelayWindow(Duration.ofSeconds(5));
            for (long[] e : entries) {
                w.record(now.plusMillis(e[0]), (int) e[1]);
            }
            assertThat(w.current()).as("from +%d ms", start).isEqualTo(expect);
        }
    }
}
