package io.qnative.api.autoscaling;

import static io.qnative.api.autoscaling.AutoscalingKeys.*;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.qnative.config.GoValues;

/**
 * The per-revision {@code autoscaling.knative.dev/*} annotations (Knative's pkg/apis/autoscaling/register.go) with
 * their aliases, and a resolver that
 * reads them as typed values: an unparsable value counts as absent (admission normally refuses it first). The
 * autoscaler and {@link AnnotationValidation} use the same keys.
 */
public final class ScalingAnnotations {

    public static final PriorityKey CLASS_KEY = PriorityKey.of(CLASS);
    public static final PriorityKey METRIC_KEY = PriorityKey.of(METRIC);
    public static final PriorityKey TARGET_KEY = PriorityKey.of(TARGET);
    public static final PriorityKey TARGET_UTILIZATION_KEY =
            PriorityKey.of(TARGET_UTILIZATION_PERCENTAGE, TARGET_UTILIZATION_PERCENTAGE_LEGACY);
    public static final PriorityKey TARGET_BURST_CAPACITY_KEY =
            PriorityKey.of(TARGET_BURST_CAPACITY, TARGET_BURST_CAPACITY_LEGACY);
    public static final PriorityKey WINDOW_KEY = PriorityKey.of(WINDOW);
    public static final PriorityKey PANIC_WINDOW_PERCENTAGE_KEY =
            PriorityKey.of(PANIC_WINDOW_PERCENTAGE, PANIC_WINDOW_PERCENTAGE_LEGACY);
    public static final PriorityKey PANIC_THRESHOLD_PERCENTAGE_KEY =
            PriorityKey.of(PANIC_THRESHOLD_PERCENTAGE, PANIC_THRESHOLD_PERCENTAGE_LEGACY);
    public static final PriorityKey MIN_SCALE_KEY = PriorityKey.of(MIN_SCALE, MIN_SCALE_LEGACY);
    public static final PriorityKey MAX_SCALE_KEY = PriorityKey.of(MAX_SCALE, MAX_SCALE_LEGACY);
    public static final PriorityKey INITIAL_SCALE_KEY = PriorityKey.of(INITIAL_SCALE, INITIAL_SCALE_LEGACY);
    public static final PriorityKey ACTIVATION_SCALE_KEY = PriorityKey.of(ACTIVATION_SCALE);
    public static final PriorityKey SCALE_DOWN_DELAY_KEY = PriorityKey.of(SCALE_DOWN_DELAY, SCALE_DOWN_DELAY_LEGACY);
    public static final PriorityKey SCALE_TO_ZERO_POD_RETENTION_KEY =
            PriorityKey.of(SCALE_TO_ZERO_POD_RETENTION_PERIOD, SCALE_TO_ZERO_POD_RETENTION_PERIOD_LEGACY);
    public static final PriorityKey METRIC_AGGREGATION_KEY =
            PriorityKey.of(METRIC_AGGREGATION_ALGORITHM, METRIC_AGGREGATION_ALGORITHM_LEGACY);

    private ScalingAnnotations() {
    }

    /** An int32 annotation; empty when absent or unparsable. */
    public static OptionalInt int32(Map<String, String> annotations, PriorityKey key) {
        Optional<String> v = key.value(annotations);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A float annotation; empty when absent or unparsable. */
    public static OptionalDouble float64(Map<String, String> annotations, PriorityKey key) {
        Optional<String> v = key.value(annotations);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(GoValues.parseFloat(v.get()));
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
    }

    /** A Go-duration annotation; empty when absent or unparsable. */
    public static Optional<Duration> duration(Map<String, String> annotations, PriorityKey key) {
        try {
            return key.value(annotations).map(GoValues::parseDuration);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The effective autoscaler class: the annotation, else the configured default. */
    public static String autoscalerClass(Map<String, String> annotations, String configuredDefault) {
        return CLASS_KEY.value(annotations).orElse(configuredDefault);
    }
}
