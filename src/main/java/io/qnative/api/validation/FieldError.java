package io.qnative.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * A validation finding with the field paths it concerns, after Knative's {@code apis.FieldError}
 * ({@code knative.dev/pkg/apis/field_error.go}): errors and warnings nest with {@link #also}, paths are
 * prefixed as they bubble up ({@code viaField}, {@code viaIndex}, {@code viaKey}), and {@link #error()} renders
 * the errors the way Knative's {@code Error()} does ({@code <message>: <paths>} plus {@code \n<details>},
 * merged and sorted).
 *
 * <p>Skeleton contract: the admission rules work completes this class (merging, sorting, via* helpers,
 * Knative's constructors such as {@code ErrMissingField}); callers rely only on {@link #error()} and
 * {@link #warnings()}.
 */
public final class FieldError {

    /** Severity, as Knative's {@code DiagnosticLevel}. */
    public enum Level {
        ERROR,
        WARNING
    }

    private final String message;
    private final List<String> paths;
    private final Level level;
    private final String details;
    private final List<FieldError> nested = new ArrayList<>();

    public FieldError(String message, List<String> paths, Level level, String details) {
        this.message = message;
        this.paths = List.copyOf(paths);
        this.level = level;
        this.details = details == null ? "" : details;
    }

    /** Adds more findings; returns this (or {@code other} when this is null-like). */
    public static FieldError also(FieldError first, FieldError other) {
        if (first == null) {
            return other;
        }
        if (other != null) {
            first.nested.add(other);
        }
        return first;
    }

    /** The errors rendered as Knative renders them, or {@code null} when there are none. */
    public String error() {
        List<String> lines = new ArrayList<>();
        collect(Level.ERROR, lines);
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** The warnings rendered one per entry. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        collect(Level.WARNING, lines);
        return lines;
    }

    private void collect(Level wanted, List<String> out) {
        if (message != null && !message.isEmpty() && level == wanted) {
            String line = paths.isEmpty() ? message : message + ": " + String.join(", ", paths);
            out.add(details.isEmpty() ? line : line + "\n" + details);
        }
        nested.forEach(n -> n.collect(wanted, out));
    }

    public String message() {
        return message;
    }

    public List<String> paths() {
        return paths;
    }

    public Level level() {
        return level;
    }

    public String details() {
        return details;
    }
}
