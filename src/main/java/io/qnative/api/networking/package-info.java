/**
 * Knative networking: the public {@code networking.knative.dev} keys and the internal
 * {@code networking.internal.knative.dev} kinds (KIngress, KCertificate, ClusterDomainClaim).
 */
package io.qnative.api.networking;
