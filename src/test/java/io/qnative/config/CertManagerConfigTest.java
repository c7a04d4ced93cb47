package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.config.CertManagerConfig.IssuerRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertManagerConfigTest {

    @Test
    void defaultsToTheSelfSignedClusterIssuer() {
        assertThat(CertManagerConfig.parse(Map.of())).isEqualTo(CertManagerConfig.DEFAULT);
        assertThat(CertManagerConfig.DEFAULT.issuerRef())
                .isEqualTo(new IssuerRef("ClusterIssuer", "knative-selfsigned-issuer", ""));
    }

    @Test
    void parsesIssuerRefsAsYaml() {
        CertManagerConfig c = CertManagerConfig.parse(Map.of(
                "issuerRef", "kind: ClusterIssuer\nname: letsencrypt-issuer\n",
                "clusterLocalIssuerRef", "kind: Issuer\nname: local\n",
                "systemInternalIssuerRef", "kind: ExternalIssuer\nname: ext\ngroup: example.io\n"));
        assertThat(c.issuerRef()).isEqualTo(new IssuerRef("ClusterIssuer", "letsencrypt-issuer", ""));
        assertThat(c.clusterLocalIssuerRef()).isEqualTo(new IssuerRef("Issuer", "local", ""));
        assertThat(c.systemInternalIssuerRef()).isEqualTo(new IssuerRef("ExternalIssuer", "ext", "example.io"));
    }

    @Test
    void malformedRefsAreReported() {
        assertThat(Problems.keys(CertManagerConfig::parse, Map.of("issuerRef", "kind: ClusterIssuer\n",
                "clusterLocalIssuerRef", "[a, b]", "systemInternalIssuerRef", "kind: Weird\nname: x\n")))
                .containsExactlyInAnyOrder("issuerRef", "clusterLocalIssuerRef", "systemInternalIssuerRef");
    }
}
