/**
 * The part of cert-manager's {@code cert-manager.io/v1} Certificate qnative writes and reads when a Knative
 * Certificate has the cert-manager class (Knative's {@code pkg/reconciler/certificate}): name, DNS names, Secret,
 * issuer and the Secret's labels in the spec; the Ready condition, {@code notAfter} and {@code renewalTime} in the
 * status. Every other field is kept as read. Of its Issuer and ClusterIssuer, only whether the first ACME solver is
 * http01 (net-certmanager's {@code isHTTPChallenge}) is read.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.certmanager.v1;
