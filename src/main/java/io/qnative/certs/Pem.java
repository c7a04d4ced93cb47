package io.qnative.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM encoding and decoding of certificates and private keys. */
final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    static String certificate(X509Certificate cert) {
        try {
            return armor("CERTIFICATE", cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), which the JDK and Vert.x read without BouncyCastle. */
    static String privateKey(PrivateKey key) {
        return armor("PRIVATE KEY", key.getEncoded());
    }

    /** Every certificate in {@code pem}, in order. */
    static List<X509Certificate> certificates(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
                .stream().map(X509Certificate.class::cast).toList();
    }

    /**
     * The private key in {@code pem}: PKCS#8, or PKCS#1 / SEC 1 as Knative's Go code writes it. PKCS#8 of an RSA or
     * EC key (what qnative writes) is read by the JDK alone: BouncyCastle's PEM classes and the verification of its
     * signed jar are not worth loading to read the webhook's certificate at startup (docs/memory-and-startup.md).
     */
    static PrivateKey privateKey(String pem) throws IOException {
        PrivateKey pkcs8 = jdkPkcs8(pem);
        if (pkcs8 != null) {
            return pkcs8;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("no private key in PEM data");
        }
    }

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    /** DER of the algorithm OIDs (RFC 8017 rsaEncryption, RFC 5480 id-ecPublicKey) with the JDK's KeyFactory names. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /**
     * The key of a PEM whose first block is PKCS#8 ({@code BEGIN PRIVATE KEY}) of an RSA or EC key, else null (the
     * caller reads it with BouncyCastle, as every key was read before).
     */
    private static PrivateKey jdkPkcs8(String pem) throws IOException {
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0 || !pem.startsWith(PKCS8_BEGIN, begin)) {
            return null;
        }
        int end = pem.indexOf(PKCS8_END, begin);
        if (end < 0) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed PKCS#8 private key: " + e.getMessage(), e);
        }
        String algorithm = pkcs8Algorithm(der);
        if (algorithm == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("malformed PKCS#8 " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    /**
     * "RSA" or "EC" from a PKCS#8 PrivateKeyInfo (RFC 5208: SEQUENCE { INTEGER version, SEQUENCE { OID, params },
     * OCTET STRING }), or null for another algorithm or what is not PrivateKeyInfo.
     */
    static String pkcs8Algorithm(byte[] der) {
        int at = enter(der, 0, 0x30);
        if (at < 0 || at >= der.length || der[at] != 0x02) {
            return null;
        }
        at = skip(der, at);
        at = enter(der, at, 0x30);
        if (at < 0) {
            return null;
        }
        if (startsWith(der, at, RSA_OID)) {
            return "RSA";
        }
        if (startsWith(der, at, EC_OID)) {
            return "EC";
        }
        return null;
    }

    /** The offset of the contents of the DER element at {@code at} with tag {@code tag}, or -1. */
    private static int enter(byte[] der, int at, int tag) {
        if (at < 0 || at + 1 >= der.length || (der[at] & 0xff) != tag) {
            return -1;
        }
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? at + 2 : at + 2 + (first & 0x7f);
    }

    /** The offset after the DER element at {@code at}, or -1. */
    private static int skip(byte[] der, int at) {
        if (at + 1 >= der.length) {
            return -1;
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return at + 2 + first;
        }
        int octets = first & 0x7f;
        if (octets > 3 || at + 2 + octets > der.length) {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return at + 2 + octets + length;
    }

    private static boolean startsWith(byte[] der, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > der.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (der[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String armor(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
