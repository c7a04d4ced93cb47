/**
 * The Route reconciler (resources.md §7): {@link io.qnative.reconciler.route.RouteReconciler} and its wiring
 * {@link io.qnative.reconciler.route.RouteControllers}, over the pure parts: traffic resolution ({@code traffic}),
 * hosts, URLs and visibility ({@code domains}) and the KIngress and placeholder Service builders
 * ({@code resources}).
 */
package io.qnative.reconciler.route;
