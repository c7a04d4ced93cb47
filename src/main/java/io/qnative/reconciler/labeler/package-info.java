/**
 * The routing-state labeler (Knative {@code pkg/reconciler/labeler}; resources.md §9): a second controller on Routes
 * that marks the Revisions and Configurations a Route references ({@code serving.knative.dev/routes},
 * {@code routingState}, {@code routingStateModified}) and owns the Route finalizer that clears those marks.
 *
 * <p>Must not import another kind's reconciler or the gateway.
 */
package io.qnative.reconciler.labeler;
