package io.qnative.api.autoscaling;

import static io.qnative.api.autoscaling.ScalingAnnotations.*;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.qnative.api.validation.FieldError;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.GoValues;

/**
 * Validation of the {@code autoscaling.knative.dev/*} annotations (Knative's
 * {@code pkg/apis/autoscaling/annotation_validation.go}; pkg/apis/autoscaling/register.go): ranges, precision and the
 * cross-field rules, against {@code config-autoscaler}. Paths are the annotation keys as written; callers prefix
 * them ({@code metadata.annotations}).
 */
public final class AnnotationValidation {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Duration WINDOW_MIN = AutoscalerConfig.WINDOW_MIN;
    private static final Duration WINDOW_MAX = AutoscalerConfig.WINDOW_MAX;
    private static final List<String> ALGORITHMS = List.of("linear", "weighted-exponential", "weightedExponential");

    private AnnotationValidation() {
    }

    /** Every problem of the annotations; {@link FieldError#none()} when valid. */
    public static FieldError validate(Map<String, String> annotations, AutoscalerConfig config) {
        Map<String, String> m = annotations == null ? Map.of() : annotations;
        return validateClass(m)
                .also(validateMinMaxScale(config, m))
                .also(validateFloats(m))
                .also(validateWindow(m))
                .also(validateLastPodRetention(m))
                .also(validateScaleDownDelay(m))
                .also(validateMetric(config, m))
                .also(validateAlgorithm(m))
                .also(validateInitialScale(config, m))
                .also(validateActivationScale(m));
    }

    private static FieldError validateClass(Map<String, String> m) {
        return CLASS_KEY.get(m)
                .filter(f -> f.value().endsWith(".knative.dev") && !f.value().equals(AutoscalingKeys.CLASS_KPA)
                        && !f.value().equals(AutoscalingKeys.CLASS_HPA))
                .map(f -> FieldError.invalidValue(f.value(), f.key()))
                .orElse(FieldError.none());
    }

    private record IntResult(int value, FieldError error) {
    }

