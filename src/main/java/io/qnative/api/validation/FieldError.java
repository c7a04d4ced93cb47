package io.qnative.api.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validation finding with the field paths it concerns, a faithful port of Knative's {@code apis.FieldError}
 * ({@code knative.dev/pkg/apis/field_error.go}): errors and warnings nest with {@link #also}, paths are prefixed
 * as they bubble up ({@link #viaField}, {@link #viaIndex}, {@link #viaKey}), and {@link #error()} renders the
 * errors the way Knative's {@code Error()} does ({@code <message>: <paths>} plus {@code \n<details>}, entries with
 * the same level, message and details merged, paths and entries sorted).
 *
 * <p>Go calls methods on a nil {@code *FieldError}; here the empty error ({@link #none()}) plays that part: every
 * method accepts null arguments, and {@link #orNull()} turns an empty result back into {@code null} for
 * {@link Validatable#validate}. Instances are immutable.
 */
public final class FieldError {

    /** Go's {@code apis.CurrentField}: the empty path segment, dropped when paths are flattened. */
    public static final String CURRENT_FIELD = "";

    private static final FieldError NONE = new FieldError("", List.of(), Level.ERROR, "", List.of());

    /** Severity, as Knative's {@code DiagnosticLevel}. */
    public enum Level {
        ERROR,
        WARNING
    }

    private final String message;
    private final List<String> paths;
    private final Level level;
    private final String details;
    private final List<FieldError> errors;
    /** {@link #isEmpty()}, computed once: the object is immutable and every rule asks it many times. */
    private final boolean empty;

    public FieldError(String message, List<String> paths, Level level, String details) {
        this(message, paths, level, details, List.of());
    }

    private FieldError(String message, List<String> paths, Level level, String details, List<FieldError> errors) {
        this.message = message == null ? "" : message;
        this.paths = List.copyOf(paths);
        this.level = level == null ? Level.ERROR : level;
        this.details = details == null ? "" : details;
        this.errors = List.copyOf(errors);
        boolean none = this.message.isEmpty();
        for (int i = 0; none && i < this.errors.size(); i++) {
            none = this.errors.get(i).empty;
        }
        this.empty = none;
    }

    // ---- constructors (Knative's Err* functions) ----

    /** The empty error, Go's nil {@code *FieldError}. */
    public static FieldError none() {
        return NONE;
    }

    /** {@code ErrGeneric}: an arbitrary message at the given paths. */
    public static FieldError generic(String message, String... paths) {
        return new FieldError(message, Arrays.asList(paths), Level.ERROR, "");
    }

    /** {@code ErrMissingField}: {@code missing field(s)}. */
    public static FieldError missingField(String... paths) {
        return generic("missing field(s)", paths);
    }

    /** {@code ErrDisallowedFields}: {@code must not set the field(s)}. */
    public static FieldError disallowedFields(String... paths) {
        return generic("must not set the field(s)", paths);
    }

    /** {@code ErrDisallowedUpdateDeprecatedFields}: {@code must not update deprecated field(s)}. */
    public static FieldError disallowedUpdateDeprecatedFields(String... paths) {
        return generic("must not update deprecated field(s)", paths);
    }

    /** {@code ErrInvalidValue}: {@code invalid value: <value>}, details joined with {@code ", "}. */
    public static FieldError invalidValue(Object value, String path, String... details) {
        return new FieldError("invalid value: " + GoFormat.value(value), List.of(path), Level.ERROR,
                String.join(", ", details));
    }

    /** {@code ErrInvalidArrayValue}: an invalid value at {@code field[index]}. */
    public static FieldError invalidArrayValue(Object value, String field, int index) {
        return invalidValue(value, CURRENT_FIELD).viaFieldIndex(field, index);
    }

    /** {@code ErrOutOfBoundsValue}: {@code expected <lower> <= <value> <= <upper>}. */
    public static FieldError outOfBoundsValue(Object value, Object lower, Object upper, String path) {
        return generic("expected " + GoFormat.value(lower) + " <= " + GoFormat.value(value) + " <= "
                + GoFormat.value(upper), path);
    }

    /** {@code ErrMissingOneOf}: {@code expected exactly one, got neither}. */
    public static FieldError missingOneOf(String... paths) {
        return generic("expected exactly one, got neither", paths);
    }

    /** {@code ErrMultipleOneOf}: {@code expected exactly one, got both}. */
    public static FieldError multipleOneOf(String... paths) {
        return generic("expected exactly one, got both", paths);
    }

    /** {@code ErrInvalidKeyName}: {@code invalid key name "<key>"}, details joined with {@code ", "}. */
    public static FieldError invalidKeyName(String key, String path, String... details) {
        return new FieldError("invalid key name " + GoFormat.quote(key), List.of(path), Level.ERROR,
                String.join(", ", details));
    }

    /** A copy with other details. */
    public FieldError withDetails(String newDetails) {
        return new FieldError(message, paths, level, newDetails, errors);
    }

    // ---- composition ----

    /** Knative's {@code Also}: this plus the others (nulls and empties ignored). */
    public FieldError also(FieldError... others) {
        return also(Arrays.asList(others));
    }

    /** {@link #also(FieldError...)} over a collection. */
    public FieldError also(Collection<FieldError> others) {
        List<FieldError> nested = null;
        for (FieldError e : others) {
            if (e == null || e.isEmpty()) {
                continue;
            }
            if (nested == null) {
                nested = new ArrayList<>(errors.size() + others.size());
                nested.addAll(errors);
            }
            nested.add(e);
        }
        if (nested == null) {
            // nothing to add, the common case of a passing rule: this (immutable) as it is
            return isEmpty() ? NONE : this;
        }
        return new FieldError(message, paths, level, details, nested);
    }

    /** Adds more findings to a possibly null first error; kept from the skeleton contract. */
    public static FieldError also(FieldError first, FieldError other) {
        return (first == null ? NONE : first).also(other);
    }

    /** Knative's {@code ViaField}: prefixes every path with the given segments. */
    public FieldError viaField(String... prefix) {
        if (isEmpty()) {
            return NONE;
        }
        List<String> newPaths = new ArrayList<>(paths.size());
        List<String> parts = new ArrayList<>(Arrays.asList(prefix));
        parts.add("");
        for (String old : paths) {
            parts.set(prefix.length, old);
            newPaths.add(flatten(parts));
        }
        List<FieldError> nested = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            nested.add(e.viaField(prefix));
        }
        return new FieldError(message, newPaths, level, details, nested);
    }

    /** Knative's {@code ViaIndex}: prefixes with {@code [index]}. */
    public FieldError viaIndex(int index) {
        return viaField("[" + index + "]");
    }

    /** Knative's {@code ViaFieldIndex}: prefixes with {@code field[index]}. */
    public FieldError viaFieldIndex(String field, int index) {
        return viaIndex(index).viaField(field);
    }

    /** Knative's {@code ViaKey}: prefixes with {@code [key]}. */
    public FieldError viaKey(String key) {
        return viaField("[" + key + "]");
    }

    /** Knative's {@code ViaFieldKey}: prefixes with {@code field[key]}. */
    public FieldError viaFieldKey(String field, String key) {
        return viaKey(key).viaField(field);
    }

    /** Knative's {@code At}: this error and every nested one at the given level. */
    public FieldError at(Level newLevel) {
        if (isEmpty()) {
            return NONE;
        }
        List<FieldError> nested = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            nested.add(e.at(newLevel));
        }
        return new FieldError(message, paths, newLevel, details, nested);
    }

    /** Knative's {@code Filter}: only the findings at the given level (empty if none). */
    public FieldError filter(Level wanted) {
        if (isEmpty()) {
            return NONE;
        }
        FieldError result = level == wanted ? new FieldError(message, paths, level, details) : NONE;
        for (FieldError e : errors) {
            result = result.also(e.filter(wanted));
        }
        return result;
    }

    /** True when there is no finding at all (Go's nil). */
    public boolean isEmpty() {
        return empty;
    }

    /** {@code null} when empty, else this. */
    public FieldError orNull() {
        return isEmpty() ? null : this;
    }

    // ---- rendering ----

    /** The error-level findings rendered as Knative's {@code Error()} renders them, or {@code null} if none. */
    public String error() {
        FieldError errs = filter(Level.ERROR);
        return errs.isEmpty() ? null : errs.render();
    }

    /** The warning-level findings, one rendered entry each (Knative's {@code WrappedErrors} of the warnings). */
    public List<String> warnings() {
        return filter(Level.WARNING).merged().stream().map(FieldError::renderEntry).toList();
    }

    /** Knative's {@code Error()} over every finding regardless of level. */
    public String render() {
        return String.join("\n", merged().stream().map(FieldError::renderEntry).toList());
    }

    @Override
    public String toString() {
        return render();
    }

    private static String renderEntry(FieldError e) {
        String line = e.message + ": " + String.join(", ", e.paths);
        return e.details.isEmpty() ? line : line + "\n" + e.details;
    }

    /** The normalized leaf findings, merged by level/message/details, paths sorted, sorted by message then details. */
    public List<FieldError> merged() {
        List<FieldError> flat = new ArrayList<>();
        normalize(flat);
        Map<String, List<String>> pathsByKey = new LinkedHashMap<>();
        Map<String, FieldError> first = new LinkedHashMap<>();
        for (FieldError e : flat) {
            String key = e.level + "-" + e.message + "-" + e.details;
            first.putIfAbsent(key, e);
            pathsByKey.computeIfAbsent(key, k -> new ArrayList<>()).addAll(e.paths);
        }
        List<FieldError> out = new ArrayList<>();
        first.forEach((key, e) -> {
            List<String> p = new ArrayList<>(pathsByKey.get(key));
            p.sort(Comparator.naturalOrder());
            out.add(new FieldError(e.message, p, e.level, e.details));
        });
        out.sort(Comparator.comparing((FieldError e) -> e.message).thenComparing(e -> e.details));
        return out;
    }

    private void normalize(List<FieldError> out) {
        if (!message.isEmpty()) {
            out.add(new FieldError(message, paths, level, details));
        }
        errors.forEach(e -> e.normalize(out));
    }

    /** Knative's {@code flatten}: splits on dots, drops empty segments, glues {@code [i]} to the previous one. */
    static String flatten(List<String> path) {
        // one pass over the dot-separated segments, without split's arrays: the webhook flattens every path of
        // every finding once per enclosing field (bench/README.md, "webhook.sh")
        StringBuilder out = new StringBuilder();
        for (String part : path) {
            int start = 0;
            while (start <= part.length()) {
                int dot = part.indexOf('.', start);
                int end = dot < 0 ? part.length() : dot;
                if (end > start) {
                    boolean index = part.charAt(start) == '[' && part.charAt(end - 1) == ']';
                    if (out.length() > 0 && !index) {
                        out.append('.');
                    }
                    out.append(part, start, end);
                }
                start = end + 1;
            }
        }
        return out.toString();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldError that && render().equals(that.render()) && Objects.equals(
                filter(Level.WARNING).render(), that.filter(Level.WARNING).render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }
}
