/**
 * Pure builders of a DomainMapping's children (Knative's pkg/reconciler/domainmapping/resources): its KIngress, its
 * ClusterDomainClaim and its Certificate, each from the DomainMapping and plain values.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, a logger or a clock; nor another kind's reconciler.
 */
package io.qnative.reconciler.domainmapping.resources;
