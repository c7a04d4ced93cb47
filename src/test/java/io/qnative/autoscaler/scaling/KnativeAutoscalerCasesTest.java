package io.qnative.autoscaler.scaling;

import static io.qnative.autoscaler.scaling.Fakes.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.autoscaler.metrics.Observation;

/**
 * Knative's decider cases replayed number for number: {@code pkg/autoscaler/scaling/autoscaler_test.go}. Each test
 * is named after its Go test. The Go helper {@code newTestAutoscaler(target, tbc)} is {@link #spec}: total = target
 * / 0.75, panic threshold 2, rates 10/10, activator capacity 150, stable window 60 s, reachable, created with one
 * ready pod. Like the Go {@code expectScale}, the excess burst capacity is compared within ±1 (float rounding).
 * {@code TestAutoscaler*Metrics} (OpenTelemetry gauges) and {@code TestPausingCollection} (scraper pausing; qnative's
 * gateway pushes its stats in process, there is no scraper) are not decider behaviour and are not replayed here.
 */
class KnativeAutoscalerCasesTest {

    private static final double TARGET_UTILIZATION = 0.75;

    private final Fakes.Pods pods = new Fakes.Pods(1);
    private final Fakes.Metrics metrics = new Fakes.Metrics();

    /** Go's {@code newTestAutoscalerWithScalingMetric(target, tbc, metric, false)}'s spec. */
    static DeciderSpec spec(String metric, double target, double tbc) {
        return new DeciderSpec(metric, target, target / TARGET_UTILIZATION, tbc, 2, 10, 10, 150,
                Duration.ofSeconds(60), Duration.ofSeconds(6), Duration.ZERO, 0, 1, true);
    }

    static DeciderSpec spec(double target, double tbc) {
        return spec("concurrency", target, tbc);
    }

    /** The Go tests' bare {@code DeciderSpec{...}}: unset fields are zero (no burst capacity, no window). */
    static DeciderSpec bare(double target, double up, double down, double threshold, Duration delay,
            boolean reachable) {
        return new DeciderSpec("concurrency", target, 0, 0, threshold, up, down, 0, Duration.ZERO, Duration.ZERO,
                delay, 0, 0, reachable);
    }

    /** Go's {@code expectedEBC(totCap, targetBC, recordedConcurrency, numPods)}. */
    static int expectedEbc(double totCap, double tbc, double recorded, double pods) {
        return (int) Math.floor(totCap / TARGET_UTILIZATION * pods - tbc - recorded);
    }

    private Decider decider(DeciderSpec spec) {
        return new Decider(spec, pods, metrics, at(0));
    }

    private static void expectScale(Decider d, Instant now, int desired, int ebc, boolean valid) {
        ScaleResult got = d.scale(now);
        assertThat(got.valid()).as("valid").isEqualTo(valid);
        assertThat(got.desiredPodCount()).as("desired pod count").isEqualTo(desired);
        assertThat(got.excessBurstCapacity()).as("excess burst capacity").isBetween(ebc - 1, ebc + 1);
    }

    @Test
    @DisplayName("TestAutoscalerScaleDownDelay")
    void testAutoscalerScaleDownDelay() {
        pods.ready = 0;
        Decider d = decider(bare(10, 10, 10, 100, Duration.ofMinutes(5), true));
        // simple
        metrics.set(40, 40);
        expectScale(d, at(2), 4, 0, true);
        metrics.set(0, 0);
        expectScale(d, at(300), 4, 0, true);
        expectScale(d, at(302), 0, 0, true);
        // gradual
        metrics.set(40, 40);
        expectScale(d, at(9 * 60), 4, 0, true);
        metrics.set(30, 30);
        expectScale(d, at(10 * 60), 4, 0, true);
        metrics.set(0, 0);
        expectScale(d, at(11 * 60), 4, 0, true);
        expectScale(d, at(14 * 60), 3, 0, true);
        expectScale(d, at(15 * 60), 0, 0, true);
    }

