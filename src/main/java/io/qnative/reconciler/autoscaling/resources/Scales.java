package io.qnative.reconciler.autoscaling.resources;

import java.util.Map;

import io.qnative.api.autoscaling.ScalingAnnotations;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.config.AutoscalerConfig;
import io.qnative.reconciler.revision.resources.PodAutoscalers;

/**
 * The scale arithmetic of the basic PodAutoscaler (no metrics yet): Knative's {@code ScaleBounds},
 * {@code GetInitialScale} and {@code activeThreshold}, and the replicas the scale target is given.
 */
public final class Scales {

    private Scales() {
    }

    /**
     * {@code GetInitialScale}: the {@code initial-scale} annotation when present and (non-zero or zero is allowed by
     * {@code allow-zero-initial-scale}), else {@code config-autoscaler}'s {@code initial-scale}.
     */
    public static int initialScale(PodAutoscaler pa, AutoscalerConfig config) {
        var annotated = ScalingAnnotations.int32(annotations(pa), ScalingAnnotations.INITIAL_SCALE_KEY);
        if (annotated.isEmpty() || (annotated.getAsInt() == 0 && !config.allowZeroInitialScale())) {
            return config.initialScale();
        }
        return annotated.getAsInt();
    }

    /**
     * The lower bound of {@code ScaleBounds}: the {@code min-scale} annotation, else the configured one; 0 for an
     * unreachable revision (min-scale is ignored once no route sends it traffic).
     */
    public static int minScale(PodAutoscaler pa, AutoscalerConfig config) {
        if (PodAutoscalers.UNREACHABLE.equals(pa.getSpec() == null ? null : pa.getSpec().getReachability())) {
            return 0;
        }
        return ScalingAnnotations.int32(annotations(pa), ScalingAnnotations.MIN_SCALE_KEY)
                .orElse(config.minScale());
    }

    /** The upper bound of {@code ScaleBounds}: the {@code max-scale} annotation, else the configured one; 0 = none. */
    public static int maxScale(PodAutoscaler pa, AutoscalerConfig config) {
        return ScalingAnnotations.int32(annotations(pa), ScalingAnnotations.MAX_SCALE_KEY)
                .orElse(config.maxScale());
    }

    /**
     * The replicas the scale target should have. Until the target was initialised that is the initial scale; after,
     * the replicas it has (there is no metric-driven decision yet: the KPA will make it). Either way at least
     * min-scale and at most max-scale (when set). An unreachable revision with min-scale 0 therefore stays where it
     * is instead of going to zero.
     *
     * @param current the target's spec.replicas, or null when unset
     * @param initialized whether ScaleTargetInitialized is True
     */
    public static int desired(PodAutoscaler pa, AutoscalerConfig config, Integer current, boolean initialized) {
        int want = initialized && current != null ? current : initialScale(pa, config);
        want = Math.max(want, minScale(pa, config));
        int max = maxScale(pa, config);
        return max > 0 ? Math.min(want, max) : want;
    }

    /**
     * {@code activeThreshold}: the ready replicas that make the PA Active (and, before initialisation, initialised):
     * max(min-scale, initial scale) until initialised, max(min-scale, 1) after.
     */
    public static int activeThreshold(PodAutoscaler pa, AutoscalerConfig config, boolean initialized) {
        int min = minScale(pa, config);
        return initialized ? Math.max(min, 1) : Math.max(min, initialScale(pa, config));
    }

    private static Map<String, String> annotations(PodAutoscaler pa) {
        Map<String, String> a = pa.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }
}
