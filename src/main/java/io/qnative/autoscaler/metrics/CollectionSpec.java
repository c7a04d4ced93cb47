package io.qnative.autoscaler.metrics;

import java.time.Duration;

/**
 * How one revision's metrics are kept (Knative's {@code Metric} spec, {@code pkg/reconciler/autoscaling/resources/
 * metric.go}).
 *
 * @param stableWindow the stable window
 * @param panicWindow the panic window
 * @param algorithm the averaging algorithm of all four series
 * @param scraped whether the revision counts as scraped (target-burst-capacity is not -1): only then does a
 *     silent stable window read as "no data" instead of zeros
 */
public record CollectionSpec(Duration stableWindow, Duration panicWindow, MetricWindow.Algorithm algorithm,
        boolean scraped) {
}
