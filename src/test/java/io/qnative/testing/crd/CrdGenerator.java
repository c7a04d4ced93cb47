package io.qnative.testing.crd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Generates the CRD of every qnative kind from its Java type and shapes it as Knative's config/core/300-resources says.
 *
 * <p>fabric8's crd-generator supplies names, short names, categories, scope, the status subresource and the
 * schema. {@link CrdKinds} supplies what the types do not carry (printer columns, CRD labels). The pass here
 * then makes the schema safe for Kubernetes 1.20 and current servers: embedded {@code metadata} objects below the
 * root (template metadata, PVC templates) become {@code type: object} with
 * {@code x-kubernetes-preserve-unknown-fields: true}, as in Knative's own CRDs, and descriptions, defaults and
 * {@code nullable} are dropped. Output is deterministic YAML, one file per CRD, named
 * {@code 100-crd-<plural>.<group>.yaml} so a flat {@code kubectl apply -f kubernetes/} applies CRDs early.
 */
public final class CrdGenerator {

    /** Prefix of every generated file name. */
    public static final String FILE_PREFIX = "100-crd-";

    static final String HEADER = "# Generated from the io.qnative.api types by hack/gen-crds.sh "
            + "(io.qnative.testing.crd.CrdGenerator); do not edit.\n";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private static Map<String, String> cached;

    private CrdGenerator() {
    }

    /** {@link #generate} into {@code target/crd-work}, once per JVM. */
    public static synchronized Map<String, String> generated() {
        if (cached == null) {
            cached = Map.copyOf(generate(Path.of("target", "crd-work")));
        }
        return new TreeMap<>(cached);
    }

    /** Generates every CRD: file name to YAML text, sorted by file name. */
    public static Map<String, String> generate(Path workDir) {
        try {
            Path raw = Files.createDirectories(workDir.resolve("raw"));
            try (Stream<Path> old = Files.list(raw)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
            List<Class<? extends HasMetadata>> types = new ArrayList<>(CrdKinds.ALL.keySet());
            new CRDGenerator().inOutputDir(raw.toFile()).forCRDVersions("v1").customResourceClasses(types).generate();
            Map<String, String> out = new TreeMap<>();
            try (Stream<Path> files = Files.list(raw)) {
                for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                    ObjectNode crd = (ObjectNode) YAML.readTree(p.toFile());
                    ObjectNode shaped = shape(crd);
                    String name = shaped.path("metadata").path("name").asText();
                    out.put(FILE_PREFIX + name + ".yaml", HEADER + YAML.writeValueAsString(shaped));
                }
            }
            if (out.size() != types.size()) {
                throw new IllegalStateException("generated " + out.keySet() + " for " + types);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("generating CRDs into " + workDir, e);
        }
    }

    /** Writes {@code crds} into {@code dir} (e.g. {@code kubernetes/}), deleting generated files no longer produced. */
    public static void write(Map<String, String> crds, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(CrdGenerator::isGenerated).toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : crds.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /** Whether {@code p} is a generated CRD file. */
    public static boolean isGenerated(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(FILE_PREFIX) && n.endsWith(".yaml");
    }

    /** Command line: {@code CrdGenerator <output dir>}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "kubernetes");
        write(generate(Path.of("target", "crd-work")), dir);
    }

    private static ObjectNode shape(ObjectNode raw) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode rawSpec = (ObjectNode) raw.get("spec");
        String kind = rawSpec.path("names").path("kind").asText();
        String group = rawSpec.path("group").asText();
        CrdKinds.Kind k = CrdKinds.byKindAndGroup(kind, group);

        ObjectNode crd = f.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        ObjectNode meta = crd.putObject("metadata");
        meta.put("name", raw.path("metadata").path("name").asText());
        ObjectNode labels = meta.putObject("labels");
        new TreeMap<>(k.labels()).forEach(labels::put);

        ObjectNode spec = crd.putObject("spec");
        spec.put("group", group);
        ObjectNode names = spec.putObject("names");
        for (String key : List.of("kind", "plural", "singular", "shortNames", "categories")) {
            if (rawSpec.path("names").has(key)) {
                names.set(key, rawSpec.path("names").get(key));
            }
        }
        spec.put("scope", rawSpec.path("scope").asText());
        ArrayNode versions = spec.putArray("versions");
        for (JsonNode v : rawSpec.path("versions")) {
            ObjectNode version = versions.addObject();
            version.put("name", v.path("name").asText());
            version.put("served", true);
            version.put("storage", true);
            if (k.hasStatus()) {
                version.putObject("subresources").putObject("status");
            }
            ObjectNode schema = (ObjectNode) v.path("schema").path("openAPIV3Schema").deepCopy();
            clean(schema, true);
            version.putObject("schema").set("openAPIV3Schema", schema);
            if (!k.columns().isEmpty()) {
                ArrayNode cols = version.putArray("additionalPrinterColumns");
                for (CrdKinds.Column c : k.columns()) {
                    ObjectNode col = cols.addObject();
                    col.put("name", c.name());
                    col.put("type", c.type());
                    col.put("jsonPath", c.jsonPath());
                }
            }
        }
        return crd;
    }

    /** Post-processes one schema node and its children. */
    private static void clean(ObjectNode node, boolean root) {
        node.remove(List.of("description", "default", "nullable", "example"));
        JsonNode props = node.get("properties");
        if (props instanceof ObjectNode p) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!root && "metadata".equals(e.getKey()) && e.getValue().has("properties")
                        && e.getValue().path("properties").has("annotations")) {
                    ObjectNode open = JsonNodeFactory.instance.objectNode();
                    open.put("type", "object");
                    open.put("x-kubernetes-preserve-unknown-fields", true);
                    e.setValue(open);
                } else if (e.getValue() instanceof ObjectNode child) {
                    clean(child, false);
                }
            }
        }
        for (String key : List.of("items", "additionalProperties")) {
            if (node.get(key) instanceof ObjectNode child) {
                clean(child, false);
            }
        }
        for (String key : List.of("anyOf", "allOf", "oneOf")) {
            if (node.get(key) instanceof ArrayNode arr) {
                for (JsonNode child : arr) {
                    if (child instanceof ObjectNode o) {
                        clean(o, false);
                    }
                }
            }
        }
    }
}
