/**
 * {@code autoscaling.internal.knative.dev/v1alpha1}: the PodAutoscaler a Revision owns.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.autoscaling.v1alpha1;
