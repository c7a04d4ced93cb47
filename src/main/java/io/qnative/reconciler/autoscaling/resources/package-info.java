/**
 * Pure pieces of the PodAutoscaler reconciler: scale bounds and the scale a target is given ({@link
 * io.qnative.reconciler.autoscaling.resources.Scales}), and the Endpoints of a Revision's public Service ({@link
 * io.qnative.reconciler.autoscaling.resources.PublicEndpoints}).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.autoscaling.resources;
