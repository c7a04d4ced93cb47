package io.qnative.api.serving.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A short {@code -old +new} diff of two objects for error details, in the spirit of Knative's
 * {@code kmp.ShortDiff}: one entry per changed leaf, named by its JSON path (Knative names Go fields). Also deep
 * copies through JSON.
 */
final class Diffs {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Diffs() {
    }

    /** Empty when equal. */
    static String shortDiff(String root, Object old, Object now) {
        List<String> out = new ArrayList<>();
        walk(root, MAPPER.convertValue(old, Object.class), MAPPER.convertValue(now, Object.class), out);
        return String.join("", out);
    }

    /** A deep copy through JSON. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T obj) {
        return obj == null ? null : (T) MAPPER.convertValue(obj, obj.getClass());
    }

    private static void walk(String path, Object a, Object b, List<String> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
            mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                walk(path + "." + k, ma.get(k), mb.get(k), out);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                walk(path + "[" + i + "]", la.get(i), lb.get(i), out);
            }
            return;
        }
        out.add(path + ":\n\t-: " + json(a) + "\n\t+: " + json(b) + "\n");
    }

    private static String json(Object o) {
        if (o == null) {
            return "<nil>";
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return String.valueOf(o);
        }
    }
}
