package io.qnative.autoscaler.scaling;

import static io.qnative.api.autoscaling.ScalingAnnotations.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import io.qnative.api.autoscaling.AnnotationValidation;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.PriorityKey;
import io.qnative.api.validation.FieldError;
import io.qnative.autoscaler.metrics.MetricWindow;
import io.qnative.config.AutoscalerConfig;

/**
 * Resolves a revision's {@link Parameters} (Knative's {@code MakeDecider}, {@code ResolveMetricTarget},
 * {@code MakeMetric}, {@code GetInitialScale} and {@code ScaleBounds}, {@code pkg/reconciler/autoscaling}): each
 * annotation (kebab-case key before its legacy alias) overrides the {@code config-autoscaler} value. An annotation
 * the admission webhook's rules ({@link AnnotationValidation}) refuse (written before the webhook was installed)
 * counts as absent, so the defaults apply, and is named in {@link Parameters#problems()}.
 */
public final class ParameterResolver {

    /** Utilization of the rps metric; not configurable in Knative. */
    public static final double RPS_TARGET_UTILIZATION = 0.7;
    private static final Duration BUCKET = Duration.ofSeconds(1);
    private static final long SECOND_NANOS = 1_000_000_000L;

    private ParameterResolver() {
    }

    /**
     * The parameters of a revision.
     *
     * @param annotations the PodAutoscaler's (the Revision's) annotations
     * @param config {@code config-autoscaler}
     * @param containerConcurrency the revision's containerConcurrency, 0 for unlimited
     * @param reachability whether routes send it traffic
     */
    public static Parameters resolve(Map<String, String> annotations, AutoscalerConfig config,
            long containerConcurrency, Reachability reachability) {
        Map<String, String> given = annotations == null ? Map.of() : annotations;
        FieldError problems = AnnotationValidation.validate(given, config);
        Map<String, String> a = withoutInvalid(given, config, problems);
        String cls = autoscalerClass(a, config.podAutoscalerClass());
        String metric = METRIC_KEY.value(a).orElse(AutoscalingKeys.CLASS_HPA.equals(cls) ? "cpu"
                : AutoscalingKeys.METRIC_CONCURRENCY);
        double[] targets = target(a, config, metric, containerConcurrency);
        Duration stableWindow = duration(a, WINDOW_KEY).orElse(config.stableWindow());
        double panicPct = float64(a, PANIC_WINDOW_PERCENTAGE_KEY).orElse(config.panicWindowPercentage());
        boolean reachable = reachability.reachable();
        DeciderSpec spec = new DeciderSpec(metric, targets[0], targets[1],
                float64(a, TARGET_BURST_CAPACITY_KEY).orElse(config.targetBurstCapacity()),
                float64(a, PANIC_THRESHOLD_PERCENTAGE_KEY).orElse(config.panicThresholdPercentage()) / 100.0,
                config.maxScaleUpRate(), config.maxScaleDownRate(), config.activatorCapacity(),
                stableWindow, panicWindow(stableWindow, panicPct),
                duration(a, SCALE_DOWN_DELAY_KEY).orElse(config.scaleDownDelay()),
                int32(a, ACTIVATION_SCALE_KEY).orElse(0), initialScale(a, config), reachable);
        int min = reachable ? int32(a, MIN_SCALE_KEY).orElse(config.minScale()) : 0;
        int max = int32(a, MAX_SCALE_KEY).orElse(config.maxScale());
        Duration retention = reachable
                ? duration(a, SCALE_TO_ZERO_POD_RETENTION_KEY).orElse(config.scaleToZeroPodRetentionPeriod())
                : Duration.ZERO;
        return new Parameters(cls, metric, spec, algorithm(a), min, max, retention,
                problems.isEmpty() ? "" : problems.error());
    }

