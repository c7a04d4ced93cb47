/**
 * {@code networking.internal.knative.dev/v1alpha1}: Ingress (KIngress), Certificate (KCertificate) and the
 * cluster-scoped ClusterDomainClaim.
 */
package io.qnative.api.networking.v1alpha1;
