package io.qnative.simulate;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to a trace's JSON fields that names the file, the sample and the field in every problem. */
final class TraceFields {
    final String source;
    final String prefix;
    final String path;

    TraceFields(String source, String prefix) {
        this(source, prefix, "");
    }

    private TraceFields(String source, String prefix, String path) {
        this.source = source;
        this.prefix = prefix;
        this.path = path;
    }

    /** The fields of the object at {@code field}. */
    TraceFields in(String field) {
        return new TraceFields(source, prefix, path + field + ".");
    }

    TraceException problem(String field, String what) {
        return new TraceException(source + ": " + prefix + "field \"" + path + field + "\": " + what);
    }

    double number(JsonNode n, String field, double absent, double min, double max) throws TraceException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw problem(field, v + " is not a number");
        }
        double d = v.asDouble();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw problem(field, v + " is out of range [" + TraceReader.fmt(min) + ", " + TraceReader.fmt(max) + "]");
        }
        return d;
    }

    long integer(JsonNode n, String field, long absent, long min, long max) throws TraceException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
            throw problem(field, v + " is not a whole number");
        }
        long l = v.asLong();
        if (l < min || l > max) {
            throw problem(field, v + " is out of range [" + min + ", " + max + "]");
        }
        return l;
    }

    String text(JsonNode n, String field, String absent) throws TraceException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw problem(field, v + " is not a string");
        }
        return v.asText();
    }

    boolean bool(JsonNode n, String field) throws TraceException {
        JsonNode v = n.get(field);
        if (!v.isBoolean()) {
            throw problem(field, v + " is not true or false");
        }
        return v.asBoolean();
    }

    String oneOf(JsonNode n, String field, Set<String> allowed) throws TraceException {
        String v = text(n, field, null);
        if (v == null || !allowed.contains(v)) {
            throw problem(field, (v == null ? "null" : "\"" + v + "\"") + " is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }
}
