/**
 * The Revision controller (resources.md §6, adapted by qnative.md): Deployment, the {@code <rev>} and
 * {@code <rev>-private} Services (no ServerlessService), the PodAutoscaler, and the Revision's status.
 */
package io.qnative.reconciler.revision;