    @Test
    @DisplayName("TestAutoscalerScaleDownDelayNotReachable")
    void testAutoscalerScaleDownDelayNotReachable() {
        pods.ready = 0;
        Decider d = decider(bare(10, 10, 10, 100, Duration.ofMinutes(5), true));
        metrics.set(40, 40);
        expectScale(d, at(2), 4, 0, true);
        metrics.set(0, 0);
        expectScale(d, at(60), 4, 0, true);
        d.update(bare(10, 10, 10, 100, Duration.ofMinutes(5), false));
        expectScale(d, at(2), 0, 0, true);
    }

    @Test
    @DisplayName("TestAutoscalerScaleDownDelayZero")
    void testAutoscalerScaleDownDelayZero() {
        pods.ready = 0;
        Decider d = decider(bare(10, 10, 10, 100, Duration.ZERO, false));
        metrics.set(40, 40);
        expectScale(d, at(0), 4, 0, true);
        metrics.set(20, 20);
        expectScale(d, at(0).plusMillis(500), 2, 0, true);
    }

    @Test
    @DisplayName("TestAutoscalerNoDataNoAutoscale")
    void testAutoscalerNoDataNoAutoscale() {
        metrics.noData = true;
        assertThat(decider(spec(10, 100)).scale(at(0))).isEqualTo(new ScaleResult(0, 0, false));
    }

    @Test
    @DisplayName("TestAutoscalerMetrics (decision)")
    void testAutoscalerMetricsDecision() {
        // the decision part of TestAutoscalerMetrics and TestAutoscalerMetricsWithRPS
        metrics.set(50, 50);
        expectScale(decider(spec(10, 100)), at(0), 5, expectedEbc(10, 100, 50, 1), true);
        metrics.rps = new Observation(100, 99);
        Decider rps = decider(spec("rps", 10, 100));
        expectScale(rps, at(61), 10, expectedEbc(10, 100, 99, 1), true);
        assertThat(rps.inPanic()).isTrue();
    }

    @Test
    @DisplayName("TestAutoscalerStableModeIncreaseWithConcurrencyDefault")
    void testAutoscalerStableModeIncreaseWithConcurrencyDefault() {
        metrics.set(50, 10);
        Decider d = decider(spec(10, 101));
        expectScale(d, at(0), 5, expectedEbc(10, 101, 10, 1), true);
        metrics.set(100, 10);
        expectScale(d, at(0), 10, expectedEbc(10, 101, 10, 1), true);
    }

    @Test
    @DisplayName("TestAutoscalerStableModeIncreaseWithRPS")
    void testAutoscalerStableModeIncreaseWithRPS() {
        metrics.rps = new Observation(50, 50);
        Decider d = decider(spec("rps", 10, 101));
        expectScale(d, at(0), 5, expectedEbc(10, 101, 50, 1), true);
        metrics.rps = new Observation(100, 99);
        expectScale(d, at(0), 10, expectedEbc(10, 101, 99, 1), true);
    }

    @Test
    @DisplayName("TestAutoscalerUnpanicAfterSlowIncrease")
    void testAutoscalerUnpanicAfterSlowIncrease() {
        metrics.set(11, 25);
        Decider d = decider(spec(1, 98));
        pods.ready = 10;
        Instant start = at(10);
        expectScale(d, start, 25, expectedEbc(1, 98, 25, 10), true);
        assertThat(d.panicTime()).isEqualTo(start);
        pods.ready = 25 + 15;
        metrics.set(30, 41);
        Instant tm = start.plusSeconds(30);
        expectScale(d, tm, 41, expectedEbc(1, 98, 41, 40), true);
        assertThat(d.panicTime()).as("panic time should not have moved").isEqualTo(start);
        pods.ready = 25 + 30;
        metrics.set(50, 56);
        tm = tm.plusSeconds(30 + 2);
        expectScale(d, tm, 50, expectedEbc(1, 98, 56, 55), true);
        assertThat(d.panicTime()).isNull();
    }

