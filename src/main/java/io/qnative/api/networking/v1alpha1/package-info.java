/**
 * {@code networking.internal.knative.dev/v1alpha1}: Ingress (KIngress), Certificate (KCertificate) and the
 * cluster-scoped ClusterDomainClaim.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.networking.v1alpha1;
