package io.qnative.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Expected objects for builder tests: YAML under {@code src/test/resources}, read into fabric8 or qnative types,
 * and a whole-object comparison on the wire form that prints both sides as YAML when they differ.
 */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Manifests() {
    }

    /** Reads one classpath YAML document as {@code type}. */
    public static <T> T load(String resource, Class<T> type) {
        try (InputStream in = Manifests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The object as YAML with sorted map keys. */
    public static String yaml(Object o) {
        try {
            return YAML.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts {@code actual} serializes to the same JSON tree as {@code expected}, showing YAML on failure. */
    public static void assertSameObject(Object actual, Object expected) {
        JsonNode a = YAML.valueToTree(actual);
        JsonNode e = YAML.valueToTree(expected);
        assertThat(yaml(actual)).as("whole object").isEqualTo(yaml(expected));
        assertThat(a).isEqualTo(e);
    }
}
