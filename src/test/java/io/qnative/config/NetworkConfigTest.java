package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qnative.config.NetworkConfig.HttpProtocol;
import io.qnative.config.NetworkConfig.MeshCompatibilityMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkConfigTest {

    @Test
    void emptyMapRoutesThroughQnative() {
        NetworkConfig c = NetworkConfig.parse(Map.of());
        assertThat(c).isEqualTo(NetworkConfig.DEFAULT);
        assertThat(c.ingressClass()).isEqualTo("qnative.ingress.networking.knative.dev");
        assertThat(c.certificateClass()).isEqualTo("qnative.certificate.networking.knative.dev");
        assertThat(c.domainTemplate().text()).isEqualTo("{{.Name}}.{{.Namespace}}.{{.Domain}}");
        assertThat(c.tagTemplate().text()).isEqualTo("{{.Tag}}-{{.Name}}");
        assertThat(c.externalDomainTls()).isFalse();
        assertThat(c.clusterLocalDomainTls()).isFalse();
        assertThat(c.systemInternalTls()).isFalse();
        assertThat(c.httpProtocol()).isEqualTo(HttpProtocol.ENABLED);
        assertThat(c.defaultExternalScheme()).isEqualTo("http");
        assertThat(c.rolloutDurationSeconds()).isZero();
        assertThat(c.autocreateClusterDomainClaims()).isFalse();
        assertThat(c.namespaceWildcardCertSelector()).isEmpty();
        assertThat(c.meshCompatibilityMode()).isEqualTo(MeshCompatibilityMode.AUTO);
        assertThat(c.clusterLocalDomain()).isEqualTo("svc.cluster.local");
        assertThat(c.maxUpgradedConnectionSeconds()).isEmpty();
    }

    @Test
    void maxUpgradedConnectionSecondsIsWholeSecondsZeroForNoCapBlankForTheDefault() {
        assertThat(NetworkConfig.parse(Map.of("max-upgraded-connection-seconds", "3600"))
                .maxUpgradedConnectionSeconds()).hasValue(3600);
        assertThat(NetworkConfig.parse(Map.of("max-upgraded-connection-seconds", " 0 "))
                .maxUpgradedConnectionSeconds()).hasValue(0);
        assertThat(NetworkConfig.parse(Map.of("max-upgraded-connection-seconds", ""))
                .maxUpgradedConnectionSeconds()).isEmpty();
    }

    @Test
    void badMaxUpgradedConnectionSecondsNamesTheKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> NetworkConfig.parse(Map.of("max-upgraded-connection-seconds", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max-upgraded-connection-seconds").hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> NetworkConfig.parse(Map.of("max-upgraded-connection-seconds", "1h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max-upgraded-connection-seconds").hasMessageContaining("whole number of seconds");
    }

    @Test
    void blankClassesMeanTheDefault() {
        NetworkConfig c = NetworkConfig.parse(Map.of("ingress-class", "", "certificate-class", " "));
        assertThat(c.ingressClass()).isEqualTo(NetworkConfig.QNATIVE_INGRESS_CLASS);
        assertThat(c.certificateClass()).isEqualTo(NetworkConfig.QNATIVE_CERTIFICATE_CLASS);
    }

    @Test
    void legacyKeysAreHonoured() {
        NetworkConfig c = NetworkConfig.parse(Problems.map("ingress.class", "kourier.ingress.networking.knative.dev",
                "certificate.class", "cert-manager.certificate.networking.knative.dev",
                "domainTemplate", "{{.Name}}-{{.Namespace}}.{{.Domain}}", "tagTemplate", "{{.Name}}-{{.Tag}}",
                "autoTLS", "Enabled", "httpProtocol", "Redirected", "rolloutDuration", "60",
                "autocreateClusterDomainClaims", "true", "defaultExternalScheme", "https",
                "internal-encryption", "true"));
        assertThat(c.ingressClass()).isEqualTo("kourier.ingress.networking.knative.dev");
        assertThat(c.certificateClass()).isEqualTo(NetworkConfig.CERT_MANAGER_CERTIFICATE_CLASS);
        assertThat(renderDomain(c, "a", "b", "c.d", Map.of(), Map.of())).isEqualTo("a-b.c.d");
        assertThat(c.renderTag("route", "v1")).isEqualTo("route-v1");
        assertThat(c.externalDomainTls()).isTrue();
        assertThat(c.httpProtocol()).isEqualTo(HttpProtocol.REDIRECTED);
        assertThat(c.rolloutDurationSeconds()).isEqualTo(60);
        assertThat(c.autocreateClusterDomainClaims()).isTrue();
        assertThat(c.defaultExternalScheme()).isEqualTo("https");
        assertThat(c.systemInternalTls()).isTrue();
    }

    @Test
    void newKeysWinOverLegacyOnes() {
        NetworkConfig c = NetworkConfig.parse(Problems.map("ingress.class", "old", "ingress-class", "new",
                "domainTemplate", "{{.Name}}.old.{{.Domain}}", "domain-template", "{{.Name}}.new.{{.Domain}}",
                "autoTLS", "Enabled", "auto-tls", "Disabled", "external-domain-tls", "Enabled",
                "httpProtocol", "Redirected", "http-protocol", "Enabled",
                "rolloutDuration", "60", "rollout-duration", "30",
                "internal-encryption", "true", "system-internal-tls", "Disabled"));
        assertThat(c.ingressClass()).isEqualTo("new");
        assertThat(renderDomain(c, "a", "b", "c", Map.of(), Map.of())).isEqualTo("a.new.c");
        assertThat(c.externalDomainTls()).isTrue();
        assertThat(c.httpProtocol()).isEqualTo(HttpProtocol.ENABLED);
        assertThat(c.rolloutDurationSeconds()).isEqualTo(30);
        assertThat(c.systemInternalTls()).isFalse();
        assertThat(NetworkConfig.parse(Map.of("autoTLS", "Enabled", "auto-tls", "Disabled")).externalDomainTls())
                .isFalse();
    }

    @Test
    void valuesAreCaseInsensitive() {
        NetworkConfig c = NetworkConfig.parse(Map.of("external-domain-tls", "ENABLED",
                "cluster-local-domain-tls", "enabled", "http-protocol", "redirected",
                "mesh-compatibility-mode", "Disabled"));
        assertThat(c.externalDomainTls()).isTrue();
        assertThat(c.clusterLocalDomainTls()).isTrue();
        assertThat(c.httpProtocol()).isEqualTo(HttpProtocol.REDIRECTED);
        assertThat(c.meshCompatibilityMode()).isEqualTo(MeshCompatibilityMode.DISABLED);
    }

    @Test
    void domainTemplateMayUseAnnotations() {
        NetworkConfig c = NetworkConfig.parse(Map.of("domain-template",
                "{{.Name}}-{{.Namespace}}.{{ index .Annotations \"sub\"}}.{{.Domain}}"));
        assertThat(renderDomain(c, "a", "b", "example.com", Map.of("sub", "foo"), Map.of()))
                .isEqualTo("a-b.foo.example.com");
    }

    @Test
    void namespaceWildcardCertSelector() {
        NetworkConfig all = NetworkConfig.parse(Map.of("namespace-wildcard-cert-selector", "{}"));
        assertThat(all.namespaceWildcardCertSelector()).contains(LabelSelector.EVERYTHING);
        NetworkConfig some = NetworkConfig.parse(Map.of("namespace-wildcard-cert-selector",
                "matchExpressions:\n- key: kubernetes.io/metadata.name\n  operator: NotIn\n  values: [kube-system]\n"));
        LabelSelector selector = some.namespaceWildcardCertSelector().orElseThrow();
        assertThat(selector.matches(Map.of("kubernetes.io/metadata.name", "default"))).isTrue();
        assertThat(selector.matches(Map.of("kubernetes.io/metadata.name", "kube-system"))).isFalse();
    }

    @Test
    void clusterDomainIsCarried() {
        NetworkConfig c = NetworkConfig.parse(Map.of(), "corp.internal");
        assertThat(c.clusterLocalDomain()).isEqualTo("svc.corp.internal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "domain-template|{{.Name}}.{{.Namespace}}.{{.Domain}}/path",
        "domain-template|{{.Name}}.{{.Domain}}?q=1",
        "domain-template|{{.Name",
        "domain-template|{{.Nope}}.{{.Domain}}",
        "domain-template|{{.Name}} {{.Domain}}",
        "domainTemplate|{{.Name}}/x",
        "tag-template|{{.Tag}}-{{.Namespace}}",
        "tag-template|{{.Tag",
        "external-domain-tls|yes",
        "auto-tls|on",
        "cluster-local-domain-tls|true",
        "system-internal-tls|on",
        "http-protocol|sometimes",
        "rollout-duration|-5",
        "rollout-duration|10s",
        "autocreate-cluster-domain-claims|yes",
        "internal-encryption|yes",
        "enable-mesh-pod-addressability|maybe",
        "mesh-compatibility-mode|sometimes",
        "max-upgraded-connection-seconds|-5",
        "max-upgraded-connection-seconds|10s",
        "max-upgraded-connection-seconds|1.5",
        "max-upgraded-connection-seconds|99999999999999999999",
        "namespace-wildcard-cert-selector|matchExpressions: [{key: a, operator: Like}]",
        "namespace-wildcard-cert-selector|[not, a, selector]",
    })
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.keys(NetworkConfig::parse, Map.of(key, value))).containsExactly(key);
    }

    /** {@code domain-template} rendered with the values Knative gives it (as Domains.domainName does). */
    static String renderDomain(NetworkConfig c, String name, String namespace, String domain,
            Map<String, String> annotations, Map<String, String> labels) {
        return c.domainTemplate().render(Map.of("Name", name, "Namespace", namespace, "Domain", domain,
                "Annotations", annotations, "Labels", labels));
    }

    @Test
    void externalDomainTlsIsOnWhenConfiguredUnlessTheObjectsAnnotationTurnsItOff() {
        NetworkConfig on = NetworkConfig.parse(Map.of("external-domain-tls", "Enabled"));
        assertThat(NetworkConfig.DEFAULT.externalDomainTlsEnabled(Map.of())).isFalse();
        assertThat(on.externalDomainTlsEnabled(null)).isTrue();
        assertThat(on.externalDomainTlsEnabled(Map.of("networking.knative.dev/disable-external-domain-tls", "true")))
                .isFalse();
        assertThat(on.externalDomainTlsEnabled(Map.of("networking.knative.dev/disable-auto-tls", "true"))).isFalse();
        assertThat(on.externalDomainTlsEnabled(Map.of("networking.knative.dev/disableAutoTLS", "true"))).isFalse();
        assertThat(on.externalDomainTlsEnabled(Map.of("networking.knative.dev/disable-external-domain-tls", "false",
                "networking.knative.dev/disable-auto-tls", "true"))).as("the first one set wins").isTrue();
        assertThat(on.externalDomainTlsEnabled(Map.of("networking.knative.dev/disable-external-domain-tls", "")))
                .isTrue();
    }
}
