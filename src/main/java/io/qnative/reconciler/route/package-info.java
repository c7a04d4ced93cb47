/**
 * The Route reconciler (Knative's pkg/reconciler/route/route.go): {@link
 * io.qnative.reconciler.route.RouteReconciler} and its wiring
 * {@link io.qnative.reconciler.route.RouteControllers}, over the pure parts: traffic resolution ({@code traffic}),
 * hosts, URLs and visibility ({@code domains}) and the KIngress and placeholder Service builders
 * ({@code resources}).
 *
 * <p>Must not import another kind's reconciler or the gateway's request path.
 */
package io.qnative.reconciler.route;
