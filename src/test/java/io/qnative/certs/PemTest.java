package io.qnative.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/**
 * Private keys from PEM: PKCS#8 of RSA and EC keys through the JDK, everything else through BouncyCastle as before
 * (SEC 1 and PKCS#1, the forms Knative's Go code writes), each giving the same key.
 */
class PemTest {

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** SEC 1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}), as BouncyCastle (and Go) write them. */
    private static String traditional(KeyPair pair) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair);
        }
        return out.toString();
    }

    @Test
    void readsPkcs8OfEcAndRsaKeysThroughTheJdk() throws Exception {
        for (KeyPair pair : List.of(ec(), rsa())) {
            String pem = Pem.privateKey(pair.getPrivate());
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Pem.pkcs8Algorithm(pair.getPrivate().getEncoded()))
                    .isEqualTo(pair.getPrivate().getAlgorithm());
            PrivateKey read = Pem.privateKey(pem);
            assertThat(read.getAlgorithm()).isEqualTo(pair.getPrivate().getAlgorithm());
            assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        }
    }

    @Test
    void readsSec1AndPkcs1KeysAsKnativeWritesThem() throws Exception {
        // BouncyCastle's EC keys carry their curve and public key inside, as Go's x509.MarshalECPrivateKey writes
        // them (a SEC 1 key converted from the JDK's PKCS#8 would have neither)
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (KeyPair pair : List.of(generator.generateKeyPair(), rsa())) {
            String pem = traditional(pair);
            assertThat(pem).startsWith("-----BEGIN " + pair.getPrivate().getAlgorithm() + " PRIVATE KEY-----");
            assertSameKey(Pem.privateKey(pem), pair.getPrivate());
        }
    }

    private static void assertSameKey(PrivateKey read, PrivateKey written) {
        assertThat(read.getAlgorithm()).isEqualTo(written.getAlgorithm());
        if (written instanceof ECPrivateKey ec) {
            assertThat(((ECPrivateKey) read).getS()).isEqualTo(ec.getS());
            assertThat(((ECPrivateKey) read).getParams().getCurve()).isEqualTo(ec.getParams().getCurve());
        } else {
            RSAPrivateKey rsa = (RSAPrivateKey) written;
            assertThat(((RSAPrivateKey) read).getModulus()).isEqualTo(rsa.getModulus());
            assertThat(((RSAPrivateKey) read).getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
        }
    }

    @Test
    void aPkcs8KeyAfterOtherTextAndFoldedDifferentlyIsRead() throws Exception {
        KeyPair pair = ec();
        String body = Base64.getMimeEncoder(40, new byte[] {'\r', '\n'}).encodeToString(
                pair.getPrivate().getEncoded());
        String pem = "a comment line\n-----BEGIN PRIVATE KEY-----\r\n" + body + "\r\n-----END PRIVATE KEY-----\r\n";
        assertThat(Pem.privateKey(pem).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void otherAlgorithmsAreLeftToBouncyCastle() throws Exception {
        byte[] ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        assertThat(Pem.pkcs8Algorithm(ed25519)).isNull();
        assertThat(Pem.pkcs8Algorithm(new byte[0])).isNull();
        assertThat(Pem.pkcs8Algorithm(new byte[] {0x30, (byte) 0x82})).isNull();
        assertThat(Pem.pkcs8Algorithm(new byte[] {0x02, 0x01, 0x00})).isNull();
    }

    @Test
    void aDamagedPkcs8KeyIsAnIoExceptionNamingIt() throws Exception {
        byte[] der = ec().getPrivate().getEncoded();
        byte[] truncated = Arrays.copyOf(der, der.length - 12);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(truncated)
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.privateKey(pem)).isInstanceOf(IOException.class)
                .hasMessageContaining("PKCS#8 EC private key");
    }

    @Test
    void aCertificateBeforeTheKeyIsNotAKeyAsBefore() throws Exception {
        CertificateBundle bundle = CertificateIssuer.issue(Instant.parse("2026-12-07T00:00:00Z"), Duration.ofDays(7),
                List.of("webhook"), List.of());
        assertThatThrownBy(() -> Pem.privateKey(bundle.certPem() + bundle.keyPem()))
                .isInstanceOf(IOException.class).hasMessageContaining("no private key");
    }

    @Test
    void theWebhookBundleStillMatchesItsKey() {
        CertificateBundle bundle = CertificateIssuer.issue(Instant.parse("2026-12-07T00:00:00Z"), Duration.ofDays(7),
                List.of("webhook"), List.of());
        assertThat(bundle.renewalReason(Instant.parse("2026-12-07T01:00:00Z"), List.of("webhook"), List.of()))
                .isEmpty();
        assertThat(bundle.privateKey().getAlgorithm()).isEqualTo("EC");
    }
}
