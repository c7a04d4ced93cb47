package io.qnative.autoscaler.metrics;

import java.time.Instant;

/**
 * One gateway replica's report for one revision over one reporting period (Knative's {@code metrics.Stat},
 * pkg/autoscaler/metrics/stat.proto): the time-weighted average number of requests in flight (queued requests
 * included) and the number of requests that arrived, per second.
 *
 * @param namespace the revision's namespace
 * @param revision the revision's name
 * @param source who measured it (the gateway replica's pod name), so the collector can sum replicas
 * @param averageConcurrency time-weighted average concurrency over the period
 * @param requestCount arrivals in the period divided by its length in seconds
 * @param time the end of the period
 */
public record Stat(String namespace, String revision, String source, double averageConcurrency,
        double requestCount, Instant time) {
}
