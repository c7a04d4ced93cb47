/**
 * Pure pieces of the PodAutoscaler reconciler: the scale a target is given for a published decision, with Knative's
 * bounds and scale-to-zero gating ({@link io.qnative.reconciler.autoscaling.resources.ScaleGate}), and the Endpoints
 * of a Revision's public Service ({@link io.qnative.reconciler.autoscaling.resources.PublicEndpoints}).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.autoscaling.resources;
