/**
 * The gateway's routing state: the {@link io.qnative.dataplane.gateway.RoutingTable} the KIngress controller fills
 * from each KIngress of qnative's class and the proxy reads on every request.
 */
package io.qnative.dataplane.gateway;
