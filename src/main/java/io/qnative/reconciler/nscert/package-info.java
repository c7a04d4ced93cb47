/**
 * Namespace wildcard Certificates (Knative's pkg/reconciler/nscert): a Namespace selected by {@code config-network}'s
 * {@code namespace-wildcard-cert-selector} gets one wildcard Certificate per wildcard domain, which the Route
 * reconciler reuses for the Route hosts it covers instead of a Certificate per Route.
 *
 * <p>Must not import another kind's reconciler or the gateway.
 */
package io.qnative.reconciler.nscert;
