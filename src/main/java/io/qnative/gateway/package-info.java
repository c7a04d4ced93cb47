/**
 * The data plane: Knative's Kourier/Envoy gateway, activator and queue-proxy as one non-blocking proxy in the
 * binary. This package holds the listeners, their ports and the gateway's Service names ({@link
 * io.qnative.gateway.Gateway}, defined once); {@code gateway.routing} the routing table loaded from KIngresses;
 * {@code gateway.activator} the per-revision throttler, buffering at zero and pod probing; {@code gateway.metrics}
 * what feeds the autoscaler.
 *
 * <p>The request path never calls a reconciler ({@code io.qnative.reconciler..}): it reads the routing table and
 * informer-fed state, and reports to the autoscaler through {@code io.qnative.autoscaler.metrics.StatSink}.
 */
package io.qnative.gateway;
