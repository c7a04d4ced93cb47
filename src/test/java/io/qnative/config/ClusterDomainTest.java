package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterDomainTest {

    private static final String RESOLV = "nameserver 10.96.0.10\n"
            + "search default.svc.corp.internal svc.corp.internal corp.internal\noptions ndots:5\n";

    @Test
    void envWinsThenResolvConfThenDefault() {
        assertThat(ClusterDomain.resolve("from.env", RESOLV)).isEqualTo("from.env");
        assertThat(ClusterDomain.resolve(null, RESOLV)).isEqualTo("corp.internal");
        assertThat(ClusterDomain.resolve("", "search svc.my.domain.\n")).isEqualTo("my.domain");
        assertThat(ClusterDomain.resolve(null, "nameserver 1.1.1.1\n")).isEqualTo("cluster.local");
        assertThat(ClusterDomain.resolve(null, null)).isEqualTo("cluster.local");
    }
}
