/**
 * The KPA's PodAutoscaler controller: drives the pure autoscaler ({@code io.qnative.autoscaler}) through
 * {@link io.qnative.reconciler.autoscaling.KpaRuntime} (the gateway's stat sink, every revision's decider and the
 * decision tick), applies decisions to the Revision's Deployment with Knative's gating, writes the Endpoints of the
 * Revision's public Service and the status (desired/actual scale, ScaleTargetInitialized, Active) that makes
 * Revisions Ready, and publishes the autoscaler's per-revision gauges.
 *
 * <p>Must not import another kind's reconciler; the gateway only for its port and Service names.
 */
package io.qnative.reconciler.autoscaling;
