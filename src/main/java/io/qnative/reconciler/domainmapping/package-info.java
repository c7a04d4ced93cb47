/**
 * The DomainMapping reconciler (Knative's pkg/reconciler/domainmapping): {@link
 * io.qnative.reconciler.domainmapping.DomainMappingReconciler} claims the domain cluster-wide, provisions or adopts
 * its certificate, resolves the mapping's target and writes its KIngress; {@link
 * io.qnative.reconciler.domainmapping.DomainMappingControllers} wires it; the children are built in
 * {@code resources}.
 *
 * <p>Must not import another kind's reconciler (the Route's included) or the gateway's request path.
 */
package io.qnative.reconciler.domainmapping;
