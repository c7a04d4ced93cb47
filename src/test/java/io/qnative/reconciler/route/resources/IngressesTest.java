package io.qnative.reconciler.route.resources;

import io.qnative.api.validation.K8sNames;
import static io.qnative.reconciler.route.RouteFixtures.annotations;
import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tree;
import static io.qnative.reconciler.route.RouteFixtures.with;
import static io.qnative.reconciler.route.RouteFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.HTTPIngressPath;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.NetworkConfig;
import io.qnative.reconciler.route.traffic.ConfigurationRollout;
import io.qnative.reconciler.route.traffic.RevisionRollout;
import io.qnative.reconciler.route.traffic.Rollout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KIngress compared to whole expected objects (Knative's {@code
 * pkg/reconciler/route/resources/ingress_test.go}).
 */
class IngressesTest {

    static Ingress make(ConfigSnapshot config, Scenarios.Scenario s) {
        return Ingresses.make(config, s.route(), s.traffic(), s.visibility(), s.traffic().buildRollout(), List.of(),
                List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "split", "tags", "cluster-local"})
    void wholeKIngress(String scenario) {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), Scenarios.all().get(scenario));
        assertThat(tree(make(exampleCom(), s))).isEqualTo(yaml("route/ingress-" + scenario + ".yaml"));
    }

    @Test
    void routeAnnotationPicksTheClassAndAltKeysAreDropped() {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), annotations(Scenarios.plain(),
                NetworkingKeys.INGRESS_CLASS_ALT, "kourier.ingress.networking.knative.dev",
                NetworkingKeys.CERTIFICATE_CLASS_ALT, "x"));
        Ingress ing = make(exampleCom(), s);
        assertThat(ing.getMetadata().getAnnotations()).containsEntry(NetworkingKeys.INGRESS_CLASS,
                "kourier.ingress.networking.knative.dev").doesNotContainKeys(NetworkingKeys.INGRESS_CLASS_ALT,
                        NetworkingKeys.CERTIFICATE_CLASS_ALT, Ingresses.LAST_APPLIED);
    }

    @Test
    void emptyTrafficHasEmptyRolloutAndNoRules() {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), route("empty"));
        Ingress ing = make(exampleCom(), s);
        assertThat(ing.getMetadata().getAnnotations()).containsEntry(NetworkingKeys.ROLLOUT, "{}");
        assertThat(ing.getSpec().getRules()).isEmpty();
    }

    @Test
    void longRouteNamesAreHashed() {
        String name = "a".repeat(70);
        assertThat(K8sNames.childName(name, "")).hasSize(63).startsWith("a".repeat(31));
        assertThat(K8sNames.childName("short", "")).isEqualTo("short");
    }

    @Test
    void httpOptionFromAnnotationThenConfig() {
        NetworkConfig enabled = NetworkConfig.DEFAULT;
        NetworkConfig redirected = with(ConfigSnapshot.DEFAULT, "config-network", Map.of("http-protocol",
                "Redirected")).network();
        assertThat(Ingresses.httpOption(enabled, null)).isEqualTo("Enabled");
        assertThat(Ingresses.httpOption(redirected, Map.of())).isEqualTo("Redirected");
        assertThat(Ingresses.httpOption(redirected, Map.of(NetworkingKeys.HTTP_PROTOCOL, "enabled")))
                .isEqualTo("Enabled");
        assertThat(Ingresses.httpOption(enabled, Map.of(NetworkingKeys.HTTP_OPTION_LEGACY, "Redirected")))
                .isEqualTo("Redirected");
        assertThat(Ingresses.httpOption(enabled, Map.of(NetworkingKeys.HTTP_PROTOCOL, "disabled"))).isEmpty();
        assertThatThrownBy(() -> Ingresses.httpOption(enabled, Map.of(NetworkingKeys.HTTP_PROTOCOL, "bogus")))
                .hasMessage("incorrect http-protocol annotation: bogus");
    }

    @Test
    void systemInternalTlsUsesPort443() {
        ConfigSnapshot tls = with(exampleCom(), "config-network", Map.of("system-internal-tls", "Enabled"));
        Scenarios.Scenario s = Scenarios.resolve(tls, Scenarios.split());
        Ingress ing = make(tls, s);
        assertThat(ing.getSpec().getRules()).allSatisfy(r -> assertThat(r.getHttp().getPaths().get(0).getSplits())
                .allSatisfy(sp -> assertThat(sp.getServicePort()).isEqualTo(new IntOrString(443))));
    }

    @Test
    void tagHeaderBasedRoutingAddsHeaderPaths() {
        ConfigSnapshot c = with(exampleCom(), "config-features", Map.of("tag-header-based-routing", "Enabled"));
        Scenarios.Scenario s = Scenarios.resolve(c, Scenarios.tags());
        Ingress ing = make(c, s);
        List<HTTPIngressPath> main = ing.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(main).hasSize(3);
        assertThat(main.get(0).getHeaders().get(NetworkingKeys.HEADER_TAG).getExact()).isEqualTo("current");
        assertThat(main.get(0).getSplits().get(0).getServiceName()).isEqualTo("foo-00001");
        assertThat(main.get(1).getHeaders().get(NetworkingKeys.HEADER_TAG).getExact()).isEqualTo("latest");
        assertThat(main.get(1).getSplits().get(0).getServiceName()).isEqualTo("foo-00002");
        assertThat(main.get(2).getHeaders()).isNull();
        assertThat(main.get(2).getAppendHeaders()).containsExactly(Map.entry("Knative-Serving-Default-Route", "true"));
        List<HTTPIngressPath> current = ing.getSpec().getRules().get(2).getHttp().getPaths();
        assertThat(current).singleElement().satisfies(p -> assertThat(p.getAppendHeaders())
                .containsExactly(Map.entry(NetworkingKeys.HEADER_TAG, "current")));
    }

    @Test
    void rolloutSplitsTheLatestTargetAcrossItsRevisions() {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), Scenarios.plain());
        ConfigurationRollout c = ConfigurationRollout.of("foo", "", 100, "foo-00001");
        c.revisions = new java.util.ArrayList<>(List.of(new RevisionRollout("foo-00001", 70),
                new RevisionRollout("foo-00002", 30)));
        Rollout ro = Rollout.of(List.of(c));
        Ingress ing = Ingresses.make(exampleCom(), s.route(), s.traffic(), s.visibility(), ro, List.of(), List.of());
        assertThat(ing.getSpec().getRules().get(1).getHttp().getPaths().get(0).getSplits())
                .extracting(sp -> sp.getServiceName() + "=" + sp.getPercent())
                .containsExactly("foo-00001=70", "foo-00002=30");
        assertThat(ing.getMetadata().getAnnotations().get(NetworkingKeys.ROLLOUT)).isEqualTo(ro.toJson());
    }

    @Test
    void acmeChallengePathsComeFirstOnExternalRulesAndTlsIsKept() {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), Scenarios.plain());
        HTTP01Challenge ch = new HTTP01Challenge();
        ch.setUrl("http://foo.test-ns.example.com/.well-known/acme-challenge/token");
        ch.setServiceName("cm-acme-http-solver");
        ch.setServiceNamespace("test-ns");
        ch.setServicePort(new IntOrString(8089));
        IngressTLS tls = new IngressTLS();
        tls.setHosts(List.of("foo.test-ns.example.com"));
        tls.setSecretName("route-uid-foo");
        tls.setSecretNamespace("test-ns");
        Ingress ing = Ingresses.make(exampleCom(), s.route(), s.traffic(), s.visibility(),
                s.traffic().buildRollout(), List.of(tls), List.of(ch));
        assertThat(ing.getSpec().getTls()).containsExactly(tls);
        assertThat(ing.getSpec().getRules().get(0).getHttp().getPaths()).hasSize(1);
        List<HTTPIngressPath> ext = ing.getSpec().getRules().get(1).getHttp().getPaths();
        assertThat(ext).hasSize(2);
        assertThat(ext.get(0).getPath()).isEqualTo("/.well-known/acme-challenge/token");
        assertThat(ext.get(0).getSplits()).singleElement().satisfies(sp -> {
            assertThat(sp.getServiceName()).isEqualTo("cm-acme-http-solver");
            assertThat(sp.getPercent()).isEqualTo(100);
            assertThat(sp.getAppendHeaders()).isNull();
        });
    }
}
