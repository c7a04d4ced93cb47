/**
 * Metric names, tracing (Zipkin export switched by config-observability) and health checks.
 *
 * <p>Must not import the gateway's request path or a builder; it reads the controllers through {@link
 * io.qnative.ControllerManager} only.
 */
package io.qnative.observability;
