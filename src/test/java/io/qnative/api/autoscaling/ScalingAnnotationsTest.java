package io.qnative.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The typed resolver the autoscaler shares with admission: aliases, priority, unparsable as absent. */
class ScalingAnnotationsTest {

    private static final String P = "autoscaling.knative.dev/";

    @Test
    void kebabCaseWinsOverLegacyAlias() {
        Map<String, String> m = Map.of(P + "minScale", "3", P + "min-scale", "2");
        assertThat(ScalingAnnotations.MIN_SCALE_KEY.get(m)).contains(new PriorityKey.Found(P + "min-scale", "2"));
        assertThat(ScalingAnnotations.int32(m, ScalingAnnotations.MIN_SCALE_KEY)).hasValue(2);
        assertThat(ScalingAnnotations.int32(Map.of(P + "maxScale", "7"), ScalingAnnotations.MAX_SCALE_KEY))
                .hasValue(7);
    }

    @Test
    void unparsableCountsAsAbsent() {
        Map<String, String> m = Map.of(P + "target", "x", P + "window", "1y", P + "initial-scale", "1.5");
        assertThat(ScalingAnnotations.float64(m, ScalingAnnotations.TARGET_KEY)).isEmpty();
        assertThat(ScalingAnnotations.duration(m, ScalingAnnotations.WINDOW_KEY)).isEmpty();
        assertThat(ScalingAnnotations.int32(m, ScalingAnnotations.INITIAL_SCALE_KEY)).isEmpty();
        assertThat(ScalingAnnotations.int32(null, ScalingAnnotations.INITIAL_SCALE_KEY)).isEmpty();
    }

    @Test
    void typedValues() {
        Map<String, String> m = Map.of(P + "scaleDownDelay", "1m30s", P + "target", "12.5");
        assertThat(ScalingAnnotations.duration(m, ScalingAnnotations.SCALE_DOWN_DELAY_KEY))
                .contains(Duration.ofSeconds(90));
        assertThat(ScalingAnnotations.float64(m, ScalingAnnotations.TARGET_KEY)).hasValue(12.5);
        assertThat(ScalingAnnotations.autoscalerClass(m, AutoscalingKeys.CLASS_KPA)).isEqualTo(AutoscalingKeys.CLASS_KPA);
        assertThat(ScalingAnnotations.autoscalerClass(Map.of(P + "class", "hpa.autoscaling.knative.dev"),
                AutoscalingKeys.CLASS_KPA)).isEqualTo(AutoscalingKeys.CLASS_HPA);
    }
}
