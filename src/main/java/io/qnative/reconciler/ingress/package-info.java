/**
 * The gateway's KIngress controller for class {@code qnative.ingress.networking.knative.dev} (qnative.md, "KIngress
 * is kept"): loads each KIngress into the routing table and marks it Ready with the gateway's load balancers.
 * This package so far holds only the pure load-balancer values it reports.
 */
package io.qnative.reconciler.ingress;
