package io.qnative.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Knative's bucket cases replayed: {@code pkg/autoscaler/aggregation/bucketing_test.go}, 1-second granularity (the
 * only one qnative uses; {@code TestTimedFloat64BucketsWindowUpdate3sGranularity} and the 5 s row of
 * {@code TestTimedFloat64BucketsSimple} have no counterpart). Go reads bucket sums with its private
 * {@code forEachBucket}; here the same sums are read through the window average (sum ÷ filled seconds). Go starts
 * from {@code time.Now()}, so every case runs at a whole second and at a fractional one.
 */
class KnativeBucketingCasesTest {

    private static final Instant BASE = Instant.ofEpochSecond(1_700_000_000L);

    private static MetricWindow linear(int seconds) {
        return new MetricWindow(Duration.ofSeconds(seconds), MetricWindow.Algorithm.LINEAR);
    }

    private static Instant now(long fractionMillis) {
        return BASE.plusMillis(fractionMillis);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsSimple/granularity = 1s (+{0} ms)")
    @ValueSource(longs = {0, 300, 999})
    void testTimedFloat64BucketsSimple(long fraction) {
        Instant trunc1 = BASE;
        MetricWindow w = linear(120);
        assertThat(w.isEmpty(trunc1)).isTrue();
        w.record(trunc1, 1);
        w.record(trunc1.plusMillis(100), 10);
        w.record(trunc1.plusSeconds(1), 1);
        w.record(trunc1.plusSeconds(3), 1);
        // buckets 11, 1, 0, 1 over the 4 filled seconds
        assertThat(w.average(trunc1.plusSeconds(3).plusMillis(fraction))).isEqualTo(13.0 / 4);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsManyReps (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testTimedFloat64BucketsManyReps(long fraction) {
        Instant t = now(fraction);
        MetricWindow w = linear(60);
        for (int p = 0; p < 5; p++) {
            t = t.plusSeconds(1);
            for (int r = 0; r < 5; r++) {
                w.record(t, p + r);
            }
        }
        // buckets 10, 15, 20, 25, 30 = 100 over 5 seconds
        assertThat(w.average(t)).isEqualTo(100.0 / 5);
        assertThat(w.average(t)).as("reading twice").isEqualTo(100.0 / 5);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsManyRepsWithNonMonotonicalOrder (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testTimedFloat64BucketsManyRepsWithNonMonotonicalOrder(long fraction) {
        Instant start = now(fraction);
        Instant end = start;
        MetricWindow w = linear(60);
        int[] d = {0, 3, 2, 1, 4};
        for (int p = 0; p < 5; p++) {
            end = start.plusSeconds(d[p]);
            for (int r = 0; r < 5; r++) {
                w.record(end, p + r);
            }
        }
        assertThat(w.average(end)).isEqualTo(100.0 / 5);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsWindowAverage (+{0} ms)")
    @ValueSource(longs = {0, 300, 700})
    void testTimedFloat64BucketsWindowAverage(long fraction) {
        Instant now = now(fraction);
        MetricWindow w = linear(5);
        // firstWrite is used: without it, 0.2
        w.record(now, 1);
        assertThat(w.average(now)).isEqualTo(1.0);
        for (int i = 1; i < 5; i++) {
            w.record(now.plusSeconds(i), i + 1);
        }
        assertThat(w.average(now.plusSeconds(4))).isEqualTo(15.0 / 5);
        // now lags behind
        assertThat(w.average(now.plusMillis(3600))).isEqualTo(15.0 / 5);
        // a short hole
        assertThat(w.average(now.plusSeconds(6))).isEqualTo((15.0 - 1 - 2) / (5 - 2));
        // a long hole
        assertThat(w.average(now.plusSeconds(10))).isEqualTo(0.0);
        // a write with holes
        w.record(now.plusSeconds(6), 91);
        assertThat(w.average(now.plusSeconds(6))).isEqualTo((15.0 - 1 - 2 + 91) / 5);
        // much farther
        now = now.plusSeconds(60);
        w.record(now, 1984);
        assertThat(w.average(now)).isEqualTo(1984.0);
        // an earlier time
        w.record(now.minusSeconds(3), 4);
        assertThat(w.average(now)).isEqualTo((4.0 + 1984) / 4);
        now = now.plusSeconds(1);
        w.record(now, 5);
        assertThat(w.average(now)).isEqualTo((4.0 + 1984 + 5) / 5);
        w.record(now.minusSeconds(3), 10);
        assertThat(w.average(now)).isEqualTo((4.0 + 10 + 1984 + 5) / 5);
        // a value too early is ignored
        w.record(now.minusSeconds(6), 10);
        assertThat(w.average(now)).isEqualTo((4.0 + 10 + 1984 + 5) / 5);
    }

    @ParameterizedTest(name = "TestDescendingRecord (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testDescendingRecord(long fraction) {
        Instant now = now(fraction);
        MetricWindow w = linear(5);
        for (int i = 8; i >= 0; i--) {
            w.record(now.plusSeconds(i), 5);
        }
        assertThat(w.average(now.plusSeconds(5))).isEqualTo(5.0);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsHoles (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testTimedFloat64BucketsHoles(long fraction) {
        Instant now = now(fraction);
        MetricWindow w = linear(5);
        for (int i = 0; i < 5; i++) {
            w.record(now.plusSeconds(i), i + 1);
        }
        assertThat(w.average(now.plusSeconds(4))).isEqualTo(15.0 / 5);
        // seconds 5, 6, 7 become 0: 2 + 5 = 7 remain over the 5 buckets
        w.record(now.plusSeconds(8), 2);
        assertThat(w.average(now.plusSeconds(8))).isEqualTo(7.0 / 5);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsWindowUpdate (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testTimedFloat64BucketsWindowUpdate(long fraction) {
        Instant start = now(fraction);
        MetricWindow w = linear(5);
        for (int i = 0; i <= 5; i++) {
            w.record(start.plusSeconds(i), i + 1);
        }
        Instant now = start.plusSeconds(5);
        double wantInitial = 2.0 + 3 + 4 + 5 + 6;
        assertThat(w.average(now)).isEqualTo(wantInitial / 5);
        w.resize(Duration.ofSeconds(10), now);
        assertThat(w.window()).isEqualTo(Duration.ofSeconds(10));
        // the average does not change: at most 5 buckets were known
        assertThat(w.average(now)).isEqualTo(wantInitial / 5);
        now = now.plusSeconds(1);
        w.record(now, 7);
        double wantWithUpdate = wantInitial + 7;
        assertThat(w.average(now)).isEqualTo(MetricWindow.truncate(wantWithUpdate / 6));
        w.resize(Duration.ofSeconds(4), now);
        // only the last 4 buckets remain
        double wantWithShrink = wantWithUpdate - 2 - 3;
        assertThat(w.average(now)).isEqualTo(wantWithShrink / 4);
        w.resize(Duration.ofSeconds(4), now);
        assertThat(w.average(now)).as("idempotent").isEqualTo(wantWithShrink / 4);
    }

    @ParameterizedTest(name = "TestTimedFloat64BucketsWindowUpdateNoOp (+{0} ms)")
    @ValueSource(longs = {0, 300})
    void testTimedFloat64BucketsWindowUpdateNoOp(long fraction) {
        Instant now = now(fraction);
        MetricWindow w = linear(5);
        w.record(now.minusSeconds(60), 19.82);
        w.resize(Duration.ofSeconds(10), now);
        // first write forgotten: a new write averages over itself only
        w.record(now, 1);
        assertThat(w.average(now)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("TestRoundToNDigits (6 digits, the only precision used)")
    void testRoundToNDigits() {
        assertThat(MetricWindow.truncate(3.6e-17)).isEqualTo(0.0);
        assertThat(MetricWindow.truncate(12345)).isEqualTo(12345.0);
        assertThat(MetricWindow.truncate(1.2345678)).isEqualTo(1.234567);
    }
}
