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
 * {@code namespace_name} and {@code revision_name}: desired, requested and actual pods, panic mode, the excess burst
 * capacity, and the stable and panic averages of the scaling metric with its per-pod target, under the names of the
 * metric the revision scales on only (as Knative's {@code pkg/autoscaler/scaling/autoscaler.go} records either the
 * request-concurrency or the requests-per-second series): eight gauges per revision. Removed with the revision.
 */
public final class AutoscalerMetrics {

    /** The latest values of one revision. */
    private static final class Values {
        volatile double desired = Double.NaN;
        volatile double requested = Double.NaN;
        volatile double actual = Double.NaN;
        volatile double panicMode;
        volatile double stable = Double.NaN;
        volatile double panic = Double.NaN;
        volatile double target = Double.NaN;
        volatile double ebc = Double.NaN;
        List<Meter> common = List.of();
        /** The stable/panic/target gauges, of the metric {@link #rps} says. */
        List<Meter> metric = List.of();
        boolean rps;
    }

    private final MeterRegistry registry;
    private final Map<RevisionKey, Values> revisions = new ConcurrentHashMap<>();

    /** Gauges in {@code registry}. */
    public AutoscalerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes a revision's latest decision, the scale requested of its target and its ready pods. */
    public void report(RevisionKey key, DeciderSpec spec, Decision decision, int requested, int ready) {
        boolean rps = "rps".equals(spec.scalingMetric());
        Values v = revisions.computeIfAbsent(key, k -> register(k, rps));
        v.desired = decision.desiredScale();
        v.requested = requested;
        v.actual = ready;
        v.panicMode = decision.panicMode() ? 1 : 0;
        v.ebc = decision.excessBurstCapacity();
        v.stable = decision.stable();
        v.panic = decision.panic();
        v.target = spec.targetValue();
        if (v.rps != rps) {
            synchronized (v) {
                if (v.rps != rps) {
                    v.metric.forEach(registry::remove);
                    v.metric = metricGauges(key, v, rps);
                    v.rps = rps;
                }
            }
        }
    }

    /** Removes a revision's gauges. */
    public void remove(RevisionKey key) {
        Values v = revisions.remove(key);
        if (v != null) {
            synchronized (v) {
                v.common.forEach(registry::remove);
                v.metric.forEach(registry::remove);
            }
        }
    }

    private Values register(RevisionKey key, boolean rps) {
        Values v = new Values();
        Tags tags = tags(key);
        v.common = List.of(
                gauge(MetricNames.AUTOSCALER_DESIRED_PODS, tags, v, x -> x.desired),
                gauge(MetricNames.AUTOSCALER_REQUESTED_PODS, tags, v, x -> x.requested),
                gauge(MetricNames.AUTOSCALER_ACTUAL_PODS, tags, v, x -> x.actual),
                gauge(MetricNames.AUTOSCALER_PANIC_MODE, tags, v, x -> x.panicMode),
                gauge(MetricNames.AUTOSCALER_EXCESS_BURST_CAPACITY, tags, v, x -> x.ebc));
        v.metric = metricGauges(key, v, rps);
        v.rps = rps;
        return v;
    }

    private List<Meter> metricGauges(RevisionKey key, Values v, boolean rps) {
        Tags tags = tags(key);
        return List.of(
                gauge(rps ? MetricNames.AUTOSCALER_STABLE_REQUESTS_PER_SECOND
                        : MetricNames.AUTOSCALER_STABLE_REQUEST_CONCURRENCY, tags, v, x -> x.stable),
                gauge(rps ? MetricNames.AUTOSCALER_PANIC_REQUESTS_PER_SECOND
                        : MetricNames.AUTOSCALER_PANIC_REQUEST_CONCURRENCY, tags, v, x -> x.panic),
                gauge(rps ? MetricNames.AUTOSCALER_TARGET_REQUESTS_PER_SECOND
                        : MetricNames.AUTOSCALER_TARGET_CONCURRENCY_PER_POD, tags, v, x -> x.target));
    }

    private static Tags tags(RevisionKey key) {
        return Tags.of("namespace_name", key.namespace(), "revision_name", key.name());
    }

    private Meter gauge(String name, Tags tags, Values v, ToDoubleFunction<Values> f) {
        return Gauge.builder(name, v, f).tags(tags).strongReference(true).register(registry);
    }
}