    @Test
    @DisplayName("TestAutoscalerExtendPanicWindow")
    void testAutoscalerExtendPanicWindow() {
        metrics.set(11, 25);
        Decider d = decider(spec(1, 98));
        pods.ready = 10;
        Instant start = at(10);
        expectScale(d, start, 25, expectedEbc(1, 98, 25, 10), true);
        assertThat(d.panicTime()).isEqualTo(start);
        pods.ready = 25 + 15;
        metrics.set(30, 80);
        Instant tm = start.plusSeconds(30);
        expectScale(d, tm, 80, expectedEbc(1, 98, 80, 40), true);
        assertThat(d.panicTime()).isEqualTo(tm);
    }

    @Test
    @DisplayName("TestAutoscalerStableModeDecrease")
    void testAutoscalerStableModeDecrease() {
        metrics.set(100, 100);
        Decider d = decider(spec(10, 98));
        pods.ready = 8;
        expectScale(d, at(0), 10, expectedEbc(10, 98, 100, 8), true);
        metrics.set(50, 50);
        expectScale(d, at(0), 5, expectedEbc(10, 98, 50, 8), true);
    }

    @Test
    @DisplayName("TestAutoscalerStableModeNoTrafficScaleToZero")
    void testAutoscalerStableModeNoTrafficScaleToZero() {
        metrics.set(1, 0);
        Decider d = decider(spec(10, 75));
        expectScale(d, at(0), 1, expectedEbc(10, 75, 0, 1), true);
        metrics.set(0, 0);
        expectScale(d, at(0), 0, expectedEbc(10, 75, 0, 1), true);
    }

    @Test
    @DisplayName("TestAutoscalerActivationScale")
    void testAutoscalerActivationScale() {
        metrics.set(0, 0);
        DeciderSpec s = spec(10, 75);
        Decider d = decider(new DeciderSpec(s.scalingMetric(), s.targetValue(), s.totalValue(),
                s.targetBurstCapacity(), s.panicThreshold(), s.maxScaleUpRate(), s.maxScaleDownRate(),
                s.activatorCapacity(), s.stableWindow(), s.panicWindow(), s.scaleDownDelay(), 2, s.initialScale(),
                s.reachable()));
        expectScale(d, at(0), 0, expectedEbc(10, 75, 0, 1), true);
        metrics.set(1, 0);
        expectScale(d, at(0), 2, expectedEbc(10, 75, 0, 1), true);
    }

    @Test
    @DisplayName("TestAutoscalerPanicModeExponentialTrackAndStabilize")
    void testAutoscalerPanicModeExponentialTrackAndStabilize() {
        metrics.set(6, 6);
        Decider d = decider(spec(1, 101));
        expectScale(d, at(0), 6, expectedEbc(1, 101, 6, 1), true);
        Instant tm = at(1);
        pods.ready = 6;
        metrics.set(36, 36);
        expectScale(d, tm, 36, expectedEbc(1, 101, 36, 6), true);
        assertThat(d.panicTime()).isEqualTo(tm);
        pods.ready = 36;
        metrics.set(216, 216);
        tm = tm.plusSeconds(1);
        expectScale(d, tm, 216, expectedEbc(1, 101, 216, 36), true);
        assertThat(d.panicTime()).isEqualTo(tm);
        pods.ready = 216;
        metrics.set(1296, 1296);
        expectScale(d, tm, 1296, expectedEbc(1, 101, 1296, 216), true);
        assertThat(d.panicTime()).isEqualTo(tm);
        pods.ready = 1296;
        tm = tm.plusSeconds(1);
        expectScale(d, tm, 1296, expectedEbc(1, 101, 1296, 1296), true);
    }

