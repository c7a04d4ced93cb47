package io.qnative.reconciler.certificate.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.api.certmanager.v1.CertManagerCertificate;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.config.CertManagerConfig;
import io.qnative.testing.SchemaWalker;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Knative's mapping of a Knative Certificate onto cert-manager's
 * ({@code pkg/reconciler/certificate/resources/cert_manager_certificate_test.go}), and that what it writes is kept
 * whole by a cert-manager Certificate CRD schema (src/test/resources/certmanager).
 */
class CertManagerCertificatesTest {

    static final CertManagerConfig CONFIG = CertManagerConfig.parse(Map.of(
            "issuerRef", "kind: ClusterIssuer\nname: letsencrypt",
            "clusterLocalIssuerRef", "kind: Issuer\nname: local-ca",
            "systemInternalIssuerRef", "kind: Issuer\nname: internal-ca\ngroup: example.com"));

    static Certificate kcert(String type, String domain, String... names) {
        Certificate c = new Certificate();
        TreeMap<String, String> labels = new TreeMap<>(Map.of("serving.knative.dev/route", "hello"));
        if (type != null) {
            labels.put("networking.knative.dev/certificate-type", type);
        }
        c.setMetadata(new ObjectMetaBuilder().withName("route-1").withNamespace("ns").withUid("uid-1")
                .withLabels(labels).withAnnotations(Map.of("networking.knative.dev/certificate.class",
                        "cert-manager.certificate.networking.knative.dev")).build());
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(List.of(names));
        spec.setDomain(domain);
        spec.setSecretName("route-1");
        c.setSpec(spec);
        return c;
    }

    static JsonNode tree(Object o) {
        return Serialization.jsonMapper().valueToTree(o);
    }

    @Test
    void theMappingOfAnExternalDomainCertificate() throws Exception {
        CertManagerCertificates.Made made = CertManagerCertificates.make(CONFIG,
                kcert(null, "example.com", "hello.ns.example.com", "tag-hello.ns.example.com"));
        assertThat(made.reason()).isNull();
        assertThat(tree(made.certificate())).isEqualTo(new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: route-1
                  namespace: ns
                  annotations:
                    networking.knative.dev/certificate.class: cert-manager.certificate.networking.knative.dev
                  labels: {serving.knative.dev/route: hello}
                  ownerReferences:
                  - {apiVersion: networking.internal.knative.dev/v1alpha1, kind: Certificate, name: route-1, uid: uid-1,
                     controller: true, blockOwnerDeletion: true}
                spec:
                  commonName: hello.ns.example.com
                  dnsNames: [hello.ns.example.com, tag-hello.ns.example.com]
                  secretName: route-1
                  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
                  secretTemplate:
                    labels: {networking.internal.knative.dev/certificate-uid: uid-1}
                """));
    }

    @Test
    void eachCertificateTypeTakesItsIssuer() {
        assertThat(CertManagerCertificates.make(CONFIG, kcert("cluster-local-domain", "svc.cluster.local",
                "hello.ns.svc.cluster.local")).certificate().getSpec().getIssuerRef().getName()).isEqualTo("local-ca");
        var internal = CertManagerCertificates.make(CONFIG, kcert("system-internal", "", "x.ns")).certificate()
                .getSpec().getIssuerRef();
        assertThat(List.of(internal.getName(), internal.getKind(), internal.getGroup()))
                .containsExactly("internal-ca", "Issuer", "example.com");
        CertManagerCertificates.Made bad = CertManagerCertificates.make(CONFIG, kcert("bogus", "", "x.ns"));
        assertThat(bad.certificate()).isNull();
        assertThat(bad.reason()).isEqualTo("certificate type invalid");
        assertThat(bad.message())
                .isEqualTo("error creating cert-manager certificate: certificate type bogus is invalid");
    }

    @Test
    void aCommonNameOver63CharactersIsShortenedToTheDomainWithPrefixK() {
        String longHost = "a-very-long-service-name-that-goes-on-and-on.some-namespace.example.com";
        CertManagerCertificate cert = CertManagerCertificates.make(CONFIG, kcert(null, "some-namespace.example.com",
                longHost)).certificate();
        assertThat(cert.getSpec().getCommonName()).isEqualTo("k.some-namespace.example.com");
        assertThat(cert.getSpec().getDnsNames()).containsExactly("k.some-namespace.example.com", longHost);
    }

    @Test
    void aCommonNameThatCannotBeShortenedIsRefusedWithKnativesReasons() {
        String longHost = "x".repeat(70) + ".example.com";
        assertThat(CertManagerCertificates.make(CONFIG, kcert(null, "", longHost)).message())
                .endsWith("too long and field spec.Domain on Kcert is empty, cannot attempt to shorten");
        assertThat(CertManagerCertificates.make(CONFIG, kcert(null, longHost, longHost)).message())
                .endsWith("longer than 63 characters");
        String longDomain = "d".repeat(62) + ".com";
        CertManagerCertificates.Made made = CertManagerCertificates.make(CONFIG, kcert(null, longDomain,
                "h." + longDomain));
        assertThat(made.reason()).isEqualTo("CommonName Too Long");
        assertThat(made.message()).contains("(length: 66) too long, prepending short prefix of (k.)(length: 2)");
    }

    @Test
    void whatTheMappingWritesIsKeptByTheCertManagerCrd() throws Exception {
        JsonNode crd;
        try (InputStream in = getClass().getResourceAsStream("/certmanager/certificates.cert-manager.io.yaml")) {
            crd = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        JsonNode schema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        assertThat(SchemaWalker.structuralErrors(schema)).isEmpty();
        CertManagerCertificate cert = CertManagerCertificates.make(CONFIG,
                kcert(null, "example.com", "hello.ns.example.com")).certificate();
        SchemaWalker.Result r = SchemaWalker.validate(schema, tree(cert));
        assertThat(r.typeErrors()).isEmpty();
        assertThat(r.pruned()).isEmpty();
    }
}
