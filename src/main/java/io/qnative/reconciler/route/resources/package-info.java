/**
 * Pure builders of a Route's children (Knative's pkg/reconciler/route/resources): the KIngress ({@link
 * io.qnative.reconciler.route.resources.Ingresses}) and the placeholder Kubernetes Services ({@link
 * io.qnative.reconciler.route.resources.PlaceholderServices}), exactly as Knative's {@code route/resources} writes
 * them. Route + {@link io.qnative.config.ConfigSnapshot} + resolved traffic in, fabric8 model objects out, maps
 * sorted; no client, no clock.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.route.resources;
