/**
 * Pure builders of a Revision's children (Knative's {@code pkg/reconciler/revision/resources}, adapted by
 * qnative.md): the Deployment running the user's containers (no queue-proxy), the public and private Kubernetes
 * Services Knative's ServerlessService would create, and the PodAutoscaler.
 */
package io.qnative.reconciler.revision.resources;
