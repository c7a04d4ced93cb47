package io.qnative.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * One parsed {@code kubernetes.io/tls} key pair: the chain of {@code tls.crt} (leaf first) and the private key of
 * {@code tls.key} (PKCS#8, or PKCS#1 / SEC 1 as Go's crypto and cert-manager write them).
 *
 * @param chain the certificates, leaf first
 * @param key the leaf's private key
 */
public record KeyMaterial(X509Certificate[] chain, PrivateKey key) {

    /** The Secret keys of a {@code kubernetes.io/tls} Secret. */
    public static final String TLS_CRT = "tls.crt";
    /** See {@link #TLS_CRT}. */
    public static final String TLS_KEY = "tls.key";

    /**
     * Parses a PEM pair.
     *
     * @throws IllegalArgumentException naming the key ({@code tls.crt} / {@code tls.key}) that cannot be read
     */
    public static KeyMaterial parse(String certPem, String keyPem) {
        if (certPem == null || certPem.isBlank()) {
            throw new IllegalArgumentException(TLS_CRT + " is missing");
        }
        if (keyPem == null || keyPem.isBlank()) {
            throw new IllegalArgumentException(TLS_KEY + " is missing");
        }
        List<X509Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.UTF_8)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(TLS_CRT + " holds no readable certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(TLS_CRT + " holds no certificate");
        }
        return new KeyMaterial(certs.toArray(X509Certificate[]::new), privateKey(keyPem));
    }

    private static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException(TLS_KEY + " holds no private key");
        } catch (IOException e) {
            throw new IllegalArgumentException(TLS_KEY + " is not a readable private key: " + e.getMessage(), e);
        }
    }

    /** The key algorithm as TLS key managers name it ({@code EC}, {@code RSA}). */
    String keyType() {
        return key.getAlgorithm();
    }
}
