package io.qnative.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The example manifests under {@code src/test/resources/examples/} (see its README), with the expectations their
 * header comments state.
 */
public final class Examples {

    /** A YAML reader; numbers come back as the narrowest node type. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A plain JSON mapper, used to normalise trees before comparing them. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** One example file. */
    public record Example(String name, String text, JsonNode tree, List<String> expectPruned,
            List<String> expectInvalid) {

        /** The manifest's apiVersion. */
        public String apiVersion() {
            return tree.path("apiVersion").asText();
        }

        /** The manifest's kind. */
        public String kind() {
            return tree.path("kind").asText();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Examples() {
    }

    /** The valid examples (top-level directory). */
    public static List<Example> valid() {
        return load(dir());
    }

    /** The examples under {@code invalid/}. */
    public static List<Example> invalid() {
        return load(dir().resolve("invalid"));
    }

    private static Path dir() {
        URL url = Examples.class.getClassLoader().getResource("examples");
        if (url == null) {
            throw new IllegalStateException("examples/ not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Example> load(Path dir) {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(p);
                List<String> pruned = new ArrayList<>();
                List<String> invalid = new ArrayList<>();
                for (String line : text.split("\n")) {
                    if (line.startsWith("# expect-pruned:")) {
                        pruned.add(line.substring("# expect-pruned:".length()).trim());
                    } else if (line.startsWith("# expect-invalid:")) {
                        invalid.add(line.substring("# expect-invalid:".length()).trim());
                    }
                }
                out.add(new Example(p.getFileName().toString(), text, YAML.readTree(text), pruned, invalid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading examples from " + dir, e);
        }
        return out;
    }

    /**
     * {@code tree} as plain JSON: fields with null values removed (Kubernetes treats them as unset) and numbers
     * re-read from their text, so {@code 90} read as an int equals {@code 90} written from a long.
     */
    public static JsonNode normalize(JsonNode tree) {
        try {
            JsonNode copy = JSON.readTree(JSON.writeValueAsString(tree));
            dropNulls(copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    dropNulls(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(Examples::dropNulls);
        }
    }
}
