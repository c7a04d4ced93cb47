/**
 * Every name qnative gives a child object, in one place ({@code resources/names} of each Knative reconciler),
 * so reconcilers, builders and tests agree on them.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.names;
