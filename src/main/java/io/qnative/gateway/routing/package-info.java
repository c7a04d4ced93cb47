/**
 * The gateway's routing table: every KIngress of qnative's ingress class as hosts, paths, header matches and
 * weighted splits, swapped a KIngress at a time and read without locks by the request path. Pure: no Kubernetes
 * client, no CDI beyond the table bean, no Vert.x.
 *
 * <p>Must not import the Kubernetes client, Vert.x or a reconciler ({@code io.qnative.reconciler..}).
 */
package io.qnative.gateway.routing;
