/** {@code autoscaling.internal.knative.dev/v1alpha1}: the PodAutoscaler a Revision owns. */
package io.qnative.api.autoscaling.v1alpha1;