    /**
     * {@code TestAutoscalerScale}'s table. Go's {@code prepFunc} that sets {@code panicTime = now − 5 s,
     * maxPanicPods = 5} is reached here by creating the decider 5 s earlier with 5 ready pods (it then starts in
     * panic holding 5); every other row is created with one ready pod, then {@code baseScale} pods are ready.
     */
    static Stream<Arguments> testAutoscalerScale() {
        return Stream.of(
                row("AutoscalerNoDataAtZeroNoAutoscale", spec(10, 100), 0, 0, 1, false, 0,
                        expectedEbc(10, 100, 0, 1)),
                row("AutoscalerNoDataAtZeroNoAutoscaleWithExplicitEPs", spec(10, 100), 0, 0, 1, false, 0,
                        expectedEbc(10, 100, 0, 1)),
                row("AutoscalerStableModeUnlimitedTBC", spec(181, -1), 21, 26, 1, false, 1, -1),
                row("Autoscaler0TBC", spec(10, 0), 50, 49, 1, false, 5, 0),
                row("AutoscalerStableModeNoChange", spec(10, 100), 50, 50, 1, false, 5,
                        expectedEbc(10, 100, 50, 1)),
                row("AutoscalerPanicStableLargerThanPanic", spec(1, 100), 50, 30, 5, true, 50,
                        expectedEbc(1, 100, 30, 5)),
                row("AutoscalerPanicStableLessThanPanic", spec(1, 100), 20, 30, 5, true, 30,
                        expectedEbc(1, 100, 30, 5)),
                row("AutoscalerStableModeNoChangeAlreadyScaled", spec(10, 100), 50, 50, 5, false, 5,
                        expectedEbc(10, 100, 50, 5)),
                row("AutoscalerStableModeIncreaseWithSmallScaleUpRate",
                        with(spec(1, 1982), s -> rates(s, 1.1, s.maxScaleDownRate(), true)), 3, 3.1, 2, false, 3,
                        expectedEbc(1, 1982, 3.1, 2)),
                row("AutoscalerStableModeDecreaseWithSmallScaleDownRate",
                        with(spec(10, 1982), s -> rates(s, s.maxScaleUpRate(), 1.1, true)), 1, 1, 100, false, 90,
                        expectedEbc(10, 1982, 1, 100)),
                row("AutoscalerStableModeDecreaseNonReachable",
                        with(spec(10, 1982), s -> rates(s, s.maxScaleUpRate(), 1.1, false)), 1, 1, 100, false, 1,
                        expectedEbc(10, 1982, 1, 100)),
                row("AutoscalerPanicModeDoublePodCount", spec(10, 84), 50, 100, 1, false, 10,
                        expectedEbc(10, 84, 100, 1)));
    }

    private static Arguments row(String label, DeciderSpec spec, double stable, double panic, int baseScale,
            boolean panickingFiveSecondsAgo, int wantScale, int wantEbc) {
        return Arguments.of(label, spec, stable, panic, baseScale, panickingFiveSecondsAgo, wantScale, wantEbc);
    }

    private static DeciderSpec with(DeciderSpec s, UnaryOperator<DeciderSpec> f) {
        return f.apply(s);
    }

    private static DeciderSpec rates(DeciderSpec s, double up, double down, boolean reachable) {
        return new DeciderSpec(s.scalingMetric(), s.targetValue(), s.totalValue(), s.targetBurstCapacity(),
                s.panicThreshold(), up, down, s.activatorCapacity(), s.stableWindow(), s.panicWindow(),
                s.scaleDownDelay(), s.activationScale(), s.initialScale(), reachable);
    }

    @ParameterizedTest(name = "TestAutoscalerScale/{0}")
    @MethodSource
    void testAutoscalerScale(String label, DeciderSpec spec, double stable, double panic, int baseScale,
            boolean panickingFiveSecondsAgo, int wantScale, int wantEbc) {
        metrics.set(stable, panic);
        pods.ready = panickingFiveSecondsAgo ? 5 : 1;
        Decider d = decider(spec);
        pods.ready = baseScale;
        expectScale(d, at(5), wantScale, wantEbc, true);
    }

