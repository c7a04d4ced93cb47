package io.qnative.reconciler.route.domains;

import static io.qnative.reconciler.route.RouteFixtures.annotations;
import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.labels;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hosts and URLs (Knative's {@code pkg/reconciler/route/domains/domains_test.go}). */
class DomainsTest {

    record Case(String name, ConfigSnapshot config, Route route, String tag, Visibility visibility, String url) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        ConfigSnapshot ex = exampleCom();
        ConfigSnapshot custom = with(ex, "config-network", Map.of("domain-template",
                "{{.Name}}-{{.Namespace}}.{{.Domain}}", "tag-template", "{{.Name}}-{{.Tag}}"));
        ConfigSnapshot byLabel = with(ConfigSnapshot.DEFAULT, "config-domain", Map.of("example.com", "",
                "prod.example.org", "selector:\n  app: prod\n"));
        ConfigSnapshot https = with(ex, "config-network", Map.of("default-external-scheme", "https"));
        ConfigSnapshot annotated = with(ex, "config-network", Map.of("domain-template",
                "{{.Name}}.{{index .Annotations \"sub\"}}.{{.Domain}}"));
        return Stream.of(
                new Case("default template", ex, route("foo"), "", Visibility.EXTERNAL_IP,
                        "http://foo.test-ns.example.com"),
                new Case("default tag template", ex, route("foo"), "v2", Visibility.EXTERNAL_IP,
                        "http://v2-foo.test-ns.example.com"),
                new Case("custom templates", custom, route("foo"), "v2", Visibility.EXTERNAL_IP,
                        "http://foo-v2-test-ns.example.com"),
                new Case("annotations in the template", annotated, annotations(route("foo"), "sub", "team"), "",
                        Visibility.EXTERNAL_IP, "http://foo.team.example.com"),
                new Case("out of the box: cluster-local domain", ConfigSnapshot.DEFAULT, route("foo"), "",
                        Visibility.EXTERNAL_IP, "http://foo.test-ns.svc.cluster.local"),
                new Case("cluster-local forces default template and http", with(https, "config-network",
                        Map.of("domain-template", "{{.Name}}-{{.Namespace}}.{{.Domain}}",
                                "default-external-scheme", "https")), route("foo"), "v2",
                        Visibility.CLUSTER_LOCAL, "http://v2-foo.test-ns.svc.cluster.local"),
                new Case("cluster-local label on the route", ex, labels(route("foo"), NetworkingKeys.VISIBILITY,
                        "cluster-local"), "", Visibility.CLUSTER_LOCAL, "http://foo.test-ns.svc.cluster.local"),
                new Case("external visibility drops the label", ex, labels(route("foo"), NetworkingKeys.VISIBILITY,
                        "cluster-local"), "", Visibility.EXTERNAL_IP, "http://foo.test-ns.example.com"),
                new Case("domain by label selector", byLabel, labels(route("foo"), "app", "prod"), "",
                        Visibility.EXTERNAL_IP, "http://foo.test-ns.prod.example.org"),
                new Case("default external scheme", https, route("foo"), "", Visibility.EXTERNAL_IP,
                        "https://foo.test-ns.example.com"),
                new Case("other cluster domain", exampleCom().withClusterDomain("corp.internal"), route("foo"), "",
                        Visibility.CLUSTER_LOCAL, "http://foo.test-ns.svc.corp.internal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void url(Case c) {
        assertThat(Domains.url(c.config, c.route, c.tag, c.visibility)).isEqualTo(c.url);
    }

    @Test
    void tooLongHostIsAnErrorConfigWithKubernetesWording() {
        String name = "tooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo-long";
        assertThatThrownBy(() -> Domains.url(exampleCom(), route(name), "", Visibility.EXTERNAL_IP))
                .isInstanceOf(DomainNameException.class)
                .hasMessage("domain name error: invalid domain name \"" + name + ".test-ns.example.com\": url: "
                        + "Invalid value: \"" + name + "\": must be no more than 63 characters");
    }

    @Test
    void tagTemplateProducingAnEmptyLabelIsAnError() {
        ConfigSnapshot c = with(exampleCom(), "config-network", Map.of("domain-template",
                "{{index .Annotations \"sub\"}}.{{.Domain}}"));
        assertThatThrownBy(() -> Domains.url(c, route("foo"), "", Visibility.EXTERNAL_IP))
                .isInstanceOf(DomainNameException.class)
                .hasMessageStartingWith("domain name error: invalid domain name \".example.com\": url: Invalid value");
    }

    @Test
    void clusterLocalHostsAreExpanded() {
        assertThat(Domains.hostsForVisibility(exampleCom(), route("foo"), "v1", Visibility.CLUSTER_LOCAL))
                .containsExactly("v1-foo.test-ns", "v1-foo.test-ns.svc", "v1-foo.test-ns.svc.cluster.local");
        assertThat(Domains.hostsForVisibility(exampleCom(), route("foo"), "", Visibility.EXTERNAL_IP))
                .containsExactly("foo.test-ns.example.com");
        assertThat(Domains.expandedHosts(List.of("a.b.svc.cluster.local", "x.example.com"), "cluster.local"))
                .containsExactly("a.b", "a.b.svc", "a.b.svc.cluster.local", "x.example.com");
    }

    @Test
    void addressAndDomainsAndTags() {
        Route r = route("foo");
        assertThat(Domains.addressUrl(r, "cluster.local")).isEqualTo("http://foo.test-ns.svc.cluster.local");
        assertThat(Domains.allDomainsAndTags(exampleCom(), r, List.of("", "v1"),
                Map.of("v1", Visibility.CLUSTER_LOCAL))).containsExactly(
                        Map.entry("foo.test-ns.example.com", ""), Map.entry("v1-foo.test-ns.svc.cluster.local", "v1"));
        assertThat(Domains.isClusterLocal("foo.ns.svc.cluster.local", "cluster.local")).isTrue();
        assertThat(Domains.isClusterLocal("foo.ns.example.com", "cluster.local")).isFalse();
    }
}
