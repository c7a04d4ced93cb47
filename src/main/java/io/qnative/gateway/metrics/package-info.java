/**
 * What the gateway measures: per revision, the time-weighted average concurrency and request rate it reports every
 * second to the autoscaler ({@link io.qnative.autoscaler.metrics.StatSink}, Knative's activator
 * {@code ConcurrencyReporter}, pkg/activator/handler/concurrency_reporter.go), and its Prometheus meters. The
 * windows are pure (time passed in); only {@link io.qnative.gateway.metrics.StatReporter} owns a timer.
 *
 * <p>Must not import a reconciler ({@code io.qnative.reconciler..}): the request path reports to the autoscaler only
 * through the stat sink.
 */
package io.qnative.gateway.metrics;
