/**
 * The basic PodAutoscaler controller: initial and minimum scale of a Revision's Deployment, the Endpoints of its
 * public Service, and the status (ScaleTargetInitialized, serviceName, Active) that makes Revisions Ready. The KPA's
 * metric-driven scaling decision comes later and replaces
 * {@link io.qnative.reconciler.autoscaling.resources.Scales#desired}.
 *
 * <p>Must not import another kind's reconciler; the gateway only for its port and Service names.
 */
package io.qnative.reconciler.autoscaling;
