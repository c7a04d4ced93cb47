package io.qnative.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    static final List<String> DNS = List.of("webhook", "webhook.knative-serving", "webhook.knative-serving.svc",
            "webhook.knative-serving.svc.cluster.local");
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void issuesALeafThatChainsToItsCaWithTheNames() throws Exception {
        CertificateBundle bundle = CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of("127.0.0.1"));
        X509Certificate ca = Pem.certificates(bundle.caPem()).get(0);
        X509Certificate leaf = Pem.certificates(bundle.certPem()).get(0);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                .containsAll(DNS).contains("127.0.0.1");
        assertThat(leaf.getNotAfter()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(7))));

        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(leaf)), params);
        assertThat(bundle.renewalReason(NOW, DNS, List.of("127.0.0.1"))).isEmpty();
        assertThat(bundle.keyPemPkcs8()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void isRenewedWhenLessThanAThirdOfItsLifetimeRemains() {
        CertificateBundle bundle = CertificateIssuer.issue(NOW, Duration.ofDays(30), DNS, List.of());
        assertThat(bundle.renewalReason(NOW.plus(Duration.ofDays(19)), DNS, List.of())).isEmpty();
        assertThat(bundle.renewalReason(NOW.plus(Duration.ofDays(21)), DNS, List.of())).get().asString()
                .contains("expires");
    }

    @Test
    void isRenewedWhenANameIsMissingOrTheKeyDoesNotMatch() {
        CertificateBundle bundle = CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of());
        assertThat(bundle.renewalReason(NOW, DNS, List.of("127.0.0.1"))).get().asString().contains("127.0.0.1");
        assertThat(bundle.renewalReason(NOW, List.of("other.example"), List.of())).get().asString()
                .contains("other.example");
        CertificateBundle other = CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of());
        CertificateBundle mixed = new CertificateBundle(bundle.caPem(), bundle.certPem(), other.keyPem());
        assertThat(mixed.renewalReason(NOW, DNS, List.of())).get().asString().contains("does not match");
        CertificateBundle wrongCa = new CertificateBundle(other.caPem(), bundle.certPem(), bundle.keyPem());
        assertThat(wrongCa.renewalReason(NOW, DNS, List.of())).get().asString().contains("unreadable");
        assertThat(new CertificateBundle("junk", "junk", "junk").renewalReason(NOW, DNS, List.of())).isPresent();
    }

    @Test
    void roundTripsThroughSecretDataAndKeepsThePreviousCaTrusted() throws Exception {
        CertificateBundle old = CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of());
        CertificateBundle fresh = CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of())
                .trustingAlso(old, NOW);
        assertThat(Pem.certificates(fresh.caPem())).hasSize(2);
        assertThat(Pem.certificates(fresh.caPem()).get(1)).isEqualTo(Pem.certificates(old.caPem()).get(0));
        assertThat(fresh.renewalReason(NOW, DNS, List.of())).isEmpty();
        Map<String, String> data = fresh.toSecretData();
        assertThat(data).containsOnlyKeys("ca-cert.pem", "server-cert.pem", "server-key.pem");
        assertThat(CertificateBundle.fromSecretData(data)).contains(fresh);
        assertThat(CertificateBundle.fromSecretData(Map.of("ca-cert.pem", "x"))).isEmpty();
        CertificateBundle expiredOld = CertificateIssuer.issue(NOW.minus(Duration.ofDays(30)), Duration.ofDays(7),
                DNS, List.of());
        assertThat(Pem.certificates(CertificateIssuer.issue(NOW, Duration.ofDays(7), DNS, List.of())
                .trustingAlso(expiredOld, NOW).caPem())).hasSize(1);
    }
}
