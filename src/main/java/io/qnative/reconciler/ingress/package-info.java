/**
 * The gateway's KIngress controller for class {@code qnative.ingress.networking.knative.dev}
 * (docs/differences-from-knative.md): loads each KIngress into the {@link io.qnative.gateway.routing.RoutingTable}
 * and marks it Ready with
 * the gateway's load balancers ({@link io.qnative.reconciler.ingress.GatewayLoadBalancers}). KIngresses of other
 * classes are left to their implementation.
 *
 * <p>Must not import another kind's reconciler; the gateway only for its names and routing table, never the request
 * path.
 */
package io.qnative.reconciler.ingress;
