/**
 * The KPA decision (Knative's {@code pkg/autoscaler/scaling/autoscaler.go}): decider parameters resolved from the
 * revision's annotations, {@code config-autoscaler}, containerConcurrency and reachability; the decider with its
 * panic mode, rate limits, scale-down delay window, excess burst capacity and activation scale; and the per-revision
 * runners that keep the latest decision (Knative's {@code multiscaler.go}, without its goroutines).
 *
 * <p>Pure: {@code now} is a parameter; no timer, thread or client. Must not import the Kubernetes client (fabric8),
 * CDI, Quarkus or Micrometer.
 */
package io.qnative.autoscaler.scaling;
