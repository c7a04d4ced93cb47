/**
 * Certificates qnative issues itself. For the admission webhook: a CA and a serving certificate generated with
 * BouncyCastle ({@link io.qnative.certs.CertificateIssuer}, pure), kept in the Secret {@code webhook-certs} of the
 * system namespace with Knative's keys ({@link io.qnative.certs.CertificateBundle}), renewed before expiry by
 * {@link io.qnative.webhook.WebhookCertificates}, which also keeps the webhook configurations' {@code caBundle}
 * current.
 *
 * <p>Must not import the Kubernetes client, CDI or Quarkus, nor the webhook that uses it: issuing and parsing are
 * pure; the Secret and the webhook configurations are kept by the webhook.
 */
package io.qnative.certs;
