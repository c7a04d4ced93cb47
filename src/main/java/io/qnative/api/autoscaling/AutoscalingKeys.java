package io.qnative.api.autoscaling;

/**
 * The {@code autoscaling.knative.dev/*} revision annotations (Knative's pkg/apis/autoscaling/register.go) and the
 * autoscaling group names. Where a
 * legacy camelCase alias exists it is the {@code *_LEGACY} constant; the kebab-case key wins when both are set.
 */
public final class AutoscalingKeys {

    /** The group of the per-revision annotations. */
    public static final String GROUP = "autoscaling.knative.dev";
    /** The internal group of the PodAutoscaler kind. */
    public static final String INTERNAL_GROUP = "autoscaling.internal.knative.dev";
    /** The prefix of every annotation below. */
    public static final String PREFIX = GROUP + "/";

    /** Autoscaler class: {@link #CLASS_KPA} or {@link #CLASS_HPA}. */
    public static final String CLASS = PREFIX + "class";
    /** Metric: {@code concurrency}, {@code rps} (KPA), {@code cpu}, {@code memory} or custom (HPA). */
    public static final String METRIC = PREFIX + "metric";
    /** Per-pod target of the metric. */
    public static final String TARGET = PREFIX + "target";
    /** Target utilization, 1 to 100 percent. */
    public static final String TARGET_UTILIZATION_PERCENTAGE = PREFIX + "target-utilization-percentage";
    /** Legacy alias of {@link #TARGET_UTILIZATION_PERCENTAGE}. */
    public static final String TARGET_UTILIZATION_PERCENTAGE_LEGACY = PREFIX + "targetUtilizationPercentage";
    /** Target burst capacity, at least 0 or -1 (unlimited). */
    public static final String TARGET_BURST_CAPACITY = PREFIX + "target-burst-capacity";
    /** Legacy alias of {@link #TARGET_BURST_CAPACITY}. */
    public static final String TARGET_BURST_CAPACITY_LEGACY = PREFIX + "targetBurstCapacity";
    /** Stable window, 6s to 1h. */
    public static final String WINDOW = PREFIX + "window";
    /** Panic window as a percentage of the stable window. */
    public static final String PANIC_WINDOW_PERCENTAGE = PREFIX + "panic-window-percentage";
    /** Legacy alias of {@link #PANIC_WINDOW_PERCENTAGE}. */
    public static final String PANIC_WINDOW_PERCENTAGE_LEGACY = PREFIX + "panicWindowPercentage";
    /** Panic threshold, 110 to 1000 percent. */
    public static final String PANIC_THRESHOLD_PERCENTAGE = PREFIX + "panic-threshold-percentage";
    /** Legacy alias of {@link #PANIC_THRESHOLD_PERCENTAGE}. */
    public static final String PANIC_THRESHOLD_PERCENTAGE_LEGACY = PREFIX + "panicThresholdPercentage";
    /** Minimum replicas. */
    public static final String MIN_SCALE = PREFIX + "min-scale";
    /** Legacy alias of {@link #MIN_SCALE}. */
    public static final String MIN_SCALE_LEGACY = PREFIX + "minScale";
    /** Maximum replicas; 0 means unlimited. */
    public static final String MAX_SCALE = PREFIX + "max-scale";
    /** Legacy alias of {@link #MAX_SCALE}. */
    public static final String MAX_SCALE_LEGACY = PREFIX + "maxScale";
    /** Replicas when the Revision is created. */
    public static final String INITIAL_SCALE = PREFIX + "initial-scale";
    /** Legacy alias of {@link #INITIAL_SCALE}. */
    public static final String INITIAL_SCALE_LEGACY = PREFIX + "initialScale";
    /** Minimum replicas once scaling up from zero. */
    public static final String ACTIVATION_SCALE = PREFIX + "activation-scale";
    /** Delay before scaling down, 0 to 1h. */
    public static final String SCALE_DOWN_DELAY = PREFIX + "scale-down-delay";
    /** Legacy alias of {@link #SCALE_DOWN_DELAY}. */
    public static final String SCALE_DOWN_DELAY_LEGACY = PREFIX + "scaleDownDelay";
    /** How long the last pod stays after scale-to-zero is decided, 0 to 1h. */
    public static final String SCALE_TO_ZERO_POD_RETENTION_PERIOD = PREFIX + "scale-to-zero-pod-retention-period";
    /** Legacy alias of {@link #SCALE_TO_ZERO_POD_RETENTION_PERIOD}. */
    public static final String SCALE_TO_ZERO_POD_RETENTION_PERIOD_LEGACY = PREFIX + "scaleToZeroPodRetentionPeriod";
    /** Metric aggregation: {@code linear} or {@code weighted-exponential}. */
    public static final String METRIC_AGGREGATION_ALGORITHM = PREFIX + "metric-aggregation-algorithm";
    /** Legacy alias of {@link #METRIC_AGGREGATION_ALGORITHM}. */
    public static final String METRIC_AGGREGATION_ALGORITHM_LEGACY = PREFIX + "metricAggregationAlgorithm";

    /** The Knative Pod Autoscaler class (default). */
    public static final String CLASS_KPA = "kpa." + GROUP;
    /** The Horizontal Pod Autoscaler class. */
    public static final String CLASS_HPA = "hpa." + GROUP;
    /** Metric: in-flight requests. */
    public static final String METRIC_CONCURRENCY = "concurrency";
    /** Metric: requests per second. */
    public static final String METRIC_RPS = "rps";

    private AutoscalingKeys() {
    }
}
