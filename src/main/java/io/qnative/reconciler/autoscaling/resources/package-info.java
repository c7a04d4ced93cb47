/**
 * Pure pieces of the PodAutoscaler reconciler: scale bounds and the scale a target is given ({@link
 * io.qnative.reconciler.autoscaling.resources.Scales}), and the Endpoints of a Revision's public Service ({@link
 * io.qnative.reconciler.autoscaling.resources.PublicEndpoints}).
 */
package io.qnative.reconciler.autoscaling.resources;
