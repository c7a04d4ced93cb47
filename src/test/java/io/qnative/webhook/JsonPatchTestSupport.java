package io.qnative.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies RFC 6902 add/remove/replace operations, to check that a computed patch has the intended effect. */
final class JsonPatchTestSupport {

    private JsonPatchTestSupport() {
    }

    static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode doc = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.get("path").asText();
            if (path.isEmpty()) {
                doc = op.get("value").deepCopy();
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = doc.at(path.substring(0, slash));
            String token = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            switch (op.get("op").asText()) {
                case "add" -> {
                    if (parent instanceof ArrayNode array) {
                        if ("-".equals(token)) {
                            array.add(op.get("value").deepCopy());
                        } else {
                            array.insert(Integer.parseInt(token), op.get("value").deepCopy());
                        }
                    } else {
                        ((ObjectNode) parent).set(token, op.get("value").deepCopy());
                    }
                }
                case "replace" -> {
                    if (parent instanceof ArrayNode array) {
                        array.set(Integer.parseInt(token), op.get("value").deepCopy());
                    } else {
                        ((ObjectNode) parent).set(token, op.get("value").deepCopy());
                    }
                }
                case "remove" -> {
                    if (parent instanceof ArrayNode array) {
                        array.remove(Integer.parseInt(token));
                    } else {
                        ((ObjectNode) parent).remove(token);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported op " + op);
            }
        }
        return doc;
    }
}
