package io.qnative.api.autoscaling;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An annotation read under several spellings, the first present winning (Knative's {@code kmap.KeyPriority}): the
 * kebab-case key, then its legacy camelCase alias. Shared by admission validation and the autoscaler.
 *
 * @param keys the spellings, highest priority first
 */
public record PriorityKey(List<String> keys) {

    /** The key and value actually found. */
    public record Found(String key, String value) {
    }

    /** A key with its aliases, highest priority first. */
    public static PriorityKey of(String... keys) {
        return new PriorityKey(List.of(keys));
    }

    /** The canonical (first) spelling. */
    public String key() {
        return keys.get(0);
    }

    /** The first spelling present in {@code annotations}, with its value. */
    public Optional<Found> get(Map<String, String> annotations) {
        if (annotations == null) {
            return Optional.empty();
        }
        for (String k : keys) {
            String v = annotations.get(k);
            if (v != null) {
                return Optional.of(new Found(k, v));
            }
        }
        return Optional.empty();
    }

    /** The value of the first spelling present, or empty. */
    public Optional<String> value(Map<String, String> annotations) {
        return get(annotations).map(Found::value);
    }
}
