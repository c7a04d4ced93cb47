/**
 * The gateway's HTTPS certificates (Kourier's SNI matching of the KIngress TLS Secrets): {@link
 * io.qnative.gateway.tls.SniCertificates} maps each host of a KIngress {@code spec.tls} block to the key pair in its
 * {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}) and answers the listeners' SNI lookups, reading
 * the current key pair at every handshake so a renewed Secret applies without a restart or a dropped connection;
 * {@link io.qnative.gateway.tls.TlsSecrets} feeds it from the KIngress and Secret informers.
 *
 * <p>Must not import a reconciler ({@code io.qnative.reconciler..}), the webhook or the request path; of Kubernetes
 * only the informers and model types.
 */
package io.qnative.gateway.tls;
