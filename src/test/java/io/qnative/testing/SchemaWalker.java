package io.qnative.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small OpenAPI v3 walker for CRD schemas, as the Kubernetes API server applies them.
 *
 * <p>{@link #structuralErrors} reports what makes a schema non-structural or unsafe on Kubernetes 1.20 and current
 * servers (apiextensions {@code structural} rules plus this project's: no {@code nullable}, {@code default},
 * {@code $ref} or CEL rules). {@link #validate} checks a manifest: types must match and every field must be
 * kept, i.e. not pruned for being outside {@code properties}/{@code additionalProperties} and not under a
 * {@code x-kubernetes-preserve-unknown-fields} node.
 */
public final class SchemaWalker {

    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    private static final Set<String> FORBIDDEN = Set.of("nullable", "default", "$ref", "x-kubernetes-validations",
            "definitions", "dependencies", "patternProperties", "id", "$schema");
    private static final String INT_OR_STRING = "x-kubernetes-int-or-string";
    private static final String PRESERVE = "x-kubernetes-preserve-unknown-fields";

    /** What {@link #validate} found. */
    public record Result(List<String> typeErrors, List<String> pruned) {
    }

    private SchemaWalker() {
    }

    /** Every reason the root schema {@code schema} is not structural (empty when it is). */
    public static List<String> structuralErrors(JsonNode schema) {
        List<String> errors = new ArrayList<>();
        if (!"object".equals(schema.path("type").asText())) {
            errors.add("<root>: type must be object");
        }
        JsonNode meta = schema.path("properties").path("metadata");
        if (!meta.isMissingNode()) {
            for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("type")) {
                    errors.add(".metadata: only type is allowed at the root metadata, found " + f);
                }
            }
        }
        check(schema, "", errors);
        return errors;
    }

    private static void check(JsonNode node, String path, List<String> errors) {
        String at = path.isEmpty() ? "<root>" : path;
        if (!node.isObject()) {
            errors.add(at + ": schema is not an object");
            return;
        }
        for (String f : FORBIDDEN) {
            if (node.has(f)) {
                errors.add(at + ": " + f + " is not allowed");
            }
        }
        boolean intOrString = node.path(INT_OR_STRING).asBoolean(false);
        boolean preserve = node.path(PRESERVE).asBoolean(false);
        if (node.has(PRESERVE) && !preserve) {
            errors.add(at + ": " + PRESERVE + " must be true or absent");
        }
        String type = node.path("type").asText("");
        if (intOrString) {
            if (!type.isEmpty()) {
                errors.add(at + ": int-or-string must not have a type");
            }
            JsonNode anyOf = node.get("anyOf");
            if (anyOf != null && !(anyOf.size() == 2 && "integer".equals(anyOf.get(0).path("type").asText())
                    && "string".equals(anyOf.get(1).path("type").asText()) && anyOf.get(0).size() == 1
                    && anyOf.get(1).size() == 1)) {
                errors.add(at + ": int-or-string anyOf must be exactly [integer, string]");
            }
        } else {
            for (String v : List.of("anyOf", "allOf", "oneOf", "not")) {
                if (node.has(v)) {
                    errors.add(at + ": " + v + " only allowed for int-or-string here");
                }
            }
            if (type.isEmpty() && !preserve) {
                errors.add(at + ": missing type");
            } else if (!type.isEmpty() && !TYPES.contains(type)) {
                errors.add(at + ": unknown type " + type);
            }
        }
        JsonNode props = node.get("properties");
        JsonNode additional = node.get("additionalProperties");
        if (props != null && additional != null) {
            errors.add(at + ": properties and additionalProperties together");
        }
        if ((props != null || additional != null) && !type.equals("object")) {
            errors.add(at + ": properties on a non-object");
        }
        if (additional != null && !additional.isObject()) {
            errors.add(at + ": additionalProperties must be a schema");
        }
        if ("object".equals(type) && props == null && additional == null && !preserve) {
            errors.add(at + ": object without properties would prune everything");
        }
        if ("array".equals(type) && (node.get("items") == null || !node.get("items").isObject())) {
            errors.add(at + ": array needs a single items schema");
        }
        if (node.has("items") && !"array".equals(type)) {
            errors.add(at + ": items on a non-array");
        }
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                check(e.getValue(), path + "." + e.getKey(), errors);
            }
        }
        if (additional != null && additional.isObject()) {
            check(additional, path + "{}", errors);
        }
        if (node.get("items") != null && node.get("items").isObject()) {
            check(node.get("items"), path + "[]", errors);
        }
    }

    /** Validates a whole manifest; {@code apiVersion}, {@code kind} and {@code metadata} at the root are skipped. */
    public static Result validate(JsonNode schema, JsonNode manifest) {
        Result r = new Result(new ArrayList<>(), new ArrayList<>());
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Set.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
                continue;
            }
            JsonNode sub = schema.path("properties").get(e.getKey());
            if (sub == null) {
                r.pruned().add("." + e.getKey());
            } else {
                walk(sub, e.getValue(), "." + e.getKey(), r);
            }
        }
        return r;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, Result r) {
        if (value.isNull()) {
            r.typeErrors().add(path + ": null");
            return;
        }
        if (schema.path(INT_OR_STRING).asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                r.typeErrors().add(path + ": want integer or string, got " + value.getNodeType());
            }
            return;
        }
        boolean preserve = schema.path(PRESERVE).asBoolean(false);
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> walkObject(schema, value, path, r, preserve);
            case "array" -> {
                if (!value.isArray()) {
                    r.typeErrors().add(path + ": want array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    walk(schema.get("items"), value.get(i), path + "[" + i + "]", r);
                }
            }
            case "string" -> expect(value.isTextual(), "string", value, path, r);
            case "integer" -> expect(value.isIntegralNumber(), "integer", value, path, r);
            case "number" -> expect(value.isNumber(), "number", value, path, r);
            case "boolean" -> expect(value.isBoolean(), "boolean", value, path, r);
            case "" -> {
                if (!preserve) {
                    r.typeErrors().add(path + ": schema has no type");
                }
            }
            default -> r.typeErrors().add(path + ": unknown schema type " + type);
        }
    }

    private static void walkObject(JsonNode schema, JsonNode value, String path, Result r, boolean preserve) {
        if (!value.isObject()) {
            r.typeErrors().add(path + ": want object, got " + value.getNodeType());
            return;
        }
        JsonNode props = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path + "." + e.getKey();
            if (props != null && props.has(e.getKey())) {
                walk(props.get(e.getKey()), e.getValue(), child, r);
            } else if (additional != null && additional.isObject()) {
                walk(additional, e.getValue(), child, r);
            } else if (!preserve) {
                r.pruned().add(child);
            }
        }
    }

    private static void expect(boolean ok, String want, JsonNode value, String path, Result r) {
        if (!ok) {
            r.typeErrors().add(path + ": want " + want + ", got " + value.getNodeType());
        }
    }
}
