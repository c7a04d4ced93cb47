package io.qnative.certs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A serving certificate as a TLS Secret holds it, and the decision whether it must be renewed.
 *
 * @param certificatePem the serving certificate alone
 * @param privateKeyPem its private key (PKCS#8 when qnative issued it)
 * @param caPem the CA certificate(s) that signed it
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record ServingCertificate(String certificatePem, String privateKeyPem, String caPem, Instant notBefore,
        Instant notAfter) {

    /** The serving certificate followed by its CA: a Secret's {@code tls.crt}. */
    public String chainPem() {
        return certificatePem + caPem;
    }

    /**
     * When to renew: {@code renewBefore} ahead of expiry (Knative's 30 days by default); when the margin is not
     * shorter than the whole lifetime (short-lived certificates), at two thirds of it, as cert-manager defaults.
     */
    public Instant renewAt(Duration renewBefore) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (renewBefore.compareTo(lifetime) >= 0) {
            return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
        }
        return notAfter.minus(renewBefore);
    }

    /**
     * The certificate a Secret holds: {@code tls.crt} (the serving certificate, then its chain) and
     * {@code tls.key}.
     *
     * @throws IllegalArgumentException saying what is missing or unreadable
     */
    public static ServingCertificate fromPem(String chainPem, String privateKeyPem) {
        if (chainPem == null || chainPem.isBlank()) {
            throw new IllegalArgumentException("no certificate (tls.crt)");
        }
        if (privateKeyPem == null || privateKeyPem.isBlank()) {
            throw new IllegalArgumentException("no private key (tls.key)");
        }
        try {
            List<X509Certificate> chain = Pem.certificates(chainPem);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in tls.crt");
            }
            X509Certificate leaf = chain.get(0);
            if (!Keys.matches(Pem.privateKey(privateKeyPem), leaf)) {
                throw new IllegalArgumentException("the private key does not match the certificate");
            }
            StringBuilder rest = new StringBuilder();
            chain.subList(1, chain.size()).forEach(c -> rest.append(Pem.certificate(c)));
            return new ServingCertificate(Pem.certificate(leaf), privateKeyPem, rest.toString(),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Why this certificate must be replaced at {@code now}, or empty when it can be served: not signed by
     * {@code ca}, names other than exactly {@code dnsNames}, or its renewal time ({@link #renewAt}) has come.
     */
    public Optional<String> renewalReason(CertificateAuthority ca, List<String> dnsNames, Instant now,
            Duration renewBefore) {
        try {
            X509Certificate leaf = Pem.certificates(certificatePem).get(0);
            try {
                leaf.verify(ca.certificate().getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("not signed by the current CA");
            }
            Set<String> want = lowerCase(dnsNames);
            Set<String> have = lowerCase(dnsNames(leaf));
            if (!want.equals(have)) {
                return Optional.of("names " + have + " instead of " + want);
            }
            Instant renewAt = renewAt(renewBefore);
            if (!now.isBefore(renewAt)) {
                return Optional.of("renewal due at " + renewAt + " (expires at " + notAfter + ")");
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("unreadable certificate: " + e.getMessage());
        }
    }

    /** The DNS subject alternative names of {@code cert}, in order. */
    static List<String> dnsNames(X509Certificate cert) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        if (cert.getSubjectAlternativeNames() != null) {
            cert.getSubjectAlternativeNames().stream().filter(san -> Integer.valueOf(2).equals(san.get(0)))
                    .forEach(san -> names.add(String.valueOf(san.get(1))));
        }
        return names;
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return set;
    }

    @Override
    public String toString() {
        return "ServingCertificate[notAfter=" + notAfter + "]";
    }
}
