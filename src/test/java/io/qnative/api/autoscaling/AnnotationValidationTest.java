package io.qnative.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.config.AutoscalerConfig;

/** The autoscaling annotation table (Knative's {@code pkg/apis/autoscaling/annotation_validation_test.go}). */
class AnnotationValidationTest {

    private static final String P = "autoscaling.knative.dev/";
    private static final AutoscalerConfig DEFAULT = AutoscalerConfig.DEFAULT;
    private static final AutoscalerConfig LIMIT_10 = AutoscalerConfig.parse(Map.of("max-scale-limit", "10", "max-scale", "10"));
    private static final AutoscalerConfig ZERO_OK = AutoscalerConfig.parse(Map.of("allow-zero-initial-scale", "true"));
    private static final AutoscalerConfig HPA_DEFAULT =
            AutoscalerConfig.parse(Map.of("pod-autoscaler-class", "hpa.autoscaling.knative.dev"));

    static Stream<Arguments> cases() {
        return Stream.of(
                row("nil", Map.of(), DEFAULT, null),
                row("all valid", Map.ofEntries(
                        Map.entry(P + "class", "kpa.autoscaling.knative.dev"), Map.entry(P + "min-scale", "1"),
                        Map.entry(P + "max-scale", "5"), Map.entry(P + "initial-scale", "2"),
                        Map.entry(P + "activation-scale", "3"), Map.entry(P + "target", "0.01"),
                        Map.entry(P + "target-utilization-percentage", "70"),
                        Map.entry(P + "panic-window-percentage", "10"),
                        Map.entry(P + "panic-threshold-percentage", "200"),
                        Map.entry(P + "target-burst-capacity", "-1"), Map.entry(P + "window", "1m"),
                        Map.entry(P + "scale-down-delay", "30s"),
                        Map.entry(P + "scale-to-zero-pod-retention-period", "1m5s"),
                        Map.entry(P + "metric", "rps"), Map.entry(P + "metric-aggregation-algorithm", "linear")),
                        DEFAULT, null),
                row("foreign class", Map.of(P + "class", "example.com/custom", P + "metric", "anything"), DEFAULT,
                        null),
                row("bad knative class", Map.of(P + "class", "foo.knative.dev"), DEFAULT,
                        "invalid value: foo.knative.dev: autoscaling.knative.dev/class"),
                row("min-scale not int", Map.of(P + "min-scale", "0.5"), DEFAULT,
                        "invalid value: 0.5: autoscaling.knative.dev/min-scale"),
                row("min-scale negative", Map.of(P + "minScale", "-1"), DEFAULT,
                        "expected 0 <= -1 <= 2147483647: autoscaling.knative.dev/minScale"),
                row("max-scale overflow", Map.of(P + "max-scale", "2147483648"), DEFAULT,
                        "expected 0 <= 2147483648 <= 2147483647: autoscaling.knative.dev/max-scale"),
                row("max < min at both canonical keys", Map.of(P + "minScale", "5", P + "max-scale", "2"), DEFAULT,
                        "max-scale=2 is less than min-scale=5: autoscaling.knative.dev/max-scale, "
                                + "autoscaling.knative.dev/min-scale"),
                row("kebab wins over alias", Map.of(P + "min-scale", "1", P + "minScale", "x"), DEFAULT, null),
                row("max above limit", Map.of(P + "max-scale", "11"), LIMIT_10,
                        "expected 1 <= 11 <= 10: autoscaling.knative.dev/max-scale"),
                row("max 0 with limit", Map.of(P + "max-scale", "0"), LIMIT_10,
                        "max-scale=0 (unlimited), must be less than 10: autoscaling.knative.dev/max-scale"),
                row("activation not int", Map.of(P + "activation-scale", "x"), DEFAULT,
                        "invalid value: x: autoscaling.knative.dev/activation-scale"),
                row("activation below min", Map.of(P + "activation-scale", "2", P + "min-scale", "3"), DEFAULT,
                        "min-scale=3 is greater than activation-scale=2: autoscaling.knative.dev/activation-scale"),
                row("activation above max", Map.of(P + "activation-scale", "4", P + "max-scale", "3"), DEFAULT,
                        "max-scale=3 is less than activation-scale=4: autoscaling.knative.dev/activation-scale"),
                row("activation 1", Map.of(P + "activation-scale", "1"), DEFAULT,
                        "activation-scale=1 must be greater than 1: autoscaling.knative.dev/activation-scale"),
                row("initial not int", Map.of(P + "initial-scale", "x"), DEFAULT,
                        "invalid value: x: autoscaling.knative.dev/initial-scale"),
                row("initial negative", Map.of(P + "initialScale", "-2"), DEFAULT,
                        "invalid value: -2: autoscaling.knative.dev/initialScale must be greater than 0"),
                row("initial zero refused", Map.of(P + "initial-scale", "0"), DEFAULT,
                        "invalid value: 0: autoscaling.knative.dev/initial-scale=0 not allowed by cluster"),
                row("initial zero allowed", Map.of(P + "initial-scale", "0"), ZERO_OK, null),
                row("initial beyond int32 is an int", Map.of(P + "initial-scale", "3000000000"), DEFAULT, null),
                row("target too small", Map.of(P + "target", "0.001"), DEFAULT,
                        "target 0.001 should be at least 0.01: autoscaling.knative.dev/target"),
                row("target unparsable", Map.of(P + "target", "x"), DEFAULT,
                        "invalid value: x: autoscaling.knative.dev/target"),
                row("utilization range", Map.of(P + "targetUtilizationPercentage", "101"), DEFAULT,
                        "expected 1 <= 101 <= 100: autoscaling.knative.dev/targetUtilizationPercentage"),
                row("panic window range", Map.of(P + "panic-window-percentage", "0.5"), DEFAULT,
                        "expected 1 <= 0.5 <= 100: autoscaling.knative.dev/panic-window-percentage"),
                row("panic threshold range", Map.of(P + "panicThresholdPercentage", "1001"), DEFAULT,
                        "expected 110 <= 1001 <= 1000: autoscaling.knative.dev/panicThresholdPercentage"),
                row("tbc -2", Map.of(P + "target-burst-capacity", "-2"), DEFAULT,
                        "invalid value: -2: autoscaling.knative.dev/target-burst-capacity"),
                row("tbc 0", Map.of(P + "targetBurstCapacity", "0"), DEFAULT, null),
                row("window too short", Map.of(P + "window", "5s"), DEFAULT,
                        "expected 6s <= 5s <= 1h0m0s: autoscaling.knative.dev/window"),
                row("window precision", Map.of(P + "window", "10500ms"), DEFAULT,
                        "must be specified with at most second precision: autoscaling.knative.dev/window"),
                row("window unparsable", Map.of(P + "window", "1x"), DEFAULT,
                        "invalid value: 1x: autoscaling.knative.dev/window"),
                row("scale-down-delay range", Map.of(P + "scaleDownDelay", "2h"), DEFAULT,
                        "expected 0s <= 2h <= 1h0m0s: autoscaling.knative.dev/scaleDownDelay"),
                row("scale-down-delay precision", Map.of(P + "scale-down-delay", "1.5s"), DEFAULT,
                        "must be specified with at most second precision: autoscaling.knative.dev/scale-down-delay"),
                row("retention negative", Map.of(P + "scale-to-zero-pod-retention-period", "-1s"), DEFAULT,
                        "expected 0s <= -1s <= 1h0m0s: autoscaling.knative.dev/scale-to-zero-pod-retention-period"),
                row("kpa metric cpu", Map.of(P + "metric", "cpu"), DEFAULT,
                        "invalid value: cpu: autoscaling.knative.dev/metric"),
                row("hpa metric cpu", Map.of(P + "class", "hpa.autoscaling.knative.dev", P + "metric", "cpu"),
                        DEFAULT, null),
                row("hpa empty metric", Map.of(P + "class", "hpa.autoscaling.knative.dev", P + "metric", ""),
                        DEFAULT, "invalid value: : autoscaling.knative.dev/metric"),
                row("configured hpa class", Map.of(P + "metric", "memory"), HPA_DEFAULT, null),
                row("algorithm only for explicit kpa", Map.of(P + "metric-aggregation-algorithm", "bogus"), DEFAULT,
                        null),
                row("bad algorithm under kpa", Map.of(P + "class", "kpa.autoscaling.knative.dev",
                        P + "metricAggregationAlgorithm", "bogus"), DEFAULT,
                        "invalid value: bogus: autoscaling.knative.dev/metricAggregationAlgorithm"),
                row("every error at once", Map.of(P + "min-scale", "x", P + "window", "1s", P + "target", "0"),
                        DEFAULT, """
                        expected 6s <= 1s <= 1h0m0s: autoscaling.knative.dev/window
                        invalid value: x: autoscaling.knative.dev/min-scale
                        target 0 should be at least 0.01: autoscaling.knative.dev/target"""));
    }

    private static Arguments row(String name, Map<String, String> annotations, AutoscalerConfig config,
            String expected) {
        return Arguments.of(name, annotations, config, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Map<String, String> annotations, AutoscalerConfig config, String expected) {
        assertThat(AnnotationValidation.validate(annotations, config).error()).isEqualTo(expected);
    }
}
