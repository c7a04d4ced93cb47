/**
 * The part of cert-manager's {@code acme.cert-manager.io/v1} Challenge qnative reads for a cert-manager-class
 * Certificate whose issuer solves HTTP-01 (Knative's net-certmanager {@code setHTTP01Challenges}): the DNS name and
 * token. Every other field is kept as read.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.certmanager.acme.v1;
