package io.qnative.api.serving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.qnative.api.validation.FieldError;

/**
 * Knative's {@code apis.CheckDisallowedFields} over fabric8 objects: every field set to a non-zero value whose JSON
 * name is not allowed is reported as {@code must not set the field(s)}. Zero values (absent, {@code false},
 * {@code 0}, {@code ""}, empty lists and maps) count as unset, as Go's zero values do; nested objects count as set
 * even when empty (Go pointers). Unknown fields are ignored (the webhook decodes leniently).
 */
final class Masks {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();

    /** A serializable property: its JSON name and how to read it. */
    private record Property(String name, AnnotatedMember accessor) {
    }

    private Masks() {
    }

    /**
     * The modelled fields of {@code obj} with non-null values, by JSON name (unknown fields excluded). Values are the
     * Java values, not JSON: read through the accessors Jackson would serialize, without serializing subtrees.
     */
    static Map<String, Object> fields(Object obj) {
        if (obj == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Property p : properties(obj)) {
            Object v = p.accessor().getValue(obj);
            if (v != null) {
                out.put(p.name(), v);
            }
        }
        return out;
    }

    private static List<Property> properties(Object obj) {
        return PROPERTIES.computeIfAbsent(obj.getClass(), Masks::introspect);
    }

    private static List<Property> introspect(Class<?> type) {
        JavaType t = MAPPER.constructType(type);
        BeanDescription d = MAPPER.getSerializationConfig().introspect(t);
        List<Property> out = new ArrayList<>();
        for (BeanPropertyDefinition p : d.findProperties()) {
            AnnotatedMember m = p.getAccessor();
            if (m != null && p.couldSerialize()) {
                m.fixAccess(true);
                out.add(new Property(p.getName(), m));
            }
        }
        return List.copyOf(out);
    }

    /** Reports each set field of {@code obj} outside {@code allowed}; {@code pointerFields} are set even if zero. */
    static FieldError disallowed(Object obj, Set<String> allowed, Set<String> pointerFields) {
        if (obj == null) {
            return FieldError.none();
        }
        // no map of the fields: the allowed ones, most of them, are not even read (bench/README.md, "webhook.sh")
        List<String> bad = null;
        for (Property p : properties(obj)) {
            if (allowed.contains(p.name())) {
                continue;
            }
            Object v = p.accessor().getValue(obj);
            if (pointerFields.contains(p.name()) ? v != null : !isZero(v)) {
                if (bad == null) {
                    bad = new ArrayList<>();
                }
                bad.add(p.name());
            }
        }
        return bad == null ? FieldError.none() : FieldError.disallowedFields(bad.toArray(String[]::new));
    }

    /** True when every modelled field of {@code obj} is a zero value ({@link #isZero}), as Go's zero struct. */
    static boolean allZero(Object obj) {
        if (obj == null) {
            return true;
        }
        for (Property p : properties(obj)) {
            if (!isZero(p.accessor().getValue(obj))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #disallowed(Object, Set, Set)} without pointer fields. */
    static FieldError disallowed(Object obj, Set<String> allowed) {
        return disallowed(obj, allowed, Set.of());
    }

    /** Go's zero value: absent, false, 0, "", an empty list or map (fabric8 cannot tell empty from absent). */
    static boolean isZero(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() == 0;
        }
        if (v instanceof String s) {
            return s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return false;
    }
}
