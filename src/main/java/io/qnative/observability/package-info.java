/** Metric names, tracing (Zipkin export switched by config-observability) and health checks. */
package io.qnative.observability;
