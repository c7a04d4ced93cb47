/**
 * The Revision controller (as adapted in docs/differences-from-knative.md): Deployment, the {@code <rev>} and
 * {@code <rev>-private} Services (no ServerlessService), the PodAutoscaler, and the Revision's status.
 *
 * <p>Must not import another kind's reconciler; the gateway only for its port and Service names ({@code
 * io.qnative.gateway.Gateway}).
 */
package io.qnative.reconciler.revision;
