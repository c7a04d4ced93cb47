package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainConfigTest {

    @Test
    void outOfTheBoxEveryRouteIsClusterLocal() {
        DomainConfig c = DomainConfig.parse(Map.of("_example", "example.com: |\n  selector: {}"));
        assertThat(c).isEqualTo(DomainConfig.DEFAULT);
        assertThat(c.lookup(Map.of())).isEqualTo("svc.cluster.local");
        assertThat(c.lookup(Map.of("app", "x"))).isEqualTo("svc.cluster.local");
        assertThat(DomainConfig.parse(Map.of(), "corp.internal").lookup(Map.of())).isEqualTo("svc.corp.internal");
    }

    @Test
    void emptyValueIsAWildcardCatchAll() {
        DomainConfig c = DomainConfig.parse(Map.of("example.com", ""));
        assertThat(c.lookup(Map.of())).isEqualTo("example.com");
        assertThat(c.domains().get("example.com").wildcard()).isTrue();
        assertThat(c.effectiveDomains()).containsOnlyKeys("example.com");
    }

    @Test
    void mostSpecificSelectorWinsAndTiesGoToTheSmallestDomain() {
        DomainConfig c = DomainConfig.parse(Map.of(
                "example.com", "",
                "example.org", "selector:\n  app: nonprofit\n",
                "b.example.net", "selector:\n  app: prod\n",
                "a.example.net", "selector:\n  app: prod\n",
                "special.example.net", "selector:\n  app: prod\n  tier: gold\ntype: wildcard\n"));
        assertThat(c.lookup(Map.of("app", "nonprofit"))).isEqualTo("example.org");
        assertThat(c.lookup(Map.of("app", "prod"))).isEqualTo("a.example.net");
        assertThat(c.lookup(Map.of("app", "prod", "tier", "gold"))).isEqualTo("special.example.net");
        assertThat(c.lookup(Map.of("app", "other"))).isEqualTo("example.com");
        assertThat(c.domains().get("example.org").wildcard()).isFalse();
        assertThat(c.domains().get("special.example.net").wildcard()).isTrue();
    }

    @Test
    void clusterLocalLabelWins() {
        DomainConfig c = DomainConfig.parse(Map.of("example.com", ""));
        assertThat(c.lookup(Map.of("networking.knative.dev/visibility", "cluster-local")))
                .isEqualTo("svc.cluster.local");
    }

    @Test
    void selectorsWithoutACatchAllFallBackToClusterLocal() {
        DomainConfig c = DomainConfig.parse(Map.of("example.org", "selector:\n  app: web\n"));
        assertThat(c.lookup(Map.of("app", "web"))).isEqualTo("example.org");
        assertThat(c.lookup(Map.of())).isEqualTo("svc.cluster.local");
    }

    @Test
    void malformedValuesAreReportedUnderTheDomain() {
        assertThat(Problems.keys(DomainConfig::parse, Map.of("example.com", "just-a-string",
                "example.org", "selector: [a, b]", "example.net", "type: exact"))).containsExactlyInAnyOrder(
                "example.com", "example.org", "example.net");
    }
}
