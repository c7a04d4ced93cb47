/**
 * Knative networking: the public {@code networking.knative.dev} keys and the internal
 * {@code networking.internal.knative.dev} kinds (KIngress, KCertificate, ClusterDomainClaim).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.networking;
