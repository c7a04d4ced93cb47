package io.qnative.reconciler.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.scaling.DeciderSpec;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.observability.MetricNames;

class AutoscalerMetricsTest {

    private static final RevisionKey KEY = new RevisionKey("ns", "rev");

    private static DeciderSpec spec(String metric) {
        return new DeciderSpec(metric, 70, 100, 211, 2, 1000, 2, 100, Duration.ofSeconds(60),
                Duration.ofSeconds(6), Duration.ZERO, 0, 1, true);
    }

    private static double gauge(SimpleMeterRegistry r, String name) {
        return r.get(name).tag("namespace_name", "ns").tag("revision_name", "rev").gauge().value();
    }

    @Test
    void publishesTheLatestDecisionPerRevisionAndRemovesIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AutoscalerMetrics metrics = new AutoscalerMetrics(registry);
        metrics.report(KEY, spec("concurrency"), new Decision(5, -71, true, 150, 160, 3), 4, 3);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_DESIRED_PODS)).isEqualTo(5);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_REQUESTED_PODS)).isEqualTo(4);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_ACTUAL_PODS)).isEqualTo(3);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_PANIC_MODE)).isEqualTo(1);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_STABLE_REQUEST_CONCURRENCY)).isEqualTo(150);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_PANIC_REQUEST_CONCURRENCY)).isEqualTo(160);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_TARGET_CONCURRENCY_PER_POD)).isEqualTo(70);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_EXCESS_BURST_CAPACITY)).isEqualTo(-71);
        assertThat(registry.find(MetricNames.AUTOSCALER_STABLE_REQUESTS_PER_SECOND).gauges())
                .as("only the series of the metric the revision scales on, as Knative records them").isEmpty();
        assertThat(registry.getMeters()).hasSize(8);
        metrics.report(KEY, spec("rps"), new Decision(2, 10, false, 20, 30, 2), 2, 2);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_STABLE_REQUESTS_PER_SECOND)).isEqualTo(20);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_PANIC_REQUESTS_PER_SECOND)).isEqualTo(30);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_TARGET_REQUESTS_PER_SECOND)).isEqualTo(70);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_PANIC_MODE)).isZero();
        assertThat(registry.find(MetricNames.AUTOSCALER_STABLE_REQUEST_CONCURRENCY).gauges()).isEmpty();
        assertThat(registry.find(MetricNames.AUTOSCALER_TARGET_CONCURRENCY_PER_POD).gauges()).isEmpty();
        assertThat(registry.getMeters()).hasSize(8);
        metrics.report(KEY, spec("concurrency"), new Decision(1, 0, false, 5, 6, 1), 1, 1);
        assertThat(gauge(registry, MetricNames.AUTOSCALER_STABLE_REQUEST_CONCURRENCY)).isEqualTo(5);
        assertThat(registry.find(MetricNames.AUTOSCALER_STABLE_REQUESTS_PER_SECOND).gauges()).isEmpty();
        metrics.remove(KEY);
        assertThat(registry.getMeters()).isEmpty();
    }
}
