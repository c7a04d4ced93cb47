package io.qnative.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.certs.CertificateBundle;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS helpers for webhook tests: trust the Secret's CA, read the certificate a listener serves. */
final class WebhookTls {

    private WebhookTls() {
    }

    static CertificateBundle bundle(KubernetesClient client, String namespace) {
        Secret secret = client.secrets().inNamespace(namespace).withName("webhook-certs").get();
        return secret == null ? null : CertificateBundle.fromSecretData(secret.getData()).orElse(null);
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    /** A trust store holding every CA of {@code caPem}. */
    static KeyStore trustStore(String caPem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : certificates(caPem)) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        return store;
    }

    /** An SSL context trusting only the CAs of {@code caPem}. */
    static SSLContext trusting(String caPem) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore(caPem));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }

    /**
     * The cipher suite the listener on 127.0.0.1:{@code port} picks for a client offering {@code suites} (in that
     * order of preference) over {@code protocol}.
     */
    static String negotiated(int port, String protocol, String... suites) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingAnything().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(suites);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    /** The leaf certificate served on 127.0.0.1:{@code port}, read without verifying it. */
    static X509Certificate served(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingAnything().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trustingAnything() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return context;
    }
}
