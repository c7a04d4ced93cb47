package io.qnative.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's certificates as stored in its Secret, with Knative's keys. {@code ca-cert.pem} may hold more than
 * one CA: right after a rotation it is the new CA followed by the previous one, so replicas still serving the old
 * certificate stay trusted until they pick up the new one. That PEM is the webhook configurations' caBundle.
 *
 * @param caPem {@code ca-cert.pem}: the current CA first, then any previous CA that has not expired
 * @param certPem {@code server-cert.pem}: the serving certificate
 * @param keyPem {@code server-key.pem}: its private key
 */
public record CertificateBundle(String caPem, String certPem, String keyPem) {

    public static final String CA_CERT = "ca-cert.pem";
    public static final String SERVER_CERT = "server-cert.pem";
    public static final String SERVER_KEY = "server-key.pem";

    /** The bundle in a Secret's base64 {@code data}, if all three keys are there. */
    public static Optional<CertificateBundle> fromSecretData(Map<String, String> data) {
        if (data == null || !data.containsKey(CA_CERT) || !data.containsKey(SERVER_CERT)
                || !data.containsKey(SERVER_KEY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CertificateBundle(decode(data.get(CA_CERT)), decode(data.get(SERVER_CERT)),
                    decode(data.get(SERVER_KEY))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The Secret's base64 {@code data}. */
    public Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, encode(caPem));
        data.put(SERVER_CERT, encode(certPem));
        data.put(SERVER_KEY, encode(keyPem));
        return data;
    }

    /** This bundle with the still-valid first CA of {@code previous} appended to the trusted CAs. */
    public CertificateBundle trustingAlso(CertificateBundle previous, Instant now) {
        try {
            List<X509Certificate> old = Pem.certificates(previous.caPem);
            if (!old.isEmpty() && old.get(0).getNotAfter().toInstant().isAfter(now)) {
                return new CertificateBundle(caPem + Pem.certificate(old.get(0)), certPem, keyPem);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // an unreadable previous bundle is simply not trusted any more
        }
        return this;
    }

    /** The serving certificate's private key, re-encoded as PKCS#8 whatever format the Secret holds. */
    public String keyPemPkcs8() {
        try {
            return Pem.privateKey(Pem.privateKey(keyPem));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable server-key.pem: " + e.getMessage(), e);
        }
    }

    /**
     * Why this bundle must be replaced at {@code now}, or empty when it can be served: unreadable, a key that
     * does not match, not signed by the first CA, a missing name, or less than a third of its lifetime left.
     */
    public Optional<String> renewalReason(Instant now, Collection<String> dnsNames, Collection<String> ipAddresses) {
        try {
            List<X509Certificate> cas = Pem.certificates(caPem);
            List<X509Certificate> leaf = Pem.certificates(certPem);
            if (cas.isEmpty() || leaf.isEmpty()) {
                return Optional.of("no certificate in the Secret");
            }
            X509Certificate cert = leaf.get(0);
            cert.verify(cas.get(0).getPublicKey());
            if (!Keys.matches(Pem.privateKey(keyPem), cert)) {
                return Optional.of("the private key does not match the certificate");
            }
            List<String> missing = missingNames(cert, dnsNames, ipAddresses);
            if (!missing.isEmpty()) {
                return Optional.of("the certificate does not name " + String.join(", ", missing));
            }
            Instant notBefore = cert.getNotBefore().toInstant();
            Instant notAfter = earliest(cert.getNotAfter(), cas.get(0).getNotAfter());
            Duration lifetime = Duration.between(notBefore, notAfter);
            if (!now.isBefore(notAfter.minus(lifetime.dividedBy(3)))) {
                return Optional.of("the certificate expires at " + notAfter);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return Optional.of("unreadable certificates: " + e.getMessage());
        }
    }

    /** The serving certificate's private key. */
    public java.security.PrivateKey privateKey() {
        try {
            return Pem.privateKey(keyPem);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable server-key.pem: " + e.getMessage(), e);
        }
    }

    /** The serving certificate followed by its CA. */
    public X509Certificate[] certificateChain() {
        try {
            List<X509Certificate> chain = new ArrayList<>(Pem.certificates(certPem));
            chain.add(Pem.certificates(caPem).get(0));
            return chain.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable certificates: " + e.getMessage(), e);
        }
    }

    /** When the serving certificate expires. */
    public Instant notAfter() {
        try {
            return Pem.certificates(certPem).get(0).getNotAfter().toInstant();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static Instant earliest(java.util.Date a, java.util.Date b) {
        return a.before(b) ? a.toInstant() : b.toInstant();
    }

    private static List<String> missingNames(X509Certificate cert, Collection<String> dnsNames,
            Collection<String> ipAddresses) throws CertificateParsingException {
        List<String> present = new ArrayList<>();
        if (cert.getSubjectAlternativeNames() != null) {
            cert.getSubjectAlternativeNames().forEach(san -> present.add(String.valueOf(san.get(1))));
        }
        List<String> missing = new ArrayList<>();
        dnsNames.stream().filter(n -> !present.contains(n)).forEach(missing::add);
        ipAddresses.stream().filter(ip -> present.stream().noneMatch(p -> sameIp(p, ip))).forEach(missing::add);
        return missing;
    }

    private static boolean sameIp(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CertificateBundle[notAfter=" + notAfter() + "]";
    }
}
