package io.qnative.testing.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Statuses and objects written out as YAML literals in a row, so a table states what it wants instead of computing
 * it with the code under test. One convention keeps them short: a condition written without a
 * {@code lastTransitionTime} gets {@link #T}, the time every row runs at unless it says otherwise.
 */
public final class Literals {

    /** {@code io.qnative.testing.Fixtures.NOW} as a condition's lastTransitionTime (whole seconds). */
    public static final String T = "2026-11-26T23:00:00Z";

    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Literals() {
    }

    /** A copy of {@code obj} whose status is the YAML {@code status} (conditions stamped with {@link #T}). */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T withStatus(T obj, String status) {
        ObjectNode tree = JSON.valueToTree(obj);
        tree.set("status", stamped(read(status)));
        try {
            return (T) JSON.treeToValue(tree, obj.getClass());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML {@code yaml} read as {@code type} (conditions anywhere stamped with {@link #T}). */
    public static <T> T object(String yaml, Class<T> type) {
        try {
            return JSON.treeToValue(stamped(read(yaml)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String yaml) {
        try {
            JsonNode n = YAML.readTree(yaml);
            return n == null || n.isMissingNode() ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            throw new UncheckedIOException(yaml, e);
        }
    }

    private static JsonNode stamped(JsonNode n) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("conditions") && e.getValue().isArray()) {
                    e.getValue().forEach(c -> {
                        if (c instanceof ObjectNode o && !o.has("lastTransitionTime")) {
                            o.put("lastTransitionTime", T);
                        }
                    });
                } else {
                    stamped(e.getValue());
                }
            });
        } else if (n.isArray()) {
            n.forEach(Literals::stamped);
        }
        return n;
    }
}
