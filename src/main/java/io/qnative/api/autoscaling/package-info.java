/**
 * Knative autoscaling: the {@code autoscaling.knative.dev/*} revision annotations and the internal
 * {@code autoscaling.internal.knative.dev} PodAutoscaler kind.
 */
package io.qnative.api.autoscaling;
