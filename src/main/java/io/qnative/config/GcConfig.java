package io.qnative.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code config-gc}: when old Revisions are collected (Knative's pkg/reconciler/gc/gc.go), Knative's keys and
 * defaults. The two
 * retention durations and {@code max-non-active-revisions} accept {@code disabled} (any case), modelled as an
 * empty optional; an empty value keeps the default.
 *
 * @param retainSinceCreateTime {@code retain-since-create-time}, empty when disabled
 * @param retainSinceLastActiveTime {@code retain-since-last-active-time}, empty when disabled
 * @param minNonActiveRevisions {@code min-non-active-revisions}
 * @param maxNonActiveRevisions {@code max-non-active-revisions}, empty when disabled
 */
public record GcConfig(
        Optional<Duration> retainSinceCreateTime,
        Optional<Duration> retainSinceLastActiveTime,
        long minNonActiveRevisions,
        OptionalLong maxNonActiveRevisions) {

    /** The ConfigMap name. */
    public static final String NAME = "config-gc";
    /** The value that switches a bound off. */
    public static final String DISABLED = "disabled";

    /** Knative's defaults: 48h, 15h, 20, 1000. */
    public static final GcConfig DEFAULT = new GcConfig(Optional.of(Duration.ofHours(48)),
            Optional.of(Duration.ofHours(15)), 20, OptionalLong.of(1000));

    /** True when max and both retentions are disabled: the collector has nothing to do. */
    public boolean isNoOp() {
        return maxNonActiveRevisions.isEmpty() && retainSinceCreateTime.isEmpty()
                && retainSinceLastActiveTime.isEmpty();
    }

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException with every invalid key
     */
    public static GcConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        GcConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static GcConfig read(MapReader r) {
        GcConfig d = DEFAULT;
        GcConfig c = new GcConfig(
                retention(r, "retain-since-create-time", d.retainSinceCreateTime),
                retention(r, "retain-since-last-active-time", d.retainSinceLastActiveTime),
                r.int64(d.minNonActiveRevisions, "min-non-active-revisions"),
                max(r, d.maxNonActiveRevisions));
        if (c.minNonActiveRevisions < 0) {
            r.problemAt("min-non-active-revisions", "must not be negative");
        } else if (c.maxNonActiveRevisions.isPresent()
                && c.minNonActiveRevisions > c.maxNonActiveRevisions.getAsLong()) {
            r.problemAt("min-non-active-revisions", "must not be greater than max-non-active-revisions ("
                    + c.maxNonActiveRevisions.getAsLong() + ")");
        }
        return c;
    }

    private static Optional<Duration> retention(MapReader r, String key, Optional<Duration> def) {
        return r.typed(def, v -> {
            if (v.isEmpty()) {
                return def;
            }
            if (DISABLED.equalsIgnoreCase(v)) {
                return Optional.empty();
            }
            Duration parsed = GoValues.parseDuration(v);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return Optional.of(parsed);
        }, key);
    }

    private static OptionalLong max(MapReader r, OptionalLong def) {
        return r.typed(def, v -> {
            if (v.isEmpty()) {
                return def;
            }
            if (DISABLED.equalsIgnoreCase(v)) {
                return OptionalLong.empty();
            }
            long parsed = GoValues.parseInt64(v);
            if (parsed < 0) {
                throw new IllegalArgumentException("must not be negative (or \"disabled\")");
            }
            return OptionalLong.of(parsed);
        }, "max-non-active-revisions");
    }
}
