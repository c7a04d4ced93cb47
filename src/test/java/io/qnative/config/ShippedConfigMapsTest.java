package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.qnative.testing.ShippedConfigMaps;
import io.qnative.webhook.ConfigAdmission;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ConfigMaps in {@code kubernetes/} parse to the code defaults, and their {@code _example} blocks document
 * only keys the parsers read, with the default values, so the documentation cannot drift from the code.
 */
class ShippedConfigMapsTest {

    /** One shipped map: its parser, the keys its parser reads, and the keys whose example only illustrates. */
    record Shipped(String name, Function<Map<String, String>, ?> parse, Consumer<MapReader> read, Object defaults,
            Set<String> illustrative) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shipped> maps() {
        return Stream.of(
                new Shipped("config-autoscaler", AutoscalerConfig::parse, AutoscalerConfig::read,
                        AutoscalerConfig.DEFAULT, Set.of()),
                new Shipped("config-defaults", DefaultsConfig::parse, DefaultsConfig::read, DefaultsConfig.DEFAULT,
                        Set.of("revision-cpu-request", "revision-memory-request", "revision-ephemeral-storage-request",
                                "revision-cpu-limit", "revision-memory-limit", "revision-ephemeral-storage-limit")),
                new Shipped("config-deployment", DeploymentConfig::parse, DeploymentConfig::read,
                        DeploymentConfig.DEFAULT, Set.of("queue-sidecar-image", "queue-sidecar-cpu-limit",
                                "queue-sidecar-memory-request", "queue-sidecar-memory-limit",
                                "queue-sidecar-ephemeral-storage-request", "queue-sidecar-ephemeral-storage-limit")),
                new Shipped("config-features", FeaturesConfig::parse, FeaturesConfig::read, FeaturesConfig.DEFAULT,
                        Set.of()),
                new Shipped("config-gc", GcConfig::parse, GcConfig::read, GcConfig.DEFAULT, Set.of()),
                new Shipped("config-network", NetworkConfig::parse, r -> NetworkConfig.read(r, "cluster.local"),
                        NetworkConfig.DEFAULT, Set.of()),
                new Shipped("config-observability", ObservabilityConfig::parse, ObservabilityConfig::read,
                        ObservabilityConfig.DEFAULT,
                        Set.of("tracing-protocol", "tracing-endpoint", "tracing-sampling-rate")),
                new Shipped("config-certmanager", CertManagerConfig::parse, CertManagerConfig::read,
                        CertManagerConfig.DEFAULT, Set.of()));
    }

    static Stream<Arguments> allNames() {
        return ConfigSnapshot.NAMES.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void everyConfigMapIsShippedInTheSystemNamespace(String name) throws IOException {
        ConfigMap cm = load(name);
        assertThat(cm.getMetadata().getName()).isEqualTo(name);
        assertThat(cm.getMetadata().getNamespace()).isEqualTo("knative-serving");
        assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "qnative")
                .containsEntry("app.kubernetes.io/component", "controller");
        assertThat(cm.getData()).containsKey("_example");
        // as Knative ships them: the webhook refuses edits of _example against this checksum
        assertThat(cm.getMetadata().getAnnotations()).containsEntry(ConfigAdmission.EXAMPLE_CHECKSUM_ANNOTATION,
                ConfigAdmission.exampleChecksum(cm.getData().get("_example")));
    }

    @ParameterizedTest
    @MethodSource("maps")
    void shippedDataParsesToTheDefaults(Shipped shipped) throws IOException {
        assertThat(shipped.parse.apply(load(shipped.name).getData())).isEqualTo(shipped.defaults);
    }

    @ParameterizedTest
    @MethodSource("maps")
    void exampleDocumentsOnlyKnownKeysWithTheirDefaults(Shipped shipped) throws IOException {
        Map<String, String> example = example(shipped.name);
        MapReader reader = new MapReader(shipped.name, Map.of());
        shipped.read.accept(reader);
        assertThat(reader.consultedKeys()).as("keys the parser reads").containsAll(example.keySet());
        assertThat(example.keySet()).as("keys the example documents").containsAll(reader.consultedKeys().stream()
                .filter(k -> !isLegacyAlias(k)).toList());

        shipped.parse.apply(example);
        Map<String, String> defaultsOnly = new HashMap<>(example);
        defaultsOnly.keySet().removeAll(shipped.illustrative);
        assertThat(shipped.parse.apply(defaultsOnly)).isEqualTo(shipped.defaults);
    }

    @Test
    void observabilityExampleMeansNoTracing() throws IOException {
        assertThat(ObservabilityConfig.parse(example("config-observability")).tracing().enabled()).isFalse();
    }

    @Test
    void tracingExampleIsValidAndMeansNoTracing() throws IOException {
        Map<String, String> example = example("config-tracing");
        MapReader reader = new MapReader("config-tracing", Map.of());
        LegacyTracing.read(reader);
        assertThat(reader.consultedKeys()).containsExactlyInAnyOrderElementsOf(example.keySet());
        assertThat(ObservabilityConfig.DEFAULT.withLegacyTracing(LegacyTracing.parse(example)).tracing().enabled())
                .isFalse();
        assertThat(LegacyTracing.parse(load("config-tracing").getData())).isEqualTo(TracingConfig.Settings.NONE);
    }

    @Test
    void domainExampleIsValidAndShippedDomainIsClusterLocal() throws IOException {
        DomainConfig example = DomainConfig.parse(example("config-domain"));
        assertThat(example.lookup(Map.of())).isEqualTo("example.com");
        assertThat(example.lookup(Map.of("app", "nonprofit"))).isEqualTo("example.org");
        assertThat(DomainConfig.parse(load("config-domain").getData())).isEqualTo(DomainConfig.DEFAULT);
    }

    @Test
    void aFreshInstallHasTheDefaultSnapshot() {
        assertThat(ShippedConfigMaps.snapshot()).isEqualTo(ConfigSnapshot.DEFAULT);
    }

    @Test
    void shippedNetworkRoutesThroughQnative() throws IOException {
        Map<String, String> data = new LinkedHashMap<>(load("config-network").getData());
        data.remove("_example");
        assertThat(data).containsOnly(Map.entry("ingress-class", NetworkConfig.QNATIVE_INGRESS_CLASS),
                Map.entry("certificate-class", NetworkConfig.QNATIVE_CERTIFICATE_CLASS));
    }

    /** Legacy aliases the parsers still read but the examples deliberately do not advertise. */
    private static final Set<String> LEGACY_ALIASES = Set.of("ingress.class", "certificate.class", "domainTemplate",
            "tagTemplate", "auto-tls", "autoTLS", "httpProtocol", "rolloutDuration", "autocreateClusterDomainClaims",
            "defaultExternalScheme", "internal-encryption", "queueSidecarImage", "progressDeadline",
            "digestResolutionTimeout", "registriesSkippingTagResolving", "queueSidecarCPURequest",
            "queueSidecarCPULimit", "queueSidecarMemoryRequest", "queueSidecarMemoryLimit",
            "queueSidecarEphemeralStorageRequest", "queueSidecarEphemeralStorageLimit");

    private static boolean isLegacyAlias(String key) {
        return LEGACY_ALIASES.contains(key);
    }

    private static ConfigMap load(String name) {
        return ShippedConfigMaps.load(name);
    }

    private static Map<String, String> example(String name) throws IOException {
        Map<String, String> example = Yaml.read(load(name).getData().get("_example"),
                new TypeReference<Map<String, String>>() { });
        return example == null ? Map.of() : example;
    }
}
