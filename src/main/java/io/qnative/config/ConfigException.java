package io.qnative.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code config-*} ConfigMap that cannot be used: carries every problem found in it, not just the first, so
 * one log line, Event or readiness report tells the operator everything to fix.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /** @param problems at least one problem */
    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One invalid value.
     *
     * @param configMap the ConfigMap name, e.g. {@code config-autoscaler}
     * @param key the offending key (for a cross-key rule, the key that has to change)
     * @param value the value as written in the ConfigMap
     * @param reason why it is refused, e.g. {@code must be greater than 1}
     */
    public record Problem(String configMap, String key, String value, String reason) {

        /** Renders as {@code config-autoscaler: "max-scale-down-rate" = "0.5": must be greater than 1}. */
        @Override
        public String toString() {
            return configMap + ": " + describe();
        }

        /** The problem without the ConfigMap name, on one line: {@code "key" = "value": reason}. */
        public String describe() {
            String oneLine = value.strip().replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
            return "\"" + key + "\" = \"" + oneLine + "\": " + reason;
        }
    }
}
