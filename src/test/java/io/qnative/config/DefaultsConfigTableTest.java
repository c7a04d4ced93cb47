package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's config-defaults tables (pkg/apis/config/defaults_test.go) replayed against {@link DefaultsConfig#parse}:
 * TestDefaultsConfiguration's rows that must fail, the ones that must parse (with their values) and TestTemplating.
 * Its "invalid allow container concurrency zero flag value" is not replayed: it parses "invalid" as false through a
 * knative.dev/pkg whose configmap.AsBool dropped the error; the AsBool of today returns it, as qnative does.
 */
class DefaultsConfigTableTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("bad revision timeout", Map.of("revision-timeout-seconds", "asdf")),
                Arguments.of("bad max revision timeout", Map.of("max-revision-timeout-seconds", "asdf")),
                Arguments.of("bad name template", Map.of("container-name-template", "{{.NAme}}")),
                Arguments.of("bad resource", Map.of("revision-cpu-request", "bad")),
                Arguments.of("revision timeout bigger than max timeout", Map.of("revision-timeout-seconds", "456",
                        "max-revision-timeout-seconds", "123")),
                Arguments.of("container-concurrency is bigger than default DefaultMaxRevisionContainerConcurrency",
                        Map.of("container-concurrency", "2000")),
                Arguments.of("container-concurrency is bigger than specified DefaultMaxRevisionContainerConcurrency",
                        Map.of("container-concurrency", "11", "container-concurrency-max-limit", "10")),
                Arguments.of("container-concurrency-max-limit is invalid", Map.of("container-concurrency-max-limit",
                        "0")),
                Arguments.of("bad-template", Map.of("container-name-template", "{{animals-being-bros]]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, Map<String, String> data) {
        assertThatThrownBy(() -> DefaultsConfig.parse(data)).isInstanceOf(ConfigException.class);
    }

    @Test
    void defaultConfiguration() {
        assertThat(DefaultsConfig.parse(Map.of())).isEqualTo(DefaultsConfig.DEFAULT);
    }

    @Test
    void specifiedValues() {
        DefaultsConfig c = DefaultsConfig.parse(Map.of("revision-timeout-seconds", "123",
                "max-revision-timeout-seconds", "456", "revision-cpu-request", "123m",
                "container-concurrency-max-limit", "1984", "container-name-template", "{{.Name}}",
                "allow-container-concurrency-zero", "false", "enable-service-links", "true"));
        assertThat(c.revisionTimeoutSeconds()).isEqualTo(123);
        assertThat(c.maxRevisionTimeoutSeconds()).isEqualTo(456);
        assertThat(c.containerConcurrencyMaxLimit()).isEqualTo(1984);
        assertThat(c.allowContainerConcurrencyZero()).isFalse();
        assertThat(c.enableServiceLinks()).contains(true);
        assertThat(c.resources().cpuRequest()).contains("123m");
        assertThat(c.containerName(new ObjectMetaBuilder().withName("svc").build())).isEqualTo("svc");
    }

    @Test
    void serviceLinksFalse() {
        assertThat(DefaultsConfig.parse(Map.of("enable-service-links", "false")).enableServiceLinks()).contains(false);
    }

    /** TestTemplating. */
    @Test
    void templating() {
        var parent = new ObjectMetaBuilder().withName("i-am-groot").withNamespace("guardians").build();
        assertThat(DefaultsConfig.parse(Map.of("container-name-template", "{{.Name}}")).containerName(parent))
                .isEqualTo("i-am-groot");
        assertThat(DefaultsConfig.parse(Map.of("container-name-template", "{{.Namespace}}-of-the-galaxy"))
                .containerName(parent)).isEqualTo("guardians-of-the-galaxy");
    }
}
