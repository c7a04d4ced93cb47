/**
 * Pure builder of a Namespace's wildcard Certificate (Knative's pkg/reconciler/nscert/resources): Namespace +
 * {@link io.qnative.config.ConfigSnapshot} in, Certificate out.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.nscert.resources;