    /** Knative's {@code getIntGE0}: 0 when absent or broken, with the error. */
    private static IntResult intGE0(Map<String, String> m, PriorityKey key) {
        Optional<PriorityKey.Found> found = key.get(m);
        if (found.isEmpty()) {
            return new IntResult(0, FieldError.none());
        }
        String k = found.get().key();
        String v = found.get().value();
        if (!INTEGER.matcher(v).matches()) {
            return new IntResult(0, FieldError.invalidValue(v, k));
        }
        BigInteger i = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            return new IntResult(0, FieldError.outOfBoundsValue(v, 0, Integer.MAX_VALUE, k));
        }
        return new IntResult(i.intValue(), FieldError.none());
    }

    private static FieldError validateMinMaxScale(AutoscalerConfig config, Map<String, String> m) {
        IntResult min = intGE0(m, MIN_SCALE_KEY);
        IntResult max = intGE0(m, MAX_SCALE_KEY);
        FieldError errs = min.error().also(max.error());
        if (max.value() != 0 && max.value() < min.value()) {
            errs = errs.also(FieldError.generic("max-scale=" + max.value() + " is less than min-scale=" + min.value(),
                    AutoscalingKeys.MAX_SCALE, AutoscalingKeys.MIN_SCALE));
        }
        Optional<PriorityKey.Found> maxFound = MAX_SCALE_KEY.get(m);
        if (maxFound.isPresent() && config.maxScaleLimit() != 0) {
            String k = maxFound.get().key();
            if (max.value() > config.maxScaleLimit()) {
                errs = errs.also(FieldError.outOfBoundsValue(max.value(), 1, config.maxScaleLimit(), k));
            }
            if (max.value() == 0) {
                errs = errs.also(FieldError.generic(
                        "max-scale=0 (unlimited), must be less than " + config.maxScaleLimit(), k));
            }
        }
        return errs;
    }

    private static FieldError validateFloats(Map<String, String> m) {
        FieldError errs = FieldError.none();
        errs = errs.also(floatInRange(m, PANIC_WINDOW_PERCENTAGE_KEY, 1, 100));
        errs = errs.also(floatInRange(m, PANIC_THRESHOLD_PERCENTAGE_KEY, 110, 1000));
        Optional<PriorityKey.Found> target = TARGET_KEY.get(m);
        if (target.isPresent()) {
            Double v = parseFloat(target.get().value());
            if (v == null) {
                errs = errs.also(FieldError.invalidValue(target.get().value(), target.get().key()));
            } else if (v < AutoscalerConfig.TARGET_MIN) {
                errs = errs.also(FieldError.generic("target " + target.get().value() + " should be at least "
                        + AutoscalerConfig.TARGET_MIN, target.get().key()));
            }
        }
        errs = errs.also(floatInRange(m, TARGET_UTILIZATION_KEY, 1, 100));
        Optional<PriorityKey.Found> tbc = TARGET_BURST_CAPACITY_KEY.get(m);
        if (tbc.isPresent()) {
            Double v = parseFloat(tbc.get().value());
            if (v == null || v < 0 && v != -1) {
                errs = errs.also(FieldError.invalidValue(tbc.get().value(), tbc.get().key()));
            }
        }
        return errs;
    }

    private static FieldError floatInRange(Map<String, String> m, PriorityKey key, int lo, int hi) {
        Optional<PriorityKey.Found> f = key.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        Double v = parseFloat(f.get().value());
        if (v == null) {
            return FieldError.invalidValue(f.get().value(), f.get().key());
        }
        if (v < lo || v > hi) {
            return FieldError.outOfBoundsValue(f.get().value(), lo, hi, f.get().key());
        }
        return FieldError.none();
    }

    private static Double parseFloat(String v) {
        try {
            return GoValues.parseFloat(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration parseDuration(String v) {
        try {
            return GoValues.parseDuration(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean wholeSeconds(Duration d) {
        return d.getNano() == 0;
    }

    private static FieldError validateWindow(Map<String, String> m) {
        Optional<PriorityKey.Found> f = WINDOW_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        String k = AutoscalingKeys.WINDOW;
        Duration d = parseDuration(f.get().value());
        if (d == null) {
            return FieldError.invalidValue(f.get().value(), k);
        }
        if (d.compareTo(WINDOW_MIN) < 0 || d.compareTo(WINDOW_MAX) > 0) {
            return FieldError.outOfBoundsValue(f.get().value(), WINDOW_MIN, WINDOW_MAX, k);
        }
        if (!wholeSeconds(d)) {
            return FieldError.generic("must be specified with at most second precision", k);
        }
        return FieldError.none();
    }

    private static FieldError validateLastPodRetention(Map<String, String> m) {
        Optional<PriorityKey.Found> f = SCALE_TO_ZERO_POD_RETENTION_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        Duration d = parseDuration(f.get().value());
        if (d == null) {
            return FieldError.invalidValue(f.get().value(), f.get().key());
        }
        if (d.isNegative() || d.compareTo(WINDOW_MAX) > 0) {
            return FieldError.outOfBoundsValue(f.get().value(), Duration.ZERO, WINDOW_MAX, f.get().key());
        }
        return FieldError.none();
    }

    private static FieldError validateScaleDownDelay(Map<String, String> m) {
        Optional<PriorityKey.Found> f = SCALE_DOWN_DELAY_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        Duration d = parseDuration(f.get().value());
        if (d == null) {
            return FieldError.invalidValue(f.get().value(), f.get().key());
        }
        if (d.isNegative() || d.compareTo(WINDOW_MAX) > 0) {
            return FieldError.outOfBoundsValue(f.get().value(), Duration.ZERO, WINDOW_MAX, f.get().key());
        }
        if (!wholeSeconds(d)) {
            return FieldError.generic("must be specified with at most second precision", f.get().key());
        }
        return FieldError.none();
    }

    private static FieldError validateMetric(AutoscalerConfig config, Map<String, String> m) {
        Optional<PriorityKey.Found> f = METRIC_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        String metric = f.get().value();
        String cls = autoscalerClass(m, config.podAutoscalerClass());
        boolean ok;
        if (AutoscalingKeys.CLASS_KPA.equals(cls)) {
            ok = AutoscalingKeys.METRIC_CONCURRENCY.equals(metric) || AutoscalingKeys.METRIC_RPS.equals(metric);
        } else if (AutoscalingKeys.CLASS_HPA.equals(cls)) {
            ok = !metric.isEmpty();
        } else {
            ok = true;
        }
        return ok ? FieldError.none() : FieldError.invalidValue(metric, AutoscalingKeys.METRIC);
    }

    private static FieldError validateAlgorithm(Map<String, String> m) {
        if (!AutoscalingKeys.CLASS_KPA.equals(CLASS_KEY.value(m).orElse(""))) {
            return FieldError.none();
        }
        Optional<PriorityKey.Found> f = METRIC_AGGREGATION_KEY.get(m);
        if (f.isEmpty() || f.get().value().isEmpty() || ALGORITHMS.contains(f.get().value())) {
            return FieldError.none();
        }
        return FieldError.invalidValue(f.get().value(), f.get().key());
    }

    private static FieldError validateInitialScale(AutoscalerConfig config, Map<String, String> m) {
        Optional<PriorityKey.Found> f = INITIAL_SCALE_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        String k = f.get().key();
        String v = f.get().value();
        long i;
        try {
            i = Long.parseLong(v); // Go's strconv.Atoi: a 64-bit int
        } catch (NumberFormatException e) {
            return FieldError.invalidValue(v, k);
        }
        if (i < 0) {
            return FieldError.invalidValue(v, k + " must be greater than 0");
        }
        if (i == 0 && !config.allowZeroInitialScale()) {
            return FieldError.invalidValue(v, k + "=0 not allowed by cluster");
        }
        return FieldError.none();
    }

    private static FieldError validateActivationScale(Map<String, String> m) {
        Optional<PriorityKey.Found> f = ACTIVATION_SCALE_KEY.get(m);
        if (f.isEmpty()) {
            return FieldError.none();
        }
        String k = f.get().key();
        int a;
        try {
            a = GoValues.parseInt32(f.get().value());
        } catch (IllegalArgumentException e) {
            return FieldError.invalidValue(f.get().value(), k);
        }
        int min = intGE0(m, MIN_SCALE_KEY).value();
        int max = intGE0(m, MAX_SCALE_KEY).value();
        if (min > a) {
            return FieldError.generic("min-scale=" + min + " is greater than activation-scale=" + a, k);
        }
        if (max != 0 && max < a) {
            return FieldError.generic("max-scale=" + max + " is less than activation-scale=" + a, k);
        }
        if (a < 2) {
            return FieldError.generic("activation-scale=" + a + " must be greater than 1", k);
        }
        return FieldError.none();
    }
}