    @Test
    @DisplayName("TestAutoscalerPanicThenUnPanicScaleDown")
    void testAutoscalerPanicThenUnPanicScaleDown() {
        metrics.set(100, 100);
        Decider d = decider(spec(10, 93));
        expectScale(d, at(0), 10, expectedEbc(10, 93, 100, 1), true);
        pods.ready = 10;
        Instant panicTime = at(1);
        metrics.set(100, 1000);
        expectScale(d, panicTime, 100, expectedEbc(10, 93, 1000, 10), true);
        metrics.set(1, 1);
        expectScale(d, panicTime.plusSeconds(30), 100, expectedEbc(10, 93, 1, 10), true);
        expectScale(d, panicTime.plusSeconds(61), 1, expectedEbc(10, 93, 1, 10), true);
    }

    @Test
    @DisplayName("TestAutoscalerRateLimitScaleUp")
    void testAutoscalerRateLimitScaleUp() {
        metrics.set(1000, 1001);
        Decider d = decider(spec(10, 61));
        expectScale(d, at(0), 10, expectedEbc(10, 61, 1001, 1), true);
        pods.ready = 10;
        expectScale(d, at(0), 100, expectedEbc(10, 61, 1001, 10), true);
    }

    @Test
    @DisplayName("TestAutoscalerRateLimitScaleDown")
    void testAutoscalerRateLimitScaleDown() {
        metrics.set(1, 1);
        Decider d = decider(spec(10, 61));
        pods.ready = 100;
        expectScale(d, at(0), 10, expectedEbc(10, 61, 1, 100), true);
        pods.ready = 10;
        expectScale(d, at(0), 1, expectedEbc(10, 61, 1, 10), true);
    }

    @Test
    @DisplayName("TestCantCountPods")
    void testCantCountPods() {
        metrics.set(1000, 888);
        Decider d = decider(spec(10, 81));
        pods.error = new PodCounter.PodCountException("peaches-in-regalia", false);
        assertThat(d.scale(at(0))).isEqualTo(ScaleResult.INVALID);
    }

    @Test
    @DisplayName("TestAutoscalerUseOnePodAsMinimumIfEndpointsNotFound")
    void testAutoscalerUseOnePodAsMinimumIfEndpointsNotFound() {
        metrics.set(1000, 888);
        Decider d = decider(spec(10, 81));
        pods.ready = 0;
        expectScale(d, at(0), 10, expectedEbc(10, 81, 888, 0), true);
    }

    @Test
    @DisplayName("TestAutoscalerUpdateTarget")
    void testAutoscalerUpdateTarget() {
        metrics.set(100, 101);
        Decider d = decider(spec(10, 77));
        expectScale(d, at(0), 10, expectedEbc(10, 77, 101, 1), true);
        pods.ready = 10;
        d.update(new DeciderSpec("concurrency", 1, 1 / TARGET_UTILIZATION, 71, 2, 10, 10, 21,
                Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO, 0, 0, true));
        expectScale(d, at(0), 100, expectedEbc(1, 71, 101, 10), true);
    }

    @Test
    @DisplayName("TestStartInPanicMode")
    void testStartInPanicMode() {
        metrics.set(10, 10);
        DeciderSpec s = new DeciderSpec("concurrency", 100, 120, 11, 220, 10, 10, 0, Duration.ofSeconds(60),
                Duration.ZERO, Duration.ZERO, 0, 0, false);
        for (int i = 0; i < 2; i++) {
            pods.ready = i;
            Decider d = decider(s);
            assertThat(d.panicTime()).as("created at scale %d", i).isNull();
            assertThat(d.maxPanicPods()).isEqualTo(i);
        }
        pods.ready = 2;
        Decider d = decider(s);
        assertThat(d.panicTime()).as("created at scale 2").isNotNull();
        assertThat(d.maxPanicPods()).isEqualTo(2);
    }

    @Test
    @DisplayName("TestNewFail")
    void testNewFail() {
        pods.error = new PodCounter.PodCountException("starlight", false);
        Decider d = decider(new DeciderSpec("concurrency", 100, 120, 11, 220, 10, 10, 0, Duration.ofSeconds(60),
                Duration.ZERO, Duration.ZERO, 0, 0, false));
        assertThat(d.maxPanicPods()).isZero();
    }
}
