package io.qnative.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.autoscaler.metrics.MetricWindow;
import io.qnative.config.AutoscalerConfig;

class ParameterResolverTest {

    private static final String P = "autoscaling.knative.dev/";
    private static final AutoscalerConfig CONFIG = AutoscalerConfig.DEFAULT;

    private static Parameters resolve(Map<String, String> annotations, long cc) {
        return ParameterResolver.resolve(annotations, CONFIG, cc, Reachability.REACHABLE);
    }

    @Test
    void defaults() {
        Parameters p = resolve(Map.of(), 0);
        assertThat(p.decider()).isEqualTo(new DeciderSpec("concurrency", 70, 100, 211, 2, 1000, 2, 100,
                Duration.ofSeconds(60), Duration.ofSeconds(6), Duration.ZERO, 0, 1, true));
        assertThat(p.autoscalerClass()).isEqualTo("kpa.autoscaling.knative.dev");
        assertThat(p.algorithm()).isEqualTo(MetricWindow.Algorithm.LINEAR);
        assertThat(p.minScale()).isZero();
        assertThat(p.maxScale()).isZero();
        assertThat(p.scraped()).isTrue();
        assertThat(p.problems()).isEmpty();
    }

    /** annotations, containerConcurrency → targetValue, totalValue. */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of(Map.of(), 10L, 7.0, 10.0),
                Arguments.of(Map.of(P + "target", "50"), 10L, 7.0, 10.0),
                Arguments.of(Map.of(P + "target", "5"), 10L, 3.5, 5.0),
                Arguments.of(Map.of(P + "target", "50"), 0L, 35.0, 50.0),
                Arguments.of(Map.of(P + "metric", "rps"), 10L, 140.0, 200.0),
                Arguments.of(Map.of(P + "metric", "rps", P + "target", "50"), 10L, 35.0, 50.0),
                Arguments.of(Map.of(P + "target-utilization-percentage", "50"), 0L, 50.0, 100.0),
                Arguments.of(Map.of(P + "targetUtilizationPercentage", "50"), 0L, 50.0, 100.0),
                Arguments.of(Map.of(P + "target-utilization-percentage", "100",
                        P + "targetUtilizationPercentage", "50"), 0L, 100.0, 100.0),
                Arguments.of(Map.of(P + "target", "0.01"), 0L, 0.01, 0.01),
                Arguments.of(Map.of(P + "target", "0.001"), 0L, 70.0, 100.0),
                Arguments.of(Map.of(P + "target", "abc"), 0L, 70.0, 100.0));
    }

    @ParameterizedTest
    @MethodSource
    void targets(Map<String, String> annotations, long cc, double target, double total) {
        DeciderSpec d = resolve(annotations, cc).decider();
        assertThat(d.targetValue()).isEqualTo(target);
        assertThat(d.totalValue()).isEqualTo(total);
    }

    @Test
    void containerConcurrencyPercentageOfOneMeansAHundredPercent() {
        AutoscalerConfig c = AutoscalerConfig.parse(Map.of("container-concurrency-target-percentage", "1"));
        assertThat(ParameterResolver.resolve(Map.of(), c, 0, Reachability.REACHABLE).decider().targetValue())
                .isEqualTo(100);
    }

    static Stream<Arguments> panicWindows() {
        return Stream.of(
                Arguments.of(60, 10.0, 6),
                Arguments.of(60, 51.0, 31),
                Arguments.of(10, 10.0, 1),
                Arguments.of(6, 1.0, 1),
                Arguments.of(3600, 100.0, 3600),
                Arguments.of(15, 10.0, 2));
    }

    @ParameterizedTest
    @MethodSource
    void panicWindows(int stableSeconds, double pct, int expectedSeconds) {
        assertThat(ParameterResolver.panicWindow(Duration.ofSeconds(stableSeconds), pct))
                .isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void annotationsOverrideConfig() {
        Parameters p = resolve(Map.of(P + "window", "10s", P + "panicWindowPercentage", "20",
                P + "panic-threshold-percentage", "150", P + "targetBurstCapacity", "-1",
                P + "scale-down-delay", "30s", P + "activation-scale", "3", P + "min-scale", "2",
                P + "maxScale", "9", P + "metric-aggregation-algorithm", "weighted-exponential"), 0);
        DeciderSpec d = p.decider();
        assertThat(d.stableWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.panicWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.panicThreshold()).isEqualTo(1.5);
        assertThat(d.targetBurstCapacity()).isEqualTo(-1);
        assertThat(p.scraped()).isFalse();
        assertThat(d.scaleDownDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.activationScale()).isEqualTo(3);
        assertThat(p.minScale()).isEqualTo(2);
        assertThat(p.maxScale()).isEqualTo(9);
        assertThat(p.algorithm()).isEqualTo(MetricWindow.Algorithm.WEIGHTED_EXPONENTIAL);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void initialScaleZeroOnlyWhenTheClusterAllowsIt() {
        assertThat(resolve(Map.of(P + "initial-scale", "0"), 0).decider().initialScale()).isEqualTo(1);
        assertThat(resolve(Map.of(P + "initialScale", "4"), 0).decider().initialScale()).isEqualTo(4);
        AutoscalerConfig allow = AutoscalerConfig.parse(Map.of("allow-zero-initial-scale", "true"));
        assertThat(ParameterResolver.resolve(Map.of(P + "initial-scale", "0"), allow, 0, Reachability.UNKNOWN)
                .decider().initialScale()).isZero();
    }

    @Test
    void unreachableIgnoresMinScaleAndRetention() {
        Parameters p = ParameterResolver.resolve(Map.of(P + "min-scale", "3",
                P + "scale-to-zero-pod-retention-period", "1m"), CONFIG, 0, Reachability.UNREACHABLE);
        assertThat(p.minScale()).isZero();
        assertThat(p.scaleToZeroPodRetention()).isZero();
        assertThat(p.decider().reachable()).isFalse();
        Parameters unknown = ParameterResolver.resolve(Map.of(P + "min-scale", "3",
                P + "scale-to-zero-pod-retention-period", "1m"), CONFIG, 0, Reachability.of(""));
        assertThat(unknown.minScale()).isEqualTo(3);
        assertThat(unknown.scaleToZeroPodRetention()).isEqualTo(Duration.ofMinutes(1));
        assertThat(unknown.decider().reachable()).isTrue();
    }

    @Test
    void invalidAnnotationsAreNamedAndDefaultsApply() {
        Parameters p = resolve(Map.of(P + "window", "2s", P + "target", "lots"), 0);
        assertThat(p.problems()).contains(P + "window").contains(P + "target");
        assertThat(p.decider().targetValue()).isEqualTo(70);
        assertThat(p.decider().stableWindow()).isEqualTo(Duration.ofSeconds(60));
        Parameters crossed = resolve(Map.of(P + "minScale", "5", P + "max-scale", "2"), 0);
        assertThat(crossed.problems()).contains("max-scale=2 is less than min-scale=5");
        assertThat(crossed.minScale()).isZero();
        assertThat(crossed.maxScale()).isZero();
    }

    @Test
    void hpaClassDefaultsToCpu() {
        Parameters p = resolve(Map.of(P + "class", "hpa.autoscaling.knative.dev"), 0);
        assertThat(p.metric()).isEqualTo("cpu");
    }
}
