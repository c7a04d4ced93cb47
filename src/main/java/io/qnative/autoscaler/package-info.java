/**
 * The Knative Pod Autoscaler as pure code: {@code scaling} resolves a revision's decider parameters and decides its
 * scale, {@code metrics} keeps its per-second metric windows. Everything takes {@code now} as a parameter and owns no
 * timer, thread or client; the PodAutoscaler reconciler ({@code io.qnative.reconciler.autoscaling}) drives it.
 *
 * <p>Must not import the Kubernetes client (fabric8), CDI, Quarkus or Micrometer.
 */
package io.qnative.autoscaler;
