package io.qnative.autoscaler.metrics;

import java.time.Instant;

/** One revision's metrics as the decider reads them (Knative's {@code metrics.MetricClient}, for one key). */
public interface MetricSource {

    /** The concurrency averages at {@code now}. */
    Observation concurrency(Instant now) throws MetricsException;

    /** The requests-per-second averages at {@code now}. */
    Observation rps(Instant now) throws MetricsException;
}
