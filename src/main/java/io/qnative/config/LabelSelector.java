package io.qnative.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}) as an immutable value with a
 * pure {@link #matches}. An empty selector matches everything.
 *
 * @param matchLabels labels that must be present with exactly these values
 * @param matchExpressions requirements that must all hold
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** Selects everything. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    /** Canonical copies. */
    public LabelSelector {
        matchLabels = Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** True when every label and expression holds for {@code labels}. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(r -> r.matches(labels));
    }

    /** Parses the YAML (or JSON) form used in ConfigMaps. */
    static LabelSelector parse(String yaml) {
        Raw raw = Yaml.read(yaml, Raw.class);
        if (raw == null) {
            return EVERYTHING;
        }
        List<Requirement> requirements = raw.matchExpressions == null ? List.of()
                : raw.matchExpressions.stream().map(Requirement::of).toList();
        return new LabelSelector(raw.matchLabels == null ? Map.of() : raw.matchLabels, requirements);
    }

    /**
     * One {@code matchExpressions} entry.
     *
     * @param key the label key
     * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
     * @param values the values for {@code In}/{@code NotIn}
     */
    public record Requirement(String key, String operator, List<String> values) {

        /** Canonical copy. */
        public Requirement {
            values = List.copyOf(values);
        }

        static Requirement of(RawRequirement raw) {
            List<String> values = raw.values == null ? List.of() : raw.values;
            if (raw.key == null || raw.key.isEmpty()) {
                throw new IllegalArgumentException("matchExpressions entries need a key");
            }
            String op = raw.operator == null ? "" : raw.operator;
            switch (op) {
                case "In", "NotIn":
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException("operator " + op + " needs values");
                    }
                    break;
                case "Exists", "DoesNotExist":
                    if (!values.isEmpty()) {
                        throw new IllegalArgumentException("operator " + op + " takes no values");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("operator \"" + op
                            + "\" must be In, NotIn, Exists or DoesNotExist");
            }
            return new Requirement(raw.key, op, values);
        }

        boolean matches(Map<String, String> labels) {
            switch (operator) {
                case "In":
                    return labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn":
                    return !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists":
                    return labels.containsKey(key);
                default:
                    return !labels.containsKey(key);
            }
        }
    }

    /** YAML shape. */
    static final class Raw {
        public Map<String, String> matchLabels;
        public List<RawRequirement> matchExpressions;
    }

    /** YAML shape. */
    static final class RawRequirement {
        public String key;
        public String operator;
        public List<String> values;
    }
}
