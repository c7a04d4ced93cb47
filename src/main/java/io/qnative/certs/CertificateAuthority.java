package io.qnative.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A long-lived self-signed CA that signs serving certificates for exactly the DNS names asked for (the built-in
 * issuer of {@code qnative.certificate.networking.knative.dev}; docs/certificates.md). Unlike the webhook's
 * {@link CertificateIssuer}, the CA's key is kept (by the caller, in a Secret) and reused for every certificate, so
 * clients trust one CA certificate. Pure: the time and the randomness are parameters, so the same inputs give the
 * same certificates.
 */
public final class CertificateAuthority {

    /** Knative's CA lifetime ({@link Lifetimes#CA}). */
    public static final Duration DEFAULT_VALIDITY = Lifetimes.CA;
    /** The longest X.500 common name; a longer first DNS name is left out of the subject. */
    static final int MAX_COMMON_NAME = 64;
    private static final Duration MAX_BACKDATE = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * A new CA named {@code commonName}, valid from shortly before {@code now} (clock skew) for {@code validity}.
     */
    public static CertificateAuthority create(String commonName, Instant now, Duration validity,
            KeyAlgorithm algorithm, SecureRandom random) {
        try {
            KeyPair keys = algorithm.generate(random);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "qnative")
                    .addRDN(BCStyle.CN, commonName).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(backdate(validity))), Date.from(now.plus(validity)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate(), random), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot create the CA: " + e.getMessage(), e);
        }
    }

    /**
     * The CA kept as PEM: a certificate that is a CA and a private key that matches it.
     *
     * @throws IllegalArgumentException saying what is wrong with the PEM
     */
    public static CertificateAuthority fromPem(String certificatePem, String privateKeyPem) {
        try {
            List<X509Certificate> certs = Pem.certificates(certificatePem == null ? "" : certificatePem);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no CA certificate");
            }
            X509Certificate cert = certs.get(0);
            if (cert.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("the certificate is not a CA");
            }
            PrivateKey key = Pem.privateKey(privateKeyPem == null ? "" : privateKeyPem);
            if (!Keys.matches(key, cert)) {
                throw new IllegalArgumentException("the private key does not match the CA certificate");
            }
            return new CertificateAuthority(cert, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unreadable CA: " + e.getMessage(), e);
        }
    }

    /**
     * A serving certificate for exactly {@code dnsNames}, signed by this CA, valid from shortly before {@code now}
     * for {@code validity} but never beyond this CA's own expiry.
     *
     * @throws IllegalArgumentException when there is no DNS name
     */
    public ServingCertificate issue(List<String> dnsNames, Instant now, Duration validity, KeyAlgorithm algorithm,
            SecureRandom random) {
        if (dnsNames == null || dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one DNS name");
        }
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(notAfter())) {
            notAfter = notAfter();
        }
        try {
            KeyPair keys = algorithm.generate(random);
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "qnative");
            if (dnsNames.get(0).length() <= MAX_COMMON_NAME) {
                subject.addRDN(BCStyle.CN, dnsNames.get(0));
            }
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minus(backdate(validity))), Date.from(notAfter), subject.build(), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | ("EC".equals(keys.getPrivate().getAlgorithm()) ? 0 : KeyUsage.keyEncipherment)))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                            .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate leaf = sign(builder, key, random);
            return new ServingCertificate(Pem.certificate(leaf), Pem.privateKey(keys.getPrivate()),
                    certificatePem(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + dnsNames + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why this CA must be replaced at {@code now}, or empty: it expired, or less than {@code renewBefore} is left
     * (a CA that cannot outlive one serving certificate's renewal margin would sign certificates that expire early).
     */
    public Optional<String> replacementReason(Instant now, Duration renewBefore) {
        if (!now.isBefore(notAfter().minus(renewBefore))) {
            return Optional.of("the CA expires at " + notAfter());
        }
        return Optional.empty();
    }

    /** The CA certificate as PEM: what clients trust. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** The CA's private key as PKCS#8 PEM. */
    public String privateKeyPem() {
        return Pem.privateKey(key);
    }

    /** When the CA expires. */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    X509Certificate certificate() {
        return certificate;
    }

    private static Duration backdate(Duration validity) {
        Duration tenth = validity.dividedBy(10);
        return tenth.compareTo(MAX_BACKDATE) < 0 ? tenth : MAX_BACKDATE;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer, SecureRandom random)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithm(signer)).setSecureRandom(random)
                        .build(signer)));
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
