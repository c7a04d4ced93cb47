package io.qnative.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.certs.CertificateBundle;
import io.qnative.certs.CertificateIssuer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/** The SNI certificate store: which hosts are served with which key pair, as KIngresses and Secrets come and go. */
class SniCertificatesTest {

    static final CertificateBundle A = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1),
            List.of("a.ns.example.com"), List.of());
    static final CertificateBundle A2 = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1),
            List.of("a.ns.example.com"), List.of());

    static Map<String, String> data(CertificateBundle b) {
        return Map.of("tls.crt", b.certPem(), "tls.key", b.keyPem());
    }

    static SniCertificates.Block block(String secret, String... hosts) {
        return new SniCertificates.Block(List.of(hosts), "ns", secret);
    }

    /** The leaf a handshake for {@code host} would be served now, or null. */
    static X509Certificate served(SniCertificates certs, String host) {
        var km = (X509ExtendedKeyManager) certs.forServerName(host).orElse(null);
        if (km == null) {
            return null;
        }
        String alias = km.chooseEngineServerAlias("EC", null, null);
        return alias == null ? null : km.getCertificateChain(alias)[0];
    }

    @Test
    void aHostIsServedOnlyWithBothItsTlsBlockAndItsSecret() {
        SniCertificates certs = new SniCertificates();
        certs.putIngress("ns", "a", List.of(block("a-cert", "a.ns.example.com")));
        assertThat(certs.available()).isFalse();
        certs.putSecret("ns", "a-cert", data(A));
        assertThat(certs.available()).isTrue();
        assertThat(certs.hosts()).containsExactly("a.ns.example.com");
        assertThat(served(certs, "A.NS.example.com").getSerialNumber())
                .isEqualTo(KeyMaterial.parse(A.certPem(), A.keyPem()).chain()[0].getSerialNumber());
        assertThat(certs.forServerName("b.ns.example.com")).isEmpty();

        certs.removeSecret("ns", "a-cert");
        assertThat(certs.available()).isFalse();
    }

    @Test
    void aKeyManagerHandedOutEarlierFollowsRotationAndRemoval() {
        SniCertificates certs = new SniCertificates();
        certs.putSecret("ns", "a-cert", data(A));
        certs.putIngress("ns", "a", List.of(block("a-cert", "a.ns.example.com")));
        var km = (X509ExtendedKeyManager) certs.forServerName("a.ns.example.com").orElseThrow();
        String before = km.chooseEngineServerAlias("EC", null, null);

        certs.putSecret("ns", "a-cert", data(A2));
        String after = km.chooseEngineServerAlias("EC", null, null);
        assertThat(after).isNotEqualTo(before);
        assertThat(km.getCertificateChain(after)[0].getSerialNumber())
                .isEqualTo(KeyMaterial.parse(A2.certPem(), A2.keyPem()).chain()[0].getSerialNumber());
        // a handshake that chose the old alias just before the swap still completes with the old pair
        assertThat(km.getPrivateKey(before)).isNotNull();
        assertThat(km.chooseEngineServerAlias("RSA", null, null)).isNull();

        certs.removeIngress("ns", "a");
        assertThat(km.chooseEngineServerAlias("EC", null, null)).isNull();
    }

    @Test
    void anUnreadableSecretIsNotServedAndTheRestIs() {
        SniCertificates certs = new SniCertificates();
        certs.putSecret("ns", "bad", Map.of("tls.crt", A.certPem()));
        certs.putSecret("ns", "a-cert", data(A));
        certs.putIngress("ns", "x", List.of(block("bad", "bad.ns.example.com"), block("a-cert", "a.ns.example.com")));
        assertThat(certs.hosts()).containsExactly("a.ns.example.com");
    }

    @Test
    void parseErrorsNameTheSecretKey() {
        assertThatThrownBy(() -> KeyMaterial.parse(A.certPem(), null)).hasMessageContaining("tls.key is missing");
        assertThatThrownBy(() -> KeyMaterial.parse("garbage", A.keyPem())).hasMessageContaining("tls.crt");
        assertThatThrownBy(() -> KeyMaterial.parse(A.certPem(), A.certPem())).hasMessageContaining("tls.key");
    }

    @Test
    void listenersHearOfChangesToTheServedHostsOnly() {
        SniCertificates certs = new SniCertificates();
        AtomicInteger calls = new AtomicInteger();
        certs.onChange(calls::incrementAndGet);
        certs.putSecret("ns", "a-cert", data(A));
        assertThat(calls).hasValue(0);
        certs.putIngress("ns", "a", List.of(block("a-cert", "a.ns.example.com")));
        assertThat(calls).hasValue(1);
        certs.putIngress("ns", "a", List.of(block("a-cert", "a.ns.example.com")));
        assertThat(calls).hasValue(1);
    }

    static Ingress ingress(String cls, IngressTLS... tls) {
        Ingress ing = new Ingress();
        ObjectMeta m = new ObjectMeta();
        m.setNamespace("ns");
        m.setName("r");
        m.setAnnotations(Map.of(NetworkingKeys.INGRESS_CLASS, cls));
        ing.setMetadata(m);
        IngressSpec spec = new IngressSpec();
        spec.setTls(new ArrayList<>(List.of(tls)));
        ing.setSpec(spec);
        return ing;
    }

    @Test
    void onlyQnativeKIngressesContributeTlsBlocks() {
        IngressTLS t = new IngressTLS();
        t.setHosts(List.of("r.ns.example.com"));
        t.setSecretName("route-1");
        assertThat(TlsSecrets.blocks(ingress(NetworkingKeys.INGRESS_CLASS_QNATIVE, t)))
                .containsExactly(new SniCertificates.Block(List.of("r.ns.example.com"), "ns", "route-1"));
        assertThat(TlsSecrets.blocks(ingress("kourier.ingress.networking.knative.dev", t))).isEmpty();
    }

    @Test
    void secretDataIsDecodedKeepingOnlyTheKeyPair() {
        var b64 = Base64.getEncoder();
        var secret = new SecretBuilder().withNewMetadata().withName("s").withNamespace("ns").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of(
                        "tls.crt", b64.encodeToString(A.certPem().getBytes(StandardCharsets.UTF_8)),
                        "tls.key", b64.encodeToString(A.keyPem().getBytes(StandardCharsets.UTF_8)),
                        "ca.crt", b64.encodeToString(A.certPem().getBytes(StandardCharsets.UTF_8)))).build();
        assertThat(TlsSecrets.data(secret)).containsOnlyKeys("tls.crt", "tls.key")
                .containsEntry("tls.crt", A.certPem()).containsEntry("tls.key", A.keyPem());
    }

    static final CertificateBundle B = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1),
            List.of("b.ns.example.com"), List.of());

    /** The alias a handshake for {@code host} would choose now. */
    static String alias(SniCertificates certs, String host) {
        return ((X509ExtendedKeyManager) certs.forServerName(host).orElseThrow())
                .chooseEngineServerAlias("EC", null, null);
    }

    @Test
    void aChangeTouchesOnlyTheHostsItNames() {
        SniCertificates certs = new SniCertificates();
        AtomicInteger calls = new AtomicInteger();
        certs.onChange(calls::incrementAndGet);
        certs.putSecret("ns", "a-cert", data(A));
        certs.putSecret("ns", "b-cert", data(B));
        certs.putIngress("ns", "a", List.of(block("a-cert", "a.ns.example.com")));
        certs.putIngress("ns", "b", List.of(block("b-cert", "b.ns.example.com")));
        String a = alias(certs, "a.ns.example.com");
        String b = alias(certs, "b.ns.example.com");
        assertThat(calls).hasValue(2);

        // the informer's resync delivers the same data again: nothing is parsed again, nobody is told
        certs.putSecret("ns", "a-cert", Map.of("tls.crt", A.certPem(), "tls.key", A.keyPem(), "ca.crt", "x"));
        assertThat(alias(certs, "a.ns.example.com")).isEqualTo(a);
        assertThat(calls).hasValue(2);

        certs.putSecret("ns", "a-cert", data(A2));
        assertThat(alias(certs, "a.ns.example.com")).isNotEqualTo(a);
        assertThat(alias(certs, "b.ns.example.com")).isEqualTo(b);
        assertThat(calls).hasValue(3);

        // a Secret no block names is not parsed: its (unreadable) data is only logged once named
        certs.putSecret("ns", "unused", Map.of("tls.crt", "garbage", "tls.key", "garbage"));
        assertThat(calls).hasValue(3);
        assertThat(certs.hosts()).containsExactly("a.ns.example.com", "b.ns.example.com");
    }

    @Test
    void aHostNamedTwiceIsServedByItsFirstReadableClaim() {
        SniCertificates certs = new SniCertificates();
        certs.putSecret("ns", "a-cert", data(A));
        certs.putSecret("ns", "a2-cert", data(A2));
        certs.putIngress("ns", "z", List.of(block("a2-cert", "a.ns.example.com")));
        certs.putIngress("ns", "m", List.of(block("a-cert", "a.ns.example.com")));
        var serialA = KeyMaterial.parse(A.certPem(), A.keyPem()).chain()[0].getSerialNumber();
        var serialA2 = KeyMaterial.parse(A2.certPem(), A2.keyPem()).chain()[0].getSerialNumber();
        // KIngress ns/m sorts before ns/z
        assertThat(served(certs, "a.ns.example.com").getSerialNumber()).isEqualTo(serialA);

        certs.putSecret("ns", "a-cert", Map.of("tls.crt", "garbage"));
        assertThat(served(certs, "a.ns.example.com").getSerialNumber()).isEqualTo(serialA2);

        certs.putSecret("ns", "a-cert", data(A));
        assertThat(served(certs, "a.ns.example.com").getSerialNumber()).isEqualTo(serialA);

        certs.removeIngress("ns", "m");
        assertThat(served(certs, "a.ns.example.com").getSerialNumber()).isEqualTo(serialA2);
        certs.removeIngress("ns", "z");
        assertThat(certs.forServerName("a.ns.example.com")).isEmpty();
        assertThat(certs.available()).isFalse();
    }
}
