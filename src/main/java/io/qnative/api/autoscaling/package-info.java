/**
 * Knative autoscaling: the {@code autoscaling.knative.dev/*} revision annotations (keys, a typed resolver shared by
 * admission and the autoscaler, and their validation) and the internal {@code autoscaling.internal.knative.dev}
 * PodAutoscaler kind.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.autoscaling;
