package io.qnative.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 6902 JSON Patch between two JSON documents, as Knative's {@code duck.CreatePatch} computes the defaulting
 * webhook's answer: objects key by key, arrays index by index (extra elements appended or removed from the end),
 * anything else replaced. Pure.
 */
public final class JsonPatches {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatches() {
    }

    /** The operations that turn {@code before} into {@code after}; empty when they are equal. */
    public static ArrayNode diff(JsonNode before, JsonNode after) {
        ArrayNode ops = NODES.arrayNode();
        diff("", before, after, ops);
        return ops;
    }

    /** Escapes one reference token of a JSON pointer ({@code /} as {@code ~1}, {@code ~} as {@code ~0}). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void diff(String path, JsonNode a, JsonNode b, ArrayNode ops) {
        // containers are walked once (no deep equals at every level first: equal subtrees give no operation)
        if (a.isObject() && b.isObject()) {
            List<String> removed = new ArrayList<>();
            a.fieldNames().forEachRemaining(name -> {
                if (!b.has(name)) {
                    removed.add(name);
                }
            });
            removed.forEach(name -> ops.add(op("remove", path + "/" + escape(name), null)));
            for (Iterator<String> names = b.fieldNames(); names.hasNext();) {
                String name = names.next();
                String child = path + "/" + escape(name);
                if (a.has(name)) {
                    diff(child, a.get(name), b.get(name), ops);
                } else {
                    ops.add(op("add", child, b.get(name)));
                }
            }
        } else if (a.isArray() && b.isArray()) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                diff(path + "/" + i, a.get(i), b.get(i), ops);
            }
            for (int i = common; i < b.size(); i++) {
                ops.add(op("add", path + "/" + i, b.get(i)));
            }
            for (int i = a.size() - 1; i >= common; i--) {
                ops.add(op("remove", path + "/" + i, null));
            }
        } else if (!a.equals(b)) {
            ops.add(op("replace", path, b));
        }
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode node = NODES.objectNode().put("op", op).put("path", path);
        if (value != null) {
            node.set("value", value.deepCopy());
        }
        return node;
    }
}
