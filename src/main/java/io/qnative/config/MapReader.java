package io.qnative.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of one ConfigMap's data and collects every problem instead of stopping at the first.
 * Keys are given newest first: {@code string("x", "new-key", "legacyKey")} uses {@code new-key} when present,
 * else {@code legacyKey}, else the default. It also remembers every key it was asked about, which is how the
 * shipped {@code _example} blocks are checked against the parsers.
 */
final class MapReader {

    /** The documentation key Knative ignores in every ConfigMap. */
    static final String EXAMPLE_KEY = "_example";

    private final String configMap;
    private final Map<String, String> data;
    private final List<ConfigException.Problem> problems = new ArrayList<>();
    private final Set<String> consulted = new LinkedHashSet<>();

    MapReader(String configMap, Map<String, String> data) {
        this.configMap = configMap;
        this.data = data == null ? Map.of() : data;
    }

    String configMap() {
        return configMap;
    }

    /** The first of {@code keys} (newest first) that is present, if any. */
    Optional<String> presentKey(String... keys) {
        for (String key : keys) {
            consulted.add(key);
        }
        for (String key : keys) {
            if (data.containsKey(key) && data.get(key) != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The raw value of the newest present key. */
    Optional<String> raw(String... keys) {
        return presentKey(keys).map(data::get);
    }

    String string(String def, String... keys) {
        return raw(keys).orElse(def);
    }

    /** As {@link #string} but a blank value also means the default. */
    String nonBlank(String def, String... keys) {
        return raw(keys).filter(v -> !v.isBlank()).orElse(def);
    }

    boolean bool(boolean def, String... keys) {
        return typed(def, GoValues::parseBool, keys);
    }

    int int32(int def, String... keys) {
        return typed(def, GoValues::parseInt32, keys);
    }

    long int64(long def, String... keys) {
        return typed(def, GoValues::parseInt64, keys);
    }

    double float64(double def, String... keys) {
        return typed(def, GoValues::parseFloat, keys);
    }

    Duration duration(Duration def, String... keys) {
        return typed(def, GoValues::parseDuration, keys);
    }

    /** Parses the newest present key with {@code parser}; a parser exception becomes a problem. */
    <T> T typed(T def, Function<String, T> parser, String... keys) {
        Optional<String> key = presentKey(keys);
        if (key.isEmpty()) {
            return def;
        }
        String value = data.get(key.get());
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            problem(key.get(), value, e.getMessage());
            return def;
        }
    }

    /** Records a problem with the key's current value (empty when absent). */
    void problemAt(String key, String reason) {
        problem(key, data.getOrDefault(key, ""), reason);
    }

    void problem(String key, String value, String reason) {
        problems.add(new ConfigException.Problem(configMap, key, value, reason));
    }

    List<ConfigException.Problem> problems() {
        return List.copyOf(problems);
    }

    /** Every key a parser asked about, in asking order. */
    Set<String> consultedKeys() {
        return Set.copyOf(consulted);
    }

    /** All keys of the map except {@code _example}. */
    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(data.keySet());
        keys.remove(EXAMPLE_KEY);
        return keys;
    }

    /** Throws one {@link ConfigException} with every problem collected so far, if any. */
    void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
