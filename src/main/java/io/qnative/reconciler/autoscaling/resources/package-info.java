/**
 * Pure pieces of the PodAutoscaler reconciler: the scale a target is given for a published decision, with Knative's
 * bounds and scale-to-zero gating ({@link io.qnative.reconciler.autoscaling.resources.ScaleGate}), and the Endpoints
 * of a Revision's public Service ({@link io.qnative.reconciler.autoscaling.resources.PublicEndpoints}).
 */
package io.qnative.reconciler.autoscaling.resources;
