package io.qnative.reconciler.domainmapping.resources;

import static io.qnative.reconciler.route.RouteFixtures.tree;
import static io.qnative.reconciler.route.RouteFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.NetworkConfig;
import io.qnative.reconciler.domainmapping.DomainMappingFixtures;
import org.junit.jupiter.api.Test;

/**
 * The DomainMapping's children compared to whole expected objects (Knative's
 * {@code pkg/reconciler/domainmapping/resources/*_test.go}), the YAML written by hand from Knative's builders.
 */
class DomainMappingBuildersTest {

    static final String CLASS = NetworkConfig.QNATIVE_INGRESS_CLASS;

    /** {@code hello.example.org} in {@code apps} to ksvc {@code hello}, with a label, a user annotation and the
     * annotations that must not reach the children. */
    static DomainMapping mapping() {
        DomainMapping dm = DomainMappingFixtures.dm("apps", "hello.example.org", "serving.knative.dev/v1", "Service",
                "hello");
        dm.getMetadata().setLabels(new TreeMap<>(Map.of("app", "shop")));
        dm.getMetadata().setAnnotations(new TreeMap<>(Map.of("serving.knative.dev/creator", "alice",
                "kubectl.kubernetes.io/last-applied-configuration", "{}",
                NetworkingKeys.INGRESS_CLASS_ALT, "other", NetworkingKeys.CERTIFICATE_CLASS_ALT, "other")));
        return dm;
    }

    static HTTP01Challenge challenge(String url) {
        HTTP01Challenge c = new HTTP01Challenge();
        c.setUrl(url);
        c.setServiceName("solver");
        c.setServiceNamespace("apps");
        c.setServicePort(new IntOrString(8089));
        return c;
    }

    @Test
    void kingressRewritesTheHostAndAppendsTheOriginalHost() {
        Ingress ing = DomainMappingIngresses.make(mapping(), "hello", "hello.apps.svc.cluster.local", CLASS, "Enabled",
                List.of(), List.of());
        assertThat(tree(ing)).isEqualTo(yaml("domainmapping/ingress-plain.yaml"));
    }

    @Test
    void kingressWithTlsPutsTheDomainsChallengesFirst() {
        DomainMapping dm = mapping();
        Ingress ing = DomainMappingIngresses.make(dm, "hello", "hello.apps.svc.cluster.local", CLASS, "Redirected",
                List.of(DomainMappingCertificates.ingressTls(DomainMappingCertificates.make(dm, "x"),
                        List.of("hello.example.org"))),
                List.of(challenge("http://hello.example.org/.well-known/acme-challenge/abc"),
                        challenge("http://other.example.org/.well-known/acme-challenge/def")));
        assertThat(tree(ing)).isEqualTo(yaml("domainmapping/ingress-tls-challenge.yaml"));
    }

    @Test
    void disabledHttpIsNoHttpOption() {
        Ingress ing = DomainMappingIngresses.make(mapping(), "hello", "hello.apps.svc.cluster.local", CLASS, "",
                List.of(), List.of());
        assertThat(ing.getSpec().getHttpOption()).isNull();
        NetworkConfig disabled = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-network",
                Map.of("http-protocol", "Disabled")).network();
        NetworkConfig redirected = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-network",
                Map.of("http-protocol", "Redirected")).network();
        DomainMapping dm = mapping();
        assertThat(DomainMappingIngresses.httpOption(disabled, dm)).isEmpty();
        assertThat(DomainMappingIngresses.httpOption(redirected, dm)).isEqualTo("Redirected");
        assertThat(DomainMappingIngresses.httpOption(NetworkConfig.DEFAULT, dm)).isEqualTo("Enabled");
        // the mapping's annotation (either spelling, any case) wins over config-network, as for a Route
        dm.getMetadata().setAnnotations(Map.of(NetworkingKeys.HTTP_PROTOCOL, "Redirected"));
        assertThat(DomainMappingIngresses.httpOption(NetworkConfig.DEFAULT, dm)).isEqualTo("Redirected");
        dm.getMetadata().setAnnotations(Map.of(NetworkingKeys.HTTP_OPTION_LEGACY, "disabled"));
        assertThat(DomainMappingIngresses.httpOption(redirected, dm)).isEmpty();
        dm.getMetadata().setAnnotations(Map.of(NetworkingKeys.HTTP_PROTOCOL, "sometimes"));
        assertThatThrownBy(() -> DomainMappingIngresses.httpOption(NetworkConfig.DEFAULT, dm))
                .hasMessage("incorrect http-protocol annotation: sometimes");
    }

    @Test
    void classesComeFromTheAnnotationThenConfig() {
        DomainMapping dm = mapping();
        assertThat(DomainMappingIngresses.ingressClass(NetworkConfig.DEFAULT, dm)).isEqualTo("other");
        assertThat(DomainMappingCertificates.certificateClass(NetworkConfig.DEFAULT, dm)).isEqualTo("other");
        dm.getMetadata().setAnnotations(Map.of());
        assertThat(DomainMappingIngresses.ingressClass(NetworkConfig.DEFAULT, dm)).isEqualTo(CLASS);
        assertThat(DomainMappingCertificates.certificateClass(NetworkConfig.DEFAULT, dm))
                .isEqualTo(NetworkConfig.QNATIVE_CERTIFICATE_CLASS);
    }

    @Test
    void certificateForTheDomain() {
        assertThat(tree(DomainMappingCertificates.make(mapping(), NetworkConfig.QNATIVE_CERTIFICATE_CLASS)))
                .isEqualTo(yaml("domainmapping/certificate.yaml"));
    }

    @Test
    void claimForTheNamespace() {
        assertThat(tree(DomainClaims.make(mapping()))).isEqualTo(yaml("domainmapping/claim.yaml"));
    }

    @Test
    void longDomainsAreHashedIntoChildNames() {
        DomainMapping dm = DomainMappingFixtures.dm("apps", "a".repeat(60) + ".example.org",
                "serving.knative.dev/v1", "Service", "hello");
        Ingress ing = DomainMappingIngresses.make(dm, "hello", "hello.apps.svc.cluster.local", CLASS, "", List.of(),
                List.of());
        assertThat(ing.getMetadata().getName()).hasSize(63).startsWith("a".repeat(31));
        assertThat(ing.getSpec().getRules().get(0).getHosts()).containsExactly(dm.getMetadata().getName());
    }
}
