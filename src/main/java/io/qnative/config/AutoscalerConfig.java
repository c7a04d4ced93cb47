package io.qnative.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code config-autoscaler}: cluster-wide KPA settings (Knative's pkg/autoscaler/config/config.go), Knative's keys
 * and defaults.
 *
 * <p>{@code container-concurrency-target-percentage} is stored as a fraction: values above 1 are divided by 100,
 * so {@code 70} and {@code 0.7} both mean 70 % and {@code 1} means 100 %.
 *
 * @param enableScaleToZero {@code enable-scale-to-zero}
 * @param containerConcurrencyTargetFraction {@code container-concurrency-target-percentage}, as a fraction in (0, 1]
 * @param containerConcurrencyTargetDefault {@code container-concurrency-target-default}
 * @param requestsPerSecondTargetDefault {@code requests-per-second-target-default}
 * @param targetBurstCapacity {@code target-burst-capacity}; -1 means unlimited
 * @param stableWindow {@code stable-window}
 * @param panicWindowPercentage {@code panic-window-percentage}
 * @param panicThresholdPercentage {@code panic-threshold-percentage}
 * @param maxScaleUpRate {@code max-scale-up-rate}
 * @param maxScaleDownRate {@code max-scale-down-rate}
 * @param scaleToZeroGracePeriod {@code scale-to-zero-grace-period}
 * @param scaleToZeroPodRetentionPeriod {@code scale-to-zero-pod-retention-period}
 * @param scaleDownDelay {@code scale-down-delay}
 * @param activatorCapacity {@code activator-capacity}
 * @param initialScale {@code initial-scale}
 * @param allowZeroInitialScale {@code allow-zero-initial-scale}
 * @param minScale {@code min-scale}
 * @param maxScale {@code max-scale}; 0 means unbounded
 * @param maxScaleLimit {@code max-scale-limit}; 0 means none
 * @param podAutoscalerClass {@code pod-autoscaler-class}
 */
public record AutoscalerConfig(
        boolean enableScaleToZero,
        double containerConcurrencyTargetFraction,
        double containerConcurrencyTargetDefault,
        double requestsPerSecondTargetDefault,
        double targetBurstCapacity,
        Duration stableWindow,
        double panicWindowPercentage,
        double panicThresholdPercentage,
        double maxScaleUpRate,
        double maxScaleDownRate,
        Duration scaleToZeroGracePeriod,
        Duration scaleToZeroPodRetentionPeriod,
        Duration scaleDownDelay,
        double activatorCapacity,
        int initialScale,
        boolean allowZeroInitialScale,
        int minScale,
        int maxScale,
        int maxScaleLimit,
        String podAutoscalerClass) {

    /** The ConfigMap name. */
    public static final String NAME = "config-autoscaler";
    /** The Knative Pod Autoscaler class. */
    public static final String KPA_CLASS = "kpa.autoscaling.knative.dev";
    /** The smallest per-pod target Knative accepts. */
    public static final double TARGET_MIN = 0.01;
    /** Shortest stable window. */
    public static final Duration WINDOW_MIN = Duration.ofSeconds(6);
    /** Longest stable window. */
    public static final Duration WINDOW_MAX = Duration.ofHours(1);

    /** Knative's defaults. */
    public static final AutoscalerConfig DEFAULT = new AutoscalerConfig(true, 0.7, 100, 200, 211,
            Duration.ofSeconds(60), 10, 200, 1000, 2, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO,
            100, 1, false, 0, 0, 0, KPA_CLASS);

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException with every invalid key
     */
    public static AutoscalerConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        AutoscalerConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static AutoscalerConfig read(MapReader r) {
        AutoscalerConfig d = DEFAULT;
        double percentage = r.float64(70, "container-concurrency-target-percentage");
        AutoscalerConfig c = new AutoscalerConfig(
                r.bool(d.enableScaleToZero, "enable-scale-to-zero"),
                percentage > 1 ? percentage / 100 : percentage,
                r.float64(d.containerConcurrencyTargetDefault, "container-concurrency-target-default"),
                r.float64(d.requestsPerSecondTargetDefault, "requests-per-second-target-default"),
                r.float64(d.targetBurstCapacity, "target-burst-capacity"),
                r.duration(d.stableWindow, "stable-window"),
                r.float64(d.panicWindowPercentage, "panic-window-percentage"),
                r.float64(d.panicThresholdPercentage, "panic-threshold-percentage"),
                r.float64(d.maxScaleUpRate, "max-scale-up-rate"),
                r.float64(d.maxScaleDownRate, "max-scale-down-rate"),
                r.duration(d.scaleToZeroGracePeriod, "scale-to-zero-grace-period"),
                r.duration(d.scaleToZeroPodRetentionPeriod, "scale-to-zero-pod-retention-period"),
                r.duration(d.scaleDownDelay, "scale-down-delay"),
                r.float64(d.activatorCapacity, "activator-capacity"),
                r.int32(d.initialScale, "initial-scale"),
                r.bool(d.allowZeroInitialScale, "allow-zero-initial-scale"),
                r.int32(d.minScale, "min-scale"),
                r.int32(d.maxScale, "max-scale"),
                r.int32(d.maxScaleLimit, "max-scale-limit"),
                r.string(d.podAutoscalerClass, "pod-autoscaler-class"));
        c.validate(r);
        return c;
    }

    private void validate(MapReader r) {
        if (containerConcurrencyTargetFraction <= 0 || containerConcurrencyTargetFraction > 1) {
            r.problemAt("container-concurrency-target-percentage", "must be in (0, 100]");
        } else if (containerConcurrencyTargetFraction * containerConcurrencyTargetDefault < TARGET_MIN) {
            r.problemAt("container-concurrency-target-default", "with container-concurrency-target-percentage "
                    + "it yields a target concurrency below " + TARGET_MIN);
        }
        if (requestsPerSecondTargetDefault < TARGET_MIN) {
            r.problemAt("requests-per-second-target-default", "must be at least " + TARGET_MIN);
        }
        if (targetBurstCapacity < 0 && targetBurstCapacity != -1) {
            r.problemAt("target-burst-capacity", "must be non-negative, or -1 for unlimited");
        }
        if (stableWindow.compareTo(WINDOW_MIN) < 0 || stableWindow.compareTo(WINDOW_MAX) > 0) {
            r.problemAt("stable-window", "must be between 6s and 1h");
        } else if (stableWindow.getNano() != 0) {
            r.problemAt("stable-window", "must be a whole number of seconds");
        }
        if (panicWindowPercentage < 1 || panicWindowPercentage > 100) {
            r.problemAt("panic-window-percentage", "must be between 1 and 100");
        }
        if (maxScaleUpRate <= 1) {
            r.problemAt("max-scale-up-rate", "must be greater than 1");
        }
        if (maxScaleDownRate <= 1) {
            r.problemAt("max-scale-down-rate", "must be greater than 1");
        }
        if (scaleToZeroGracePeriod.isNegative() || scaleToZeroGracePeriod.isZero()) {
            r.problemAt("scale-to-zero-grace-period", "must be positive");
        }
        if (scaleToZeroPodRetentionPeriod.isNegative()) {
            r.problemAt("scale-to-zero-pod-retention-period", "must not be negative");
        }
        if (scaleDownDelay.isNegative()) {
            r.problemAt("scale-down-delay", "must not be negative");
        } else if (scaleDownDelay.getNano() != 0) {
            r.problemAt("scale-down-delay", "must be a whole number of seconds");
        }
        if (activatorCapacity < 1) {
            r.problemAt("activator-capacity", "must be at least 1");
        }
        if (initialScale < 0 || (initialScale == 0 && !allowZeroInitialScale)) {
            r.problemAt("initial-scale", "must be at least 1 (or 0 when allow-zero-initial-scale is true)");
        }
        validateScaleBounds(r);
    }

    private void validateScaleBounds(MapReader r) {
        if (maxScaleLimit < 0) {
            r.problemAt("max-scale-limit", "must not be negative");
        }
        if (maxScale < 0) {
            r.problemAt("max-scale", "must not be negative");
        } else if (maxScaleLimit > 0 && (maxScale < 1 || maxScale > maxScaleLimit)) {
            r.problemAt("max-scale", "must be between 1 and max-scale-limit (" + maxScaleLimit + ")");
        }
        if (minScale < 0) {
            r.problemAt("min-scale", "must not be negative");
        } else if (maxScale > 0 && minScale > maxScale) {
            r.problemAt("min-scale", "must not be greater than max-scale (" + maxScale + ")");
        }
    }
}
