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
 *
 * <p>Prefixes are recorded, not applied: {@link #viaField} adds one link to a chain that covers this error and every
 * nested one, and paths are flattened once, when they are read ({@link #paths()}, {@link #merged()}), with the same
 * result as flattening at each level (bench/README.md, "webhook.sh": rebuilding every nested finding at each
 * level was the largest cost of a review).
 */
public final class FieldError {

    /** Go's {@code apis.CurrentField}: the empty path segment, dropped when paths are flattened. */
    public static final String CURRENT_FIELD = "";

    private static final FieldError NONE = new FieldError("", List.of(), Level.ERROR, "", List.of(), null);

    /**
     * The prefixes recorded by {@link #viaField}, outermost (the last applied) first; they apply to this error's own
     * paths and to every nested error's.
     */
    private record Prefix(String[] segments, Prefix next) {
    }

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
    /** Prefixes not yet applied to {@link #paths} nor to the nested errors' paths; null when none. */
    private final Prefix prefix;
    /** {@link #isEmpty()}, computed once: the object is immutable and every rule asks it many times. */
    private final boolean empty;

    public FieldError(String message, List<String> paths, Level level, String details) {
        this(message, paths, level, details, List.of(), null);
    }

    private FieldError(String message, List<String> paths, Level level, String details, List<FieldError> errors,
            Prefix prefix) {
        this.prefix = prefix;
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
        return new FieldError(message, paths, level, newDetails, errors, prefix);
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
        if (prefix == null) {
            return new FieldError(message, paths, level, details, nested, null);
        }
        // this error's prefixes do not cover the added ones: apply them to its own paths, hand them to its nested
        // errors (one link each, nothing flattened) and keep the others as they are
        for (int i = 0; i < errors.size(); i++) {
            nested.set(i, errors.get(i).under(prefix));
        }
        return new FieldError(message, paths(), level, details, nested, null);
    }

    /** This error with {@code outer}'s prefixes applied after its own. */
    private FieldError under(Prefix outer) {
        return outer == null || isEmpty() ? this
                : new FieldError(message, paths, level, details, errors, chain(outer, prefix));
    }

    /** {@code outer}'s links followed by {@code inner}'s (copies {@code outer}'s, which are few). */
    private static Prefix chain(Prefix outer, Prefix inner) {
        return outer == null ? inner : new Prefix(outer.segments, chain(outer.next, inner));
    }

    /** Adds more findings to a possibly null first error; kept from the skeleton contract. */
    public static FieldError also(FieldError first, FieldError other) {
        return (first == null ? NONE : first).also(other);
    }

    /** Knative's {@code ViaField}: prefixes every path with the given segments. */
    public FieldError viaField(String... segments) {
        if (isEmpty()) {
            return NONE;
        }
        // recorded, applied when the paths are read
        return new FieldError(message, paths, level, details, errors, new Prefix(segments.clone(), prefix));
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
        return new FieldError(message, paths, newLevel, details, nested, prefix);
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
        return result.under(prefix);
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
        // Knative's Filter(ErrorLevel).Error(), in one pass over the findings: no filtered copy of the tree
        List<Merged> errs = merge(Level.ERROR);
        return errs.isEmpty() ? null : render(errs);
    }

    /** The warning-level findings, one rendered entry each (Knative's {@code WrappedErrors} of the warnings). */
    public List<String> warnings() {
        List<Merged> merged = merge(Level.WARNING);
        if (merged.isEmpty()) {
            return List.of();
        }
        String[] out = new String[merged.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = merged.get(i).render();
        }
        return List.of(out);
    }

    /** Knative's {@code Error()} over every finding regardless of level. */
    public String render() {
        return render(merge(null));
    }

    @Override
    public String toString() {
        return render();
    }

    private static String render(List<Merged> merged) {
        if (merged.size() == 1) {
            return merged.get(0).render();
        }
        StringBuilder b = new StringBuilder();
        for (Merged m : merged) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(m.render());
        }
        return b.toString();
    }

    /** The normalized leaf findings, merged by level/message/details, paths sorted, sorted by message then details. */
    public List<FieldError> merged() {
        List<Merged> merged = merge(null);
        List<FieldError> out = new ArrayList<>(merged.size());
        for (Merged m : merged) {
            out.add(new FieldError(m.first().message(), m.paths(), m.first().level(), m.first().details()));
        }
        return out;
    }

    /**
     * The leaf findings at {@code wanted} (null: all), merged under Knative's key {@code <level>-<message>-<details>}
     * (the first finding of a key and the paths of all), paths sorted, sorted by message then details.
     */
    private List<Merged> merge(Level wanted) {
        List<Leaf> flat = new ArrayList<>();
        normalize(flat, new ArrayList<>(), wanted);
        List<Merged> out = new ArrayList<>(flat.size());
        if (flat.size() <= SCANNED) {
            // few findings (a review has a handful): compare keys in place instead of building and hashing them
            for (Leaf e : flat) {
                Merged m = null;
                for (int i = 0; m == null && i < out.size(); i++) {
                    m = sameKey(out.get(i).first(), e) ? out.get(i) : null;
                }
                if (m == null) {
                    out.add(new Merged(e, new ArrayList<>(e.paths())));
                } else {
                    mergePaths(m.paths(), e.paths());
                }
            }
        } else {
            Map<String, Merged> byKey = new LinkedHashMap<>();
            for (Leaf e : flat) {
                String key = e.level() + "-" + e.message() + "-" + e.details();
                Merged m = byKey.get(key);
                if (m == null) {
                    byKey.put(key, new Merged(e, new ArrayList<>(e.paths())));
                } else {
                    mergePaths(m.paths(), e.paths());
                }
            }
            out.addAll(byKey.values());
        }
        for (Merged m : out) {
            if (m.paths().size() > 1) {
                m.paths().sort(Comparator.naturalOrder());
            }
        }
        if (out.size() > 1) {
            // Knative's merge: by message, then details, then level (errors before warnings)
            out.sort(Comparator.comparing((Merged m) -> m.first().message()).thenComparing(m -> m.first().details())
                    .thenComparing(m -> m.first().level()));
        }
        return out;
    }

    /**
     * Knative's {@code mergePaths}: adds each of {@code more} not already in {@code into}, so a path reported twice
     * under one key renders once (route_validation_test.go's "disallowed url set").
     */
    private static void mergePaths(List<String> into, List<String> more) {
        for (String p : more) {
            if (!into.contains(p)) {
                into.add(p);
            }
        }
    }

    /** Up to this many findings are merged by comparing keys pairwise, more through a map of built keys. */
    private static final int SCANNED = 16;

    /**
     * Whether two findings have equal keys {@code <level>-<message>-<details>}, compared as the strings would be
     * (a message and details that meet differently around a {@code -} can still make one key) without building them.
     */
    private static boolean sameKey(Leaf a, Leaf b) {
        if (a.level() != b.level()) {
            return false;
        }
        String am = a.message();
        String bm = b.message();
        if (am.equals(bm)) {
            return a.details().equals(b.details());
        }
        return am.length() + a.details().length() == bm.length() + b.details().length()
                && (am + "-" + a.details()).equals(bm + "-" + b.details());
    }

    /** One finding with its paths flattened. */
    private record Leaf(String message, List<String> paths, Level level, String details) {
    }

    /** The findings {@link #merge} merges under one key. */
    private record Merged(Leaf first, List<String> paths) {

        /** Knative's rendering of one entry: {@code <message>: <paths>} plus {@code \n<details>}. */
        String render() {
            String line = first.message() + ": " + String.join(", ", paths);
            return first.details().isEmpty() ? line : line + "\n" + first.details();
        }
    }

    /**
     * Collects the findings at {@code wanted} (null: all) with their paths flattened under {@code prefixes}
     * (outermost first) and their own.
     */
    private void normalize(List<Leaf> out, List<String[]> prefixes, Level wanted) {
        if (empty) {
            return;
        }
        int outer = prefixes.size();
        for (Prefix p = prefix; p != null; p = p.next) {
            prefixes.add(p.segments);
        }
        if (!message.isEmpty() && (wanted == null || level == wanted)) {
            out.add(new Leaf(message, applied(paths, prefixes), level, details));
        }
        for (FieldError e : errors) {
            e.normalize(out, prefixes, wanted);
        }
        prefixes.subList(outer, prefixes.size()).clear();
    }

    /** {@code paths} with {@code prefixes} (outermost first) applied as Knative's {@code ViaField} applies them. */
    private static List<String> applied(List<String> paths, List<String[]> prefixes) {
        if (prefixes.isEmpty()) {
            return paths;
        }
        List<String> out = new ArrayList<>(paths.size());
        StringBuilder b = new StringBuilder();
        for (String path : paths) {
            b.setLength(0);
            boolean plain = true;
            for (String[] segments : prefixes) {
                for (String s : segments) {
                    plain &= appendFlat(b, s);
                }
            }
            plain &= appendFlat(b, path);
            if (plain) {
                out.add(b.toString());
                continue;
            }
            // a segment such as "[a" glues differently once flattened: flatten level by level, innermost first, as
            // ViaField does
            String p = path;
            for (int i = prefixes.size() - 1; i >= 0; i--) {
                List<String> parts = new ArrayList<>(Arrays.asList(prefixes.get(i)));
                parts.add(p);
                p = flatten(parts);
            }
            out.add(p);
        }
        return out;
    }

    /** Knative's {@code flatten}: splits on dots, drops empty segments, glues {@code [i]} to the previous one. */
    static String flatten(List<String> path) {
        // one pass over the dot-separated segments, without split's arrays: the webhook flattens every path of
        // every finding once per enclosing field (bench/README.md, "webhook.sh")
        StringBuilder out = new StringBuilder();
        for (String part : path) {
            appendFlat(out, part);
        }
        return out.toString();
    }

    /**
     * Appends one part of a path as {@link #flatten} does; false when it has a segment starting with {@code [} that is
     * not an index (as {@code "[a"}): glued to a following index, such a segment becomes one once flattened, so a
     * path holding one flattens differently in one go than level by level.
     */
    private static boolean appendFlat(StringBuilder out, String part) {
        boolean plain = true;
        int start = 0;
        while (start <= part.length()) {
            int dot = part.indexOf('.', start);
            int end = dot < 0 ? part.length() : dot;
            if (end > start) {
                boolean open = part.charAt(start) == '[';
                boolean index = open && part.charAt(end - 1) == ']';
                plain &= index || !open;
                if (out.length() > 0 && !index) {
                    out.append('.');
                }
                out.append(part, start, end);
            }
            start = end + 1;
        }
        return plain;
    }

    public String message() {
        return message;
    }

    /** This error's own paths, its prefixes applied. */
    public List<String> paths() {
        if (prefix == null) {
            return paths;
        }
        List<String[]> prefixes = new ArrayList<>();
        for (Prefix p = prefix; p != null; p = p.next) {
            prefixes.add(p.segments);
        }
        return List.copyOf(applied(paths, prefixes));
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
