/**
 * The autoscaler (Knative's KPA, pkg/autoscaler): {@code autoscaler.scaling} resolves a revision's parameters and
 * decides its scale; {@code autoscaler.metrics} keeps the per-second metric windows the gateway feeds. Pure: it
 * takes {@code now} and sources of metrics and pod counts, and owns no timer, thread or client; it imports no
 * Kubernetes client, CDI, Quarkus, Vert.x or Micrometer. The PodAutoscaler reconciler
 * ({@code io.qnative.reconciler.autoscaling}) drives it.
 */
package io.qnative.autoscaler;
