/**
 * Certificates qnative issues itself, the PKI only. For the admission webhook: a CA and a serving certificate
 * generated with BouncyCastle ({@link io.qnative.certs.CertificateIssuer}, pure), kept in the Secret
 * {@code webhook-certs} of the system namespace with Knative's keys ({@link io.qnative.certs.CertificateBundle}),
 * renewed before expiry by {@link io.qnative.webhook.WebhookCertificates}, which also keeps the webhook
 * configurations' {@code caBundle} current. For Knative Certificates of class
 * {@code qnative.certificate.networking.knative.dev}: a long-lived {@link io.qnative.certs.CertificateAuthority}
 * that signs {@link io.qnative.certs.ServingCertificate}s for exactly the names asked for, and the renewal decision
 * (docs/certificates.md); {@code io.qnative.reconciler.certificate} keeps them in Secrets.
 *
 * <p>Must not import the Kubernetes client, CDI or Quarkus, nor the webhook or the reconcilers that use it: issuing
 * and parsing are pure (time and randomness are parameters); the Secrets are kept by their users.
 */
package io.qnative.certs;
