package io.qnative.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in CA: what it signs, for which names, with which keys, and when a certificate must be renewed. */
class CertificateAuthorityTest {

    static final Instant NOW = Instant.parse("2026-11-26T23:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();
    static final CertificateAuthority CA = CertificateAuthority.create("qnative-ca", NOW,
            CertificateAuthority.DEFAULT_VALIDITY, KeyAlgorithm.ECDSA_P256, RANDOM);
    static final List<String> NAMES = List.of("hello.default.example.com", "*.default.example.com");

    static List<X509Certificate> certs(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    @Test
    void theChainValidatesAgainstTheCaAlone() throws Exception {
        ServingCertificate leaf = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        List<X509Certificate> chain = certs(leaf.chainPem());
        assertThat(chain).hasSize(2);
        X509Certificate root = certs(CA.certificatePem()).get(0);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW.plus(Duration.ofDays(1))));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), params);
        assertThat(chain.get(1)).isEqualTo(root);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(chain.get(0).getBasicConstraints()).isEqualTo(-1);
        assertThat(chain.get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void theSubjectAlternativeNamesAreExactlyTheDnsNamesAsked() throws Exception {
        X509Certificate leaf = certs(CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM)
                .certificatePem()).get(0);
        assertThat(leaf.getSubjectAlternativeNames()).hasSize(2);
        assertThat(ServingCertificate.dnsNames(leaf)).containsExactlyElementsOf(NAMES);
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=hello.default.example.com");
    }

    @Test
    void aNameLongerThanACommonNameStaysOutOfTheSubjectButIsCertified() throws Exception {
        String longName = "a".repeat(50) + ".some-namespace.example.com";
        X509Certificate leaf = certs(CA.issue(List.of(longName), NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256,
                RANDOM).certificatePem()).get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).doesNotContain("CN=");
        assertThat(ServingCertificate.dnsNames(leaf)).containsExactly(longName);
    }

    @Test
    void keysAreEcdsaP256ByDefaultAndRsaOnRequest() throws Exception {
        X509Certificate ec = certs(CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM)
                .certificatePem()).get(0);
        assertThat(ec.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) ec.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(ec.getSigAlgName()).isEqualTo("SHA256withECDSA");
        X509Certificate rsa = certs(CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.RSA_2048, RANDOM)
                .certificatePem()).get(0);
        assertThat(((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(KeyAlgorithm.parse("RSA-2048")).isEqualTo(KeyAlgorithm.RSA_2048);
        assertThatThrownBy(() -> KeyAlgorithm.parse("dsa")).hasMessageContaining("ecdsa-p256, rsa-2048");
    }

    @Test
    void aServingCertificateNeverOutlivesItsCa() {
        CertificateAuthority shortCa = CertificateAuthority.create("short", NOW, Duration.ofDays(10),
                KeyAlgorithm.ECDSA_P256, RANDOM);
        ServingCertificate leaf = shortCa.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        assertThat(leaf.notAfter()).isEqualTo(shortCa.notAfter());
    }

    @Test
    void theCaAndTheServingCertificateReadBackFromPem() {
        CertificateAuthority again = CertificateAuthority.fromPem(CA.certificatePem(), CA.privateKeyPem());
        assertThat(again.certificatePem()).isEqualTo(CA.certificatePem());
        ServingCertificate leaf = again.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        ServingCertificate read = ServingCertificate.fromPem(leaf.chainPem(), leaf.privateKeyPem());
        assertThat(read).isEqualTo(leaf);
    }

    @Test
    void unreadableOrMismatchedPemIsRefusedWithTheReason() {
        CertificateAuthority other = CertificateAuthority.create("other", NOW, Duration.ofDays(30),
                KeyAlgorithm.ECDSA_P256, RANDOM);
        assertThatThrownBy(() -> CertificateAuthority.fromPem(CA.certificatePem(), other.privateKeyPem()))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> CertificateAuthority.fromPem("", CA.privateKeyPem())).hasMessageContaining("no CA");
        ServingCertificate leaf = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        assertThatThrownBy(() -> CertificateAuthority.fromPem(leaf.certificatePem(), leaf.privateKeyPem()))
                .hasMessageContaining("not a CA");
        assertThatThrownBy(() -> ServingCertificate.fromPem(leaf.chainPem(), null)).hasMessageContaining("tls.key");
        assertThatThrownBy(() -> ServingCertificate.fromPem(null, leaf.privateKeyPem()))
                .hasMessageContaining("tls.crt");
        assertThatThrownBy(() -> ServingCertificate.fromPem(leaf.chainPem(), other.privateKeyPem()))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> CA.issue(List.of(), NOW, Duration.ofDays(1), KeyAlgorithm.ECDSA_P256, RANDOM))
                .hasMessageContaining("at least one DNS name");
    }

    @Test
    void renewalIsDueThirtyDaysBeforeExpiry() {
        ServingCertificate leaf = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        Duration margin = Duration.ofDays(30);
        assertThat(leaf.renewAt(margin)).isEqualTo(NOW.plus(Duration.ofDays(60)));
        assertThat(leaf.renewalReason(CA, NAMES, NOW, margin)).isEmpty();
        assertThat(leaf.renewalReason(CA, NAMES, NOW.plus(Duration.ofDays(60)).minusSeconds(1), margin)).isEmpty();
        assertThat(leaf.renewalReason(CA, NAMES, NOW.plus(Duration.ofDays(60)), margin)).get().asString()
                .startsWith("renewal due at 2027-01-25T23:00:00Z");
    }

    @Test
    void aMarginLongerThanTheLifetimeRenewsAtTwoThirds() {
        ServingCertificate leaf = CA.issue(NAMES, NOW, Duration.ofMinutes(30), KeyAlgorithm.ECDSA_P256, RANDOM);
        // backdated by a tenth of the lifetime (3 minutes): lifetime 33 minutes, two thirds 22 minutes
        assertThat(leaf.notBefore()).isEqualTo(NOW.minus(Duration.ofMinutes(3)));
        assertThat(leaf.renewAt(Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofMinutes(19)));
    }

    @Test
    void otherNamesOrAnotherCaMeanRenewal() {
        ServingCertificate leaf = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM);
        assertThat(leaf.renewalReason(CA, List.of("*.default.example.com", "HELLO.default.example.com"), NOW,
                Duration.ofDays(30))).as("same set of names, any order and case").isEmpty();
        assertThat(leaf.renewalReason(CA, List.of("hello.default.example.com"), NOW, Duration.ofDays(30))).get()
                .asString().contains("instead of [hello.default.example.com]");
        assertThat(leaf.renewalReason(CA, List.of(NAMES.get(0), NAMES.get(1), "x.example.com"), NOW,
                Duration.ofDays(30))).isPresent();
        CertificateAuthority other = CertificateAuthority.create("other", NOW, Duration.ofDays(3650),
                KeyAlgorithm.ECDSA_P256, RANDOM);
        assertThat(leaf.renewalReason(other, NAMES, NOW, Duration.ofDays(30))).contains(
                "not signed by the current CA");
    }

    @Test
    void aCaIsReplacedWhenItCannotOutliveTheMargin() {
        assertThat(CA.replacementReason(NOW, Duration.ofDays(30))).isEmpty();
        assertThat(CA.replacementReason(CA.notAfter().minus(Duration.ofDays(30)), Duration.ofDays(30))).isPresent();
    }

    @Test
    void theSameRandomnessGivesTheSameCertificates() throws Exception {
        ServingCertificate a = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, seeded());
        ServingCertificate b = CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, seeded());
        assertThat(a).isEqualTo(b);
        assertThat(CA.issue(NAMES, NOW, Duration.ofDays(90), KeyAlgorithm.ECDSA_P256, RANDOM)).isNotEqualTo(a);
    }

    static SecureRandom seeded() throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(7L);
        return r;
    }
}
