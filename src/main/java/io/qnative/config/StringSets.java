package io.qnative.config;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Comma-separated ConfigMap values as sorted, immutable sets. */
final class StringSets {

    private StringSets() {
    }

    /** Splits on commas, trims, drops empty entries. */
    static Set<String> parse(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> of(String... values) {
        return new TreeSet<>(Arrays.asList(values));
    }
}
