/**
 * Metric collection for the autoscaler (Knative's {@code pkg/autoscaler/aggregation} and
 * {@code pkg/autoscaler/metrics/collector.go}): per-second bucketed windows with linear and weighted-exponential
 * averages, and the collector that sums the gateway's {@link io.qnative.autoscaler.metrics.Stat}s per revision.
 *
 * <p>Must not import the Kubernetes client (fabric8), CDI, Quarkus, Vert.x, Micrometer, loggers or a clock; time is
 * always a parameter.
 */
package io.qnative.autoscaler.metrics;
