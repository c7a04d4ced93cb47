package io.qnative.gateway;

import io.qnative.gateway.metrics.GatewayMetrics;
import io.qnative.gateway.metrics.StatReporter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts the request for the autoscaler from arrival to completion (queued time included, Knative's activator
 * concurrency handler) and records its Prometheus count and latency by response code class when it ends.
 */
final class MetricsStep implements Step {

    private final StatReporter reporter;
    private final GatewayMetrics metrics;
    private final LongSupplier nanos;

    MetricsStep(StatReporter reporter, GatewayMetrics metrics, LongSupplier nanos) {
        this.reporter = reporter;
        this.metrics = metrics;
        this.nanos = nanos;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        var rev = ex.revision;
        reporter.begin(rev.namespace(), rev.name());
        ex.onEnd(() -> {
            reporter.end(rev.namespace(), rev.name());
            metrics.request(rev, ex.status, nanos.getAsLong() - ex.arrivalNanos, ex.pod != null);
        });
        next.accept(ex);
    }
}
