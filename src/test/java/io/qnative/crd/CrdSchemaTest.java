package io.qnative.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.qnative.testing.Examples;
import io.qnative.testing.Examples.Example;
import io.qnative.testing.SchemaWalker;
import io.qnative.testing.crd.CrdGenerator;

/**
 * The generated CRDs are structural, shaped as Knative's config/core/300-resources says, and accept every example:
 * types match and
 * nothing the user set is pruned (except the fields an example declares with {@code # expect-pruned}).
 */
class CrdSchemaTest {

    static Map<String, JsonNode> crds;

    @BeforeAll
    static void generate() throws Exception {
        crds = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : CrdGenerator.generated().entrySet()) {
            crds.put(e.getKey(), Examples.YAML.readTree(e.getValue()));
        }
    }

    static JsonNode crdFor(String apiVersion, String kind) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        for (JsonNode crd : crds.values()) {
            if (crd.path("spec").path("group").asText().equals(group)
                    && crd.path("spec").path("names").path("kind").asText().equals(kind)) {
                return crd;
            }
        }
        throw new AssertionError("no CRD for " + apiVersion + " " + kind);
    }

    static JsonNode schemaFor(Example ex) {
        JsonNode crd = crdFor(ex.apiVersion(), ex.kind());
        String version = ex.apiVersion().substring(ex.apiVersion().indexOf('/') + 1);
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new AssertionError("CRD " + crd.path("metadata").path("name") + " does not serve " + version);
    }

    @Test
    void everyCrdIsStructural() {
        crds.forEach((name, crd) -> {
            for (JsonNode v : crd.path("spec").path("versions")) {
                assertThat(SchemaWalker.structuralErrors(v.path("schema").path("openAPIV3Schema"))).as(name).isEmpty();
            }
        });
    }

    @Test
    void everyCrdHasOneServedStorageVersionAndTheRightScope() {
        crds.forEach((name, crd) -> {
            JsonNode versions = crd.path("spec").path("versions");
            assertThat(versions.size()).as(name).isEqualTo(1);
            assertThat(versions.get(0).path("served").asBoolean()).as(name).isTrue();
            assertThat(versions.get(0).path("storage").asBoolean()).as(name).isTrue();
            boolean cdc = name.contains("clusterdomainclaims");
            assertThat(crd.path("spec").path("scope").asText()).as(name).isEqualTo(cdc ? "Cluster" : "Namespaced");
            assertThat(versions.get(0).path("subresources").has("status")).as(name).isEqualTo(!cdc);
            assertThat(crd.path("spec").has("conversion")).as(name).isFalse();
        });
    }

    @Test
    void namesMatchKnative() {
        assertNames("services.serving.knative.dev", "v1", "Service", "service", List.of("kservice", "ksvc"),
                List.of("all", "knative", "serving"));
        assertNames("configurations.serving.knative.dev", "v1", "Configuration", "configuration",
                List.of("config", "cfg"), List.of("all", "knative", "serving"));
        assertNames("revisions.serving.knative.dev", "v1", "Revision", "revision", List.of("rev"),
                List.of("all", "knative", "serving"));
        assertNames("routes.serving.knative.dev", "v1", "Route", "route", List.of("rt"),
                List.of("all", "knative", "serving"));
        assertNames("domainmappings.serving.knative.dev", "v1beta1", "DomainMapping", "domainmapping", List.of("dm"),
                List.of("all", "knative", "serving"));
        assertNames("podautoscalers.autoscaling.internal.knative.dev", "v1alpha1", "PodAutoscaler", "podautoscaler",
                List.of("kpa", "pa"), List.of("knative-internal", "autoscaling"));
        assertNames("ingresses.networking.internal.knative.dev", "v1alpha1", "Ingress", "ingress",
                List.of("kingress", "king"), List.of("knative-internal", "networking"));
        assertNames("certificates.networking.internal.knative.dev", "v1alpha1", "Certificate", "certificate",
                List.of("kcert"), List.of("knative-internal", "networking"));
        assertNames("clusterdomainclaims.networking.internal.knative.dev", "v1alpha1", "ClusterDomainClaim",
                "clusterdomainclaim", List.of("cdc"), List.of("knative-internal", "networking"));
    }

    private static void assertNames(String name, String version, String kind, String singular, List<String> shortNames,
            List<String> categories) {
        JsonNode crd = crds.get(CrdGenerator.FILE_PREFIX + name + ".yaml");
        assertThat(crd).as(name).isNotNull();
        JsonNode names = crd.path("spec").path("names");
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo(name);
        assertThat(names.path("kind").asText()).isEqualTo(kind);
        assertThat(names.path("plural").asText() + "." + crd.path("spec").path("group").asText()).isEqualTo(name);
        assertThat(names.path("singular").asText()).isEqualTo(singular);
        assertThat(texts(names.path("shortNames"))).isEqualTo(shortNames);
        assertThat(texts(names.path("categories"))).isEqualTo(categories);
        assertThat(crd.path("spec").path("versions").get(0).path("name").asText()).isEqualTo(version);
    }

    @Test
    void printerColumnsAreInKnativesOrder() {
        assertColumns("services.serving.knative.dev", "URL", "LatestCreated", "LatestReady", "Ready", "Reason");
        assertColumns("configurations.serving.knative.dev", "LatestCreated", "LatestReady", "Ready", "Reason");
        assertColumns("revisions.serving.knative.dev", "Config Name", "Generation", "Ready", "Reason",
                "Actual Replicas", "Desired Replicas");
        assertColumns("routes.serving.knative.dev", "URL", "Ready", "Reason");
        assertColumns("domainmappings.serving.knative.dev", "URL", "Ready", "Reason");
        assertColumns("podautoscalers.autoscaling.internal.knative.dev", "DesiredScale", "ActualScale", "Ready",
                "Reason");
        assertColumns("clusterdomainclaims.networking.internal.knative.dev");
        JsonNode rev = columns("revisions.serving.knative.dev");
        assertThat(rev.get(0).path("jsonPath").asText())
                .isEqualTo(".metadata.labels['serving\\.knative\\.dev/configuration']");
        assertThat(rev.get(1).path("type").asText()).isEqualTo("string");
        assertThat(rev.get(4).path("type").asText()).isEqualTo("integer");
        assertThat(rev.get(2).path("jsonPath").asText()).isEqualTo(".status.conditions[?(@.type=='Ready')].status");
        assertThat(rev.get(3).path("jsonPath").asText()).isEqualTo(".status.conditions[?(@.type=='Ready')].reason");
    }

    private static JsonNode columns(String name) {
        return crds.get(CrdGenerator.FILE_PREFIX + name + ".yaml").path("spec").path("versions").get(0)
                .path("additionalPrinterColumns");
    }

    private static void assertColumns(String name, String... expected) {
        List<String> names = new ArrayList<>();
        columns(name).forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).as(name).containsExactly(expected);
    }

    @Test
    void duckTypeLabels() {
        assertThat(label("services.serving.knative.dev", "duck.knative.dev/addressable")).isEqualTo("true");
        assertThat(label("routes.serving.knative.dev", "duck.knative.dev/addressable")).isEqualTo("true");
        assertThat(label("services.serving.knative.dev", "duck.knative.dev/podspecable")).isEqualTo("true");
        assertThat(label("configurations.serving.knative.dev", "duck.knative.dev/podspecable")).isEqualTo("true");
        assertThat(label("revisions.serving.knative.dev", "duck.knative.dev/podspecable")).isNull();
    }

    private static String label(String name, String key) {
        JsonNode v = crds.get(CrdGenerator.FILE_PREFIX + name + ".yaml").path("metadata").path("labels").get(key);
        return v == null ? null : v.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Stream<Example> validExamples() {
        return Examples.valid().stream();
    }

    static Stream<Example> invalidExamples() {
        return Examples.invalid().stream();
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void acceptsEveryExampleWithoutPruning(Example ex) {
        SchemaWalker.Result r = SchemaWalker.validate(schemaFor(ex), ex.tree());
        assertThat(r.typeErrors()).as(ex.name()).isEmpty();
        assertThat(r.pruned()).as(ex.name()).containsExactlyInAnyOrderElementsOf(ex.expectPruned());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void rejectsTheInvalidExamples(Example ex) {
        SchemaWalker.Result r = SchemaWalker.validate(schemaFor(ex), ex.tree());
        assertThat(ex.expectInvalid()).as(ex.name() + " states what is invalid").isNotEmpty();
        for (String path : ex.expectInvalid()) {
            assertThat(r.typeErrors()).as(ex.name()).anyMatch(e -> e.startsWith(path + ":"));
        }
    }
}
