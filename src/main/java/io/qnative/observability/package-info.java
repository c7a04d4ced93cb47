/** Metric names, tracing helpers and health checks. */
package io.qnative.observability;
