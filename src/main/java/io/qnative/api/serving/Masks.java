package io.qnative.api.serving;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.api.validation.FieldError;

/**
 * Knative's {@code apis.CheckDisallowedFields} over fabric8 objects: every field set to a non-zero value whose JSON
 * name is not allowed is reported as {@code must not set the field(s)}. Zero values (absent, {@code false},
 * {@code 0}, {@code ""}, empty lists) count as unset, as Go's zero values do; JSON objects count as set even when
 * empty (Go pointers). Unknown fields are ignored (the webhook decodes leniently).
 */
final class Masks {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Masks() {
    }

    /** The fields of {@code obj} as JSON, without its unknown ({@code additionalProperties}) fields. */
    static Map<String, Object> fields(Object obj) {
        if (obj == null) {
            return Map.of();
        }
        Map<String, Object> m = MAPPER.convertValue(obj, MAP);
        m.keySet().removeAll(unknownFields(obj));
        return m;
    }

    /** Reports each set field of {@code obj} outside {@code allowed}; {@code pointerFields} are set even if zero. */
    static FieldError disallowed(Object obj, Set<String> allowed, Set<String> pointerFields) {
        Collection<String> bad = new ArrayList<>();
        fields(obj).forEach((k, v) -> {
            if (!allowed.contains(k) && (pointerFields.contains(k) ? v != null : !isZero(v))) {
                bad.add(k);
            }
        });
        return bad.isEmpty() ? FieldError.none() : FieldError.disallowedFields(bad.toArray(String[]::new));
    }

    /** {@link #disallowed(Object, Set, Set)} without pointer fields. */
    static FieldError disallowed(Object obj, Set<String> allowed) {
        return disallowed(obj, allowed, Set.of());
    }

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
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> unknownFields(Object obj) {
        try {
            Method m = obj.getClass().getMethod("getAdditionalProperties");
            Object props = m.invoke(obj);
            return props instanceof Map<?, ?> map ? (Set<String>) map.keySet() : Set.of();
        } catch (ReflectiveOperationException e) {
            return Set.of();
        }
    }
}