    /**
     * The annotations without every key named by a validation error (with its aliases), so the defaults apply where
     * the webhook would have refused the value; repeated because dropping one key can clear a cross-field error.
     */
    private static Map<String, String> withoutInvalid(Map<String, String> annotations, AutoscalerConfig config,
            FieldError problems) {
        Map<String, String> a = annotations;
        FieldError errors = problems;
        for (int round = 0; round < 3 && !errors.isEmpty(); round++) {
            Set<String> bad = new HashSet<>();
            errors.merged().forEach(e -> bad.addAll(e.paths()));
            Map<String, String> kept = new HashMap<>(a);
            for (PriorityKey key : ALL_KEYS) {
                if (key.keys().stream().anyMatch(bad::contains)) {
                    key.keys().forEach(kept::remove);
                }
            }
            a = kept;
            errors = AnnotationValidation.validate(a, config);
        }
        return a;
    }

    private static final List<PriorityKey> ALL_KEYS = List.of(CLASS_KEY, METRIC_KEY, TARGET_KEY,
            TARGET_UTILIZATION_KEY, TARGET_BURST_CAPACITY_KEY, WINDOW_KEY, PANIC_WINDOW_PERCENTAGE_KEY,
            PANIC_THRESHOLD_PERCENTAGE_KEY, MIN_SCALE_KEY, MAX_SCALE_KEY, INITIAL_SCALE_KEY, ACTIVATION_SCALE_KEY,
            SCALE_DOWN_DELAY_KEY, SCALE_TO_ZERO_POD_RETENTION_KEY, METRIC_AGGREGATION_KEY);

    /** {@code ResolveMetricTarget}: {targetValue, totalValue}. */
    private static double[] target(Map<String, String> a, AutoscalerConfig config, String metric, long cc) {
        double total;
        double tu;
        if (AutoscalingKeys.METRIC_RPS.equals(metric)) {
            total = config.requestsPerSecondTargetDefault();
            tu = RPS_TARGET_UTILIZATION;
        } else {
            total = cc;
            if (total == 0) {
                total = config.containerConcurrencyTargetDefault();
            }
            tu = config.containerConcurrencyTargetFraction();
        }
        OptionalDouble annotated = float64(a, TARGET_KEY);
        if (annotated.isPresent()) {
            total = annotated.getAsDouble();
            if (AutoscalingKeys.METRIC_CONCURRENCY.equals(metric) && cc != 0) {
                total = Math.min(annotated.getAsDouble(), (double) cc);
            }
        }
        OptionalDouble utilization = float64(a, TARGET_UTILIZATION_KEY);
        if (utilization.isPresent()) {
            tu = utilization.getAsDouble() / 100;
        }
        return new double[] {Math.max(AutoscalerConfig.TARGET_MIN, total * tu), total};
    }

    /**
     * {@code stableWindow × percentage / 100} in nanoseconds (fraction dropped), rounded to the nearest second
     * (halves up), at least one second.
     */
    public static Duration panicWindow(Duration stableWindow, double percentage) {
        long nanos = (long) ((double) stableWindow.toNanos() * percentage / 100.0);
        long seconds = nanos / SECOND_NANOS;
        long rest = nanos % SECOND_NANOS;
        if (rest + rest >= SECOND_NANOS) {
            seconds++;
        }
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(BUCKET) < 0 ? BUCKET : d;
    }

    /** {@code GetInitialScale}: the annotation when present and (non-zero or zero allowed), else the config's. */
    public static int initialScale(Map<String, String> a, AutoscalerConfig config) {
        var annotated = int32(a, INITIAL_SCALE_KEY);
        if (annotated.isEmpty() || (annotated.getAsInt() == 0 && !config.allowZeroInitialScale())) {
            return config.initialScale();
        }
        return annotated.getAsInt();
    }

    private static MetricWindow.Algorithm algorithm(Map<String, String> a) {
        String v = METRIC_AGGREGATION_KEY.value(a).orElse("");
        return "weighted-exponential".equals(v) || "weightedExponential".equals(v)
                ? MetricWindow.Algorithm.WEIGHTED_EXPONENTIAL : MetricWindow.Algorithm.LINEAR;
    }
}
