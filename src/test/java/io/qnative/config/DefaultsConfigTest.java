package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DefaultsConfigTest {

    @Test
    void emptyMapGivesKnativeDefaults() {
        DefaultsConfig c = DefaultsConfig.parse(Map.of());
        assertThat(c).isEqualTo(DefaultsConfig.DEFAULT);
        assertThat(c.revisionTimeoutSeconds()).isEqualTo(300);
        assertThat(c.maxRevisionTimeoutSeconds()).isEqualTo(600);
        assertThat(c.revisionResponseStartTimeoutSeconds()).isEqualTo(300);
        assertThat(c.containerConcurrencyMaxLimit()).isEqualTo(1000);
        assertThat(c.allowContainerConcurrencyZero()).isTrue();
        assertThat(c.enableServiceLinks()).contains(false);
        assertThat(c.containerName(new ObjectMetaBuilder().withName("x").build())).isEqualTo("user-container");
        assertThat(c.initContainerName(new ObjectMeta())).isEqualTo("init-container");
        assertThat(c.initContainerNameTemplate().text()).isEqualTo("init-container");
        assertThat(c.resources()).isEqualTo(DefaultsConfig.RevisionResources.NONE);
    }

    @Test
    void responseStartTimeoutFollowsRevisionTimeout() {
        assertThat(DefaultsConfig.parse(Map.of("revision-timeout-seconds", "120"))
                .revisionResponseStartTimeoutSeconds()).isEqualTo(120);
        assertThat(DefaultsConfig.parse(Map.of("revision-timeout-seconds", "120",
                "revision-response-start-timeout-seconds", "60")).revisionResponseStartTimeoutSeconds())
                .isEqualTo(60);
    }

    @Test
    void goodValues() {
        DefaultsConfig c = DefaultsConfig.parse(Map.of("container-name-template", "{{.Name}}",
                "init-container-name-template", "{{index .Labels \"app\"}}-init-{{.UID}}",
                "container-concurrency", "10", "allow-container-concurrency-zero", "false",
                "revision-cpu-request", "100m", "revision-memory-limit", "1Gi", "revision-idle-timeout-seconds", "30"));
        assertThat(c.containerName(new ObjectMetaBuilder().withName("svc").withNamespace("ns").build()))
                .isEqualTo("svc");
        assertThat(c.initContainerName(new ObjectMetaBuilder().withName("svc").withUid("u1")
                .withLabels(Map.of("app", "shop")).build())).isEqualTo("shop-init-u1");
        assertThat(c.containerConcurrency()).isEqualTo(10);
        assertThat(c.allowContainerConcurrencyZero()).isFalse();
        assertThat(c.resources().cpuRequest()).contains("100m");
        assertThat(c.resources().memoryLimit()).contains("1Gi");
        assertThat(c.resources().cpuLimit()).isEmpty();
        assertThat(c.revisionIdleTimeoutSeconds()).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "false, false", "False, false"})
    void serviceLinksTriState(String value, boolean expected) {
        assertThat(DefaultsConfig.parse(Map.of("enable-service-links", value)).enableServiceLinks())
                .contains(expected);
    }

    @Test
    void serviceLinksOtherValueLeavesItUnset() {
        assertThat(DefaultsConfig.parse(Map.of("enable-service-links", "default")).enableServiceLinks())
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "revision-timeout-seconds|700",
        "revision-timeout-seconds|abc",
        "max-revision-timeout-seconds|100",
        "revision-response-start-timeout-seconds|301",
        "revision-idle-timeout-seconds|301",
        "container-concurrency|-1",
        "container-concurrency|1001",
        "container-concurrency-max-limit|0",
        "allow-container-concurrency-zero|maybe",
        "container-name-template|{{.Name",
        "container-name-template|{{.Nope}}",
        "init-container-name-template|{{.Name | x}}",
        "revision-cpu-request|lots",
        "revision-ephemeral-storage-limit|1GB",
    })
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.of(DefaultsConfig::parse, Map.of(key, value))).isNotEmpty()
                .allSatisfy(p -> assertThat(p.configMap()).isEqualTo("config-defaults"))
                .anySatisfy(p -> assertThat(p.key()).isIn(key, "revision-timeout-seconds"));
    }
}
