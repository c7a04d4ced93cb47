/**
 * Pure builders of a Service's children (Knative's {@code pkg/reconciler/service/resources}): its Configuration and
 * its Route, both named after the Service.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.service.resources;
