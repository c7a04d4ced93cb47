/**
 * Pure builders of what the certificate reconciler writes: the TLS Secret of a Knative Certificate, the built-in
 * CA's Secret and trust ConfigMap, and the cert-manager Certificate of Knative's mapping
 * ({@code pkg/reconciler/certificate/resources/cert_manager_certificate.go}).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, a logger or a clock: objects in, objects out.
 */
package io.qnative.reconciler.certificate.resources;
