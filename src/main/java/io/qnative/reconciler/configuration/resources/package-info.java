/**
 * Pure builders of a Configuration's children (Knative's {@code pkg/reconciler/configuration/resources}): the
 * Revision of its current generation.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.configuration.resources;
