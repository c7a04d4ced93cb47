/**
 * The Knative Certificate ({@code networking.internal.knative.dev/v1alpha1}) reconciler for qnative's built-in CA
 * and for cert-manager (docs/certificates.md): the CA kept in a Secret of the system namespace and published in a
 * ConfigMap, serving certificates for exactly the requested names in each Certificate's Secret, renewed ahead of
 * expiry; or a cert-manager Certificate owned and followed. Every certificate operation is a traced span.
 *
 * <p>Must not import another kind's reconciler, the gateway or the webhook: the Route creates Certificates and the
 * gateway reads their Secrets; this package only answers through the Certificate's status and its Secret.
 */
package io.qnative.reconciler.certificate;
