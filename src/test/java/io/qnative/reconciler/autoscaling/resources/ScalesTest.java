package io.qnative.reconciler.autoscaling.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ScalesTest {

    static final AutoscalerConfig DEFAULT = AutoscalerConfig.DEFAULT;

    @Test
    void initialScaleFromAnnotationElseConfig() {
        assertThat(Scales.initialScale(pa(Map.of()), DEFAULT)).isEqualTo(1);
        assertThat(Scales.initialScale(pa(Map.of("autoscaling.knative.dev/initial-scale", "3")), DEFAULT))
                .isEqualTo(3);
        assertThat(Scales.initialScale(pa(Map.of("autoscaling.knative.dev/initialScale", "2")), DEFAULT))
                .isEqualTo(2);
        // Zero only when the cluster allows it.
        assertThat(Scales.initialScale(pa(Map.of("autoscaling.knative.dev/initial-scale", "0")), DEFAULT))
                .isEqualTo(1);
        assertThat(Scales.initialScale(pa(Map.of("autoscaling.knative.dev/initial-scale", "0")), allowZero()))
                .isZero();
    }

    @Test
    void minScaleIgnoredWhenUnreachable() {
        PodAutoscaler pa = pa(Map.of("autoscaling.knative.dev/min-scale", "2"));
        assertThat(Scales.minScale(pa, DEFAULT)).isEqualTo(2);
        pa.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        assertThat(Scales.minScale(pa, DEFAULT)).isZero();
        assertThat(Scales.minScale(pa(Map.of()), DEFAULT)).isZero();
    }

    @Test
    void desiredIsTheInitialScaleUntilInitialisedThenTheCurrentOne() {
        PodAutoscaler pa = pa(Map.of("autoscaling.knative.dev/initial-scale", "3"));
        assertThat(Scales.desired(pa, DEFAULT, 1, false)).isEqualTo(3);
        assertThat(Scales.desired(pa, DEFAULT, 5, true)).isEqualTo(5);
        assertThat(Scales.desired(pa, DEFAULT, null, true)).isEqualTo(3);
    }

    @Test
    void desiredNeverBelowMinNorAboveMax() {
        PodAutoscaler pa = pa(Map.of("autoscaling.knative.dev/min-scale", "2",
                "autoscaling.knative.dev/max-scale", "4"));
        assertThat(Scales.desired(pa, DEFAULT, 0, false)).isEqualTo(2);
        assertThat(Scales.desired(pa, DEFAULT, 1, true)).isEqualTo(2);
        assertThat(Scales.desired(pa, DEFAULT, 9, true)).isEqualTo(4);
    }

    @Test
    void unreachableKeepsItsReplicas() {
        PodAutoscaler pa = pa(Map.of());
        pa.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        assertThat(Scales.desired(pa, DEFAULT, 1, true)).isEqualTo(1);
        assertThat(Scales.desired(pa, DEFAULT, 0, false)).isEqualTo(1);
    }

    @Test
    void activeThreshold() {
        PodAutoscaler pa = pa(Map.of("autoscaling.knative.dev/initial-scale", "3"));
        assertThat(Scales.activeThreshold(pa, DEFAULT, false)).isEqualTo(3);
        assertThat(Scales.activeThreshold(pa, DEFAULT, true)).isEqualTo(1);
        PodAutoscaler min = pa(Map.of("autoscaling.knative.dev/min-scale", "2"));
        assertThat(Scales.activeThreshold(min, DEFAULT, true)).isEqualTo(2);
        PodAutoscaler zero = pa(Map.of("autoscaling.knative.dev/initial-scale", "0"));
        assertThat(Scales.activeThreshold(zero, allowZero(), false)).isZero();
    }

    static PodAutoscaler pa(Map<String, String> annotations) {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        Map<String, String> a = new HashMap<>(annotations);
        a.put("autoscaling.knative.dev/class", "kpa.autoscaling.knative.dev");
        pa.getMetadata().setAnnotations(a);
        return pa;
    }

    private static AutoscalerConfig allowZero() {
        return ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, AutoscalerConfig.NAME,
                Map.of("allow-zero-initial-scale", "true")).autoscaler();
    }
}
