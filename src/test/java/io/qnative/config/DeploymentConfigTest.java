package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentConfigTest {

    @Test
    void emptyMapGivesKnativeDefaults() {
        DeploymentConfig c = DeploymentConfig.parse(Map.of());
        assertThat(c).isEqualTo(DeploymentConfig.DEFAULT);
        assertThat(c.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
        assertThat(c.digestResolutionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.registriesSkippingTagResolving()).containsExactlyInAnyOrder("kind.local", "ko.local", "dev.local");
        assertThat(c.defaultAffinityType()).isEqualTo("prefer-spread-revision-over-nodes");
        assertThat(c.queueSidecarImage()).isEmpty();
        assertThat(c.podIsAlwaysSchedulable()).isFalse();
    }

    @Test
    void activatorKeysBoundTheQueueAndTuneTheProbe() {
        assertThat(DeploymentConfig.DEFAULT.activator())
                .isEqualTo(new DeploymentConfig.Activator(0, 10_000, Duration.ofMillis(300)));
        DeploymentConfig c = DeploymentConfig.parse(Map.of("activator-queue-depth", "50",
                "activator-queue-total", "2000", "activator-probe-timeout", "1s"));
        assertThat(c.activator()).isEqualTo(new DeploymentConfig.Activator(50, 2000, Duration.ofSeconds(1)));
    }

    @Test
    void badActivatorKeysAreNamed() {
        var problems = Problems.of(DeploymentConfig::parse, Map.of("activator-queue-depth", "-1",
                "activator-queue-total", "0", "activator-probe-timeout", "0s"));
        assertThat(problems).extracting(ConfigException.Problem::key).containsExactlyInAnyOrder(
                "activator-queue-depth", "activator-queue-total", "activator-probe-timeout");
    }

    @Test
    void legacyKeysAreHonouredAndNewKeysWin() {
        DeploymentConfig legacy = DeploymentConfig.parse(Map.of("progressDeadline", "120s",
                "registriesSkippingTagResolving", "a.io, b.io", "queueSidecarImage", "old",
                "queueSidecarCPURequest", "50m"));
        assertThat(legacy.progressDeadline()).isEqualTo(Duration.ofSeconds(120));
        assertThat(legacy.registriesSkippingTagResolving()).containsExactlyInAnyOrder("a.io", "b.io");
        assertThat(legacy.queueSidecarImage()).isEqualTo("old");
        assertThat(legacy.queueSidecarResources()).containsEntry("queue-sidecar-cpu-request", "50m");

        DeploymentConfig both = DeploymentConfig.parse(Map.of("progressDeadline", "120s", "progress-deadline", "300s",
                "queueSidecarImage", "old", "queue-sidecar-image", "new"));
        assertThat(both.progressDeadline()).isEqualTo(Duration.ofSeconds(300));
        assertThat(both.queueSidecarImage()).isEqualTo("new");
    }

    @Test
    void runtimeClassNamesPickTheMostSpecificSelector() {
        DeploymentConfig c = DeploymentConfig.parse(Map.of("runtime-class-name",
                "gvisor: {}\nkata:\n  selector:\n    secure: \"true\"\n"));
        assertThat(c.runtimeClassName(Map.of())).contains("gvisor");
        assertThat(c.runtimeClassName(Map.of("secure", "true"))).contains("kata");
        assertThat(DeploymentConfig.DEFAULT.runtimeClassName(Map.of())).isEmpty();
    }

    @Test
    void problemShowsTheValueAsWritten() {
        assertThat(Problems.of(DeploymentConfig::parse, Map.of("progressDeadline", "1500ms"))).singleElement()
                .hasToString("config-deployment: \"progressDeadline\" = \"1500ms\": must be a whole number of seconds");
    }

    @Test
    void otherGoodValues() {
        DeploymentConfig c = DeploymentConfig.parse(Map.of("default-affinity-type", "none",
                "pod-is-always-schedulable", "true", "digest-resolution-timeout", "30s",
                "queue-sidecar-token-audiences", "a,b"));
        assertThat(c.defaultAffinityType()).isEqualTo("none");
        assertThat(c.podIsAlwaysSchedulable()).isTrue();
        assertThat(c.digestResolutionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.queueSidecarTokenAudiences()).containsExactlyInAnyOrder("a", "b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "progress-deadline|0s",
        "progress-deadline|1500ms",
        "progress-deadline|ten",
        "progressDeadline|-5s",
        "digest-resolution-timeout|0",
        "default-affinity-type|spread",
        "runtime-class-name|Not_A_Name: {}",
        "runtime-class-name|[unclosed",
        "pod-is-always-schedulable|sure",
        "queue-sidecar-memory-limit|a lot",
    })
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.keys(DeploymentConfig::parse, Map.of(key, value))).containsExactly(key);
    }
}
