package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.CertificateBundle;
import io.qnative.certs.CertificateIssuer;
import io.qnative.certs.KeyAlgorithm;
import io.qnative.certs.ServingCertificate;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes on loopback against the webhook's key manager. */
class RotatingKeyManagerTest {

    private static final Instant NOW = Instant.now();

    @Test
    void servesAnEcdsaCertificateOverTls13AndTls12() throws Exception {
        CertificateBundle bundle = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        RotatingKeyManager keys = new RotatingKeyManager();
        keys.use(bundle);

        assertThat(handshake(keys, bundle, "TLSv1.3")).isEqualTo(bundle.certificateChain()[0]);
        assertThat(handshake(keys, bundle, "TLSv1.2")).isEqualTo(bundle.certificateChain()[0]);
    }

    @Test
    void servesAnRsaCertificate() throws Exception {
        CertificateBundle bundle = rsaBundle();
        RotatingKeyManager keys = new RotatingKeyManager();
        keys.use(bundle);

        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
        assertThat(handshake(keys, bundle, "TLSv1.3")).isEqualTo(bundle.certificateChain()[0]);
        assertThat(handshake(keys, bundle, "TLSv1.2")).isEqualTo(bundle.certificateChain()[0]);
    }

    @Test
    void aRotationServesTheNewCertificateFromTheNextHandshake() throws Exception {
        CertificateBundle first = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        CertificateBundle second = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        RotatingKeyManager keys = new RotatingKeyManager();
        keys.use(first);
        assertThat(handshake(keys, first, "TLSv1.3")).isEqualTo(first.certificateChain()[0]);

        keys.use(second);

        assertThat(handshake(keys, second, "TLSv1.3")).isEqualTo(second.certificateChain()[0]);
    }

    @Test
    void anAliasChosenBeforeARotationKeepsItsOwnKeyAndChain() throws Exception {
        CertificateBundle first = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        CertificateBundle second = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        CertificateBundle third = CertificateIssuer.issue(NOW, Duration.ofDays(7), List.of("webhook.test"), List.of());
        RotatingKeyManager keys = new RotatingKeyManager();
        keys.use(first);
        String chosen = keys.chooseEngineServerAlias("EC", null, null);

        keys.use(second);

        // the handshake that chose the alias reads the key and the chain after the rotation: they still pair
        assertThat(keys.getCertificateChain(chosen)).containsExactly(first.certificateChain());
        assertThat(signs(keys, chosen, keys.getCertificateChain(chosen)[0])).isTrue();
        String now = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(now).isNotEqualTo(chosen);
        assertThat(keys.getCertificateChain(now)).containsExactly(second.certificateChain());

        keys.use(third);

        assertThat(keys.getCertificateChain(chosen)).isNull();
        assertThat(keys.getPrivateKey(chosen)).isNull();
    }

    @Test
    void noKeyBeforeTheFirstCertificate() {
        RotatingKeyManager keys = new RotatingKeyManager();

        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
        assertThat(keys.getServerAliases("RSA", null)).isNull();
        assertThat(keys.getPrivateKey("webhook-1")).isNull();
    }

    private static boolean signs(RotatingKeyManager keys, String alias, X509Certificate cert) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivateKey(alias));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static CertificateBundle rsaBundle() {
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.create("test-ca", NOW, Duration.ofDays(30), KeyAlgorithm.RSA_2048,
                random);
        ServingCertificate leaf = ca.issue(List.of("webhook.test"), NOW, Duration.ofDays(7), KeyAlgorithm.RSA_2048,
                random);
        return new CertificateBundle(ca.certificatePem(), leaf.certificatePem(), leaf.privateKeyPem());
    }

    /** One handshake over loopback with {@code protocol}; the certificate the client was served. */
    private static Certificate handshake(RotatingKeyManager keys, CertificateBundle bundle, String protocol)
            throws Exception {
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(new KeyManager[] {keys}, null, null);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        X509Certificate[] chain = bundle.certificateChain();
        trust.setCertificateEntry("ca", chain[chain.length - 1]);
        TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusting.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trusting.getTrustManagers(), null);

        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                loopback)) {
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(loopback,
                    listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo(1);
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                accepted.get(30, TimeUnit.SECONDS);
                return socket.getSession().getPeerCertificates()[0];
            }
        }
    }
}
