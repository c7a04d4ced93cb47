package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {

    @Test
    void everyNameDispatchesToItsParser() {
        ConfigSnapshot s = ConfigSnapshot.DEFAULT;
        s = ConfigSnapshot.apply(s, "config-autoscaler", Map.of("max-scale-up-rate", "10"));
        s = ConfigSnapshot.apply(s, "config-defaults", Map.of("revision-timeout-seconds", "100"));
        s = ConfigSnapshot.apply(s, "config-deployment", Map.of("progress-deadline", "60s"));
        s = ConfigSnapshot.apply(s, "config-domain", Map.of("example.com", ""));
        s = ConfigSnapshot.apply(s, "config-features", Map.of("multi-container-probing", "Enabled"));
        s = ConfigSnapshot.apply(s, "config-gc", Map.of("min-non-active-revisions", "1"));
        s = ConfigSnapshot.apply(s, "config-network", Map.of("ingress-class", "kourier"));
        s = ConfigSnapshot.apply(s, "config-observability", Map.of("logging.revision-url-template", "u"));
        s = ConfigSnapshot.apply(s, "config-certmanager", Map.of("issuerRef", "kind: Issuer\nname: x"));
        s = ConfigSnapshot.apply(s, "config-tracing", Map.of("backend", "zipkin", "zipkin-endpoint", "http://z"));
        assertThat(s.autoscaler().maxScaleUpRate()).isEqualTo(10);
        assertThat(s.defaults().revisionTimeoutSeconds()).isEqualTo(100);
        assertThat(s.deployment().progressDeadline()).hasSeconds(60);
        assertThat(s.domain().lookup(Map.of())).isEqualTo("example.com");
        assertThat(s.features().enabled("multi-container-probing")).isTrue();
        assertThat(s.gc().minNonActiveRevisions()).isEqualTo(1);
        assertThat(s.network().ingressClass()).isEqualTo("kourier");
        assertThat(s.observability().revisionUrlTemplate()).isEqualTo("u");
        assertThat(s.certManager().issuerRef().name()).isEqualTo("x");
        assertThat(s.tracing().protocol()).isEqualTo(TracingConfig.Protocol.ZIPKIN);
    }

    @Test
    void validateListsProblemsWithoutApplying() {
        assertThat(ConfigSnapshot.validate("config-gc", Map.of("min-non-active-revisions", "x")))
                .extracting(ConfigException.Problem::key).containsExactly("min-non-active-revisions");
        assertThat(ConfigSnapshot.validate("config-gc", Map.of("min-non-active-revisions", "3"))).isEmpty();
        assertThat(ConfigSnapshot.validate("config-logging", Map.of("x", "y"))).isEmpty();
    }

    @Test
    void deletionRevertsToDefaults() {
        ConfigSnapshot s = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-gc",
                Map.of("min-non-active-revisions", "1"));
        assertThat(ConfigSnapshot.apply(s, "config-gc", null)).isEqualTo(ConfigSnapshot.DEFAULT);
    }

    @Test
    void unknownNamesChangeNothing() {
        assertThat(ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-logging", Map.of("x", "y")))
                .isSameAs(ConfigSnapshot.DEFAULT);
        assertThat(ConfigSnapshot.isKnown("config-logging")).isFalse();
        assertThat(ConfigSnapshot.isKnown("config-network")).isTrue();
    }

    @Test
    void malformedMapThrowsAndLeavesThePreviousSnapshotUsable() {
        ConfigSnapshot good = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-autoscaler",
                Map.of("max-scale-down-rate", "3"));
        assertThatThrownBy(() -> ConfigSnapshot.apply(good, "config-autoscaler", Map.of("max-scale-down-rate", "0.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-scale-down-rate");
        assertThat(good.autoscaler().maxScaleDownRate()).isEqualTo(3);
    }

    @Test
    void clusterDomainSurvivesReparsing() {
        ConfigSnapshot s = ConfigSnapshot.defaults("corp.internal");
        s = ConfigSnapshot.apply(s, "config-network", Map.of());
        s = ConfigSnapshot.apply(s, "config-domain", Map.of());
        assertThat(s.clusterDomain()).isEqualTo("corp.internal");
        assertThat(s.domain().lookup(Map.of())).isEqualTo("svc.corp.internal");
    }

    @Test
    void tracingMergesAcrossBothMaps() {
        ConfigSnapshot s = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-tracing",
                Map.of("backend", "zipkin", "zipkin-endpoint", "http://old"));
        s = ConfigSnapshot.apply(s, "config-observability", Map.of("tracing-sampling-rate", "1"));
        assertThat(s.tracing()).isEqualTo(new TracingConfig(TracingConfig.Protocol.ZIPKIN, "http://old", 1.0));
        s = ConfigSnapshot.apply(s, "config-tracing", null);
        assertThat(s.tracing().enabled()).isFalse();
    }
}
