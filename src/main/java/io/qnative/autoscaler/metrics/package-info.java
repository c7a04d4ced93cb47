/**
 * What the autoscaler is fed: the gateway's per-revision reports ({@link io.qnative.autoscaler.metrics.Stat}) and
 * the seam they arrive through ({@link io.qnative.autoscaler.metrics.StatSink}).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, loggers or a clock (see
 * {@code io.qnative.autoscaler}).
 */
package io.qnative.autoscaler.metrics;
