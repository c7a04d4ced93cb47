/**
 * The routing-state labeler (Knative's {@code pkg/reconciler/labeler}): a second controller on Routes
 * that marks the Revisions and Configurations a Route references ({@code serving.knative.dev/routes},
 * {@code routingState}, {@code routingStateModified}) and owns the Route finalizer that clears those marks.
 *
 * <p>Must not import another kind's reconciler or the gateway.
 */
package io.qnative.reconciler.labeler;
