package io.qnative.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test helper: the problems a parser reports for some data. */
final class Problems {

    private Problems() {
    }

    static List<ConfigException.Problem> of(Function<Map<String, String>, ?> parser, Map<String, String> data) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parser.apply(data));
        if (e == null) {
            throw new AssertionError("expected a ConfigException for " + data);
        }
        return e.problems();
    }

    /** A map from alternating keys and values (Map.of stops at ten pairs). */
    static Map<String, String> map(String... keysAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static List<String> keys(Function<Map<String, String>, ?> parser, Map<String, String> data) {
        return of(parser, data).stream().map(ConfigException.Problem::key).toList();
    }
}
