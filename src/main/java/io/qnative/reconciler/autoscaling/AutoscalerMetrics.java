package io.qnative.reconciler.autoscaling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.scaling.DeciderSpec;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.observability.MetricNames;

/**
 * The KPA's per-revision gauges (Knative's autoscaler metrics, {@code pkg/autoscaler/metrics/metrics.go}), tagged
 * {@code namespace_name} and {@code revision_name}: desired, requested and actual pods, panic mode, the stable and
 * panic averages of the scaling metric and its per-pod target, and the excess burst capacity. Removed with the
 * revision.
 */
public final class AutoscalerMetrics {

    /** The latest values of one revision. */
    private static final class Values {
        volatile double desired = Double.NaN;
        volatile double requested = Double.NaN;
        volatile double actual = Double.NaN;
        volatile double panicMode;
        volatile double stableConcurrency = Double.NaN;
        volatile double panicConcurrency = Double.NaN;
        volatile double targetConcurrency = Double.NaN;
        volatile double stableRps = Double.NaN;
        volatile double panicRps = Double.NaN;
        volatile double targetRps = Double.NaN;
        volatile double ebc = Double.NaN;
        List<Meter> meters = List.of();
    }

    private final MeterRegistry registry;
    private final Map<RevisionKey, Values> revisions = new ConcurrentHashMap<>();

    /** Gauges in {@code registry}. */
    public AutoscalerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes a revision's latest decision, the scale requested of its target and its ready pods. */
    public void report(RevisionKey key, DeciderSpec spec, Decision decision, int requested, int ready) {
        Values v = revisions.computeIfAbsent(key, this::register);
        boolean rps = "rps".equals(spec.scalingMetric());
        v.desired = decision.desiredScale();
        v.requested = requested;
        v.actual = ready;
        v.panicMode = decision.panicMode() ? 1 : 0;
        v.ebc = decision.excessBurstCapacity();
        v.stableConcurrency = rps ? Double.NaN : decision.stable();
        v.panicConcurrency = rps ? Double.NaN : decision.panic();
        v.targetConcurrency = rps ? Double.NaN : spec.targetValue();
        v.stableRps = rps ? decision.stable() : Double.NaN;
        v.panicRps = rps ? decision.panic() : Double.NaN;
        v.targetRps = rps ? spec.targetValue() : Double.NaN;
    }

    /** Removes a revision's gauges. */
    public void remove(RevisionKey key) {
        Values v = revisions.remove(key);
        if (v != null) {
            v.meters.forEach(registry::remove);
        }
    }

    private Values register(RevisionKey key) {
        Values v = new Values();
        Tags tags = Tags.of("namespace_name", key.namespace(), "revision_name", key.name());
        v.meters = List.of(
                gauge(MetricNames.AUTOSCALER_DESIRED_PODS, tags, v, x -> x.desired),
                gauge(MetricNames.AUTOSCALER_REQUESTED_PODS, tags, v, x -> x.requested),
                gauge(MetricNames.AUTOSCALER_ACTUAL_PODS, tags, v, x -> x.actual),
                gauge(MetricNames.AUTOSCALER_PANIC_MODE, tags, v, x -> x.panicMode),
                gauge(MetricNames.AUTOSCALER_STABLE_REQUEST_CONCURRENCY, tags, v, x -> x.stableConcurrency),
                gauge(MetricNames.AUTOSCALER_PANIC_REQUEST_CONCURRENCY, tags, v, x -> x.panicConcurrency),
                gauge(MetricNames.AUTOSCALER_TARGET_CONCURRENCY_PER_POD, tags, v, x -> x.targetConcurrency),
                gauge(MetricNames.AUTOSCALER_STABLE_REQUESTS_PER_SECOND, tags, v, x -> x.stableRps),
                gauge(MetricNames.AUTOSCALER_PANIC_REQUESTS_PER_SECOND, tags, v, x -> x.panicRps),
                gauge(MetricNames.AUTOSCALER_TARGET_REQUESTS_PER_SECOND, tags, v, x -> x.targetRps),
                gauge(MetricNames.AUTOSCALER_EXCESS_BURST_CAPACITY, tags, v, x -> x.ebc));
        return v;
    }

    private Meter gauge(String name, Tags tags, Values v, ToDoubleFunction<Values> f) {
        return Gauge.builder(name, v, f).tags(tags).strongReference(true).register(registry);
    }
}
