package io.qnative.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.autoscaler.scaling.Reachability;

/**
 * Reads a trace from JSON or CSV (docs/simulate.md gives both formats). Every problem names the file, the line (CSV,
 * JSON syntax) or the sample index (JSON), and the field.
 */
public final class TraceReader {

    /** The replay's metric read errors. */
    static final Set<String> METRICS_ERRORS = Set.of("no_data", "other");
    /** The replay's pod count errors. */
    static final Set<String> POD_ERRORS = Set.of("not_found", "other");
    private static final Set<String> TOP_FIELDS = Set.of("annotations", "config", "containerConcurrency",
            "reachability", "podStartSeconds", "initialReadyPods", "tickSeconds", "decider", "createdAt",
            "readyPodsAtCreation", "samples");
    private static final Set<String> SAMPLE_FIELDS = Set.of("t", "concurrency", "rps", "readyPods",
            "readyPodsError", "observed", "metricsError", "decider");
    /** The longest load trace simulated, second by second. */
    static final long MAX_LOAD_SECONDS = 7 * 24 * 3600;
    private static final List<String> CSV_COLUMNS = List.of("t", "concurrency", "rps", "readyPods");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * What the command line adds to, or overrides in, the trace (the only source of these settings for CSV).
     *
     * @param annotations {@code --annotation k=v}; a key without {@code /} gets {@code autoscaling.knative.dev/}
     * @param config {@code --config k=v}
     * @param containerConcurrency {@code --container-concurrency}, null when not given
     * @param reachability {@code --reachability}, null when not given
     * @param podStartSeconds {@code --pod-start-seconds}, null when not given
     * @param initialReadyPods {@code --initial-ready-pods}, null when not given
     * @param tickSeconds {@code --tick-seconds}, null when not given
     */
    public record Overrides(Map<String, String> annotations, Map<String, String> config, Long containerConcurrency,
            String reachability, Double podStartSeconds, Integer initialReadyPods, Integer tickSeconds) {

        /** Nothing overridden. */
        public static final Overrides NONE = new Overrides(Map.of(), Map.of(), null, null, null, null, null);
    }

    private TraceReader() {
    }

    /** Reads a JSON trace. */
    public static Trace json(String source, Reader in, Overrides o) throws TraceException, IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String at = l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
            throw new TraceException(source + at + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TraceException(source + ": a trace is a JSON object with \"samples\"");
        }
        TraceFields f = new TraceFields(source, "");
        unknown(f, root, TOP_FIELDS);
        Map<String, String> annotations = annotations(strings(f, root, "annotations"));
        annotations.putAll(annotations(o.annotations()));
        Map<String, String> config = strings(f, root, "config");
        config.putAll(o.config());
        long cc = o.containerConcurrency() != null ? o.containerConcurrency()
                : f.integer(root, "containerConcurrency", 0, 0, Integer.MAX_VALUE);
        Reachability reachability = reachability(f, "reachability",
                o.reachability() != null ? o.reachability() : f.text(root, "reachability", "reachable"));
        double podStart = o.podStartSeconds() != null ? o.podStartSeconds()
                : f.number(root, "podStartSeconds", 0, 0, 86_400);
        int initialReady = o.initialReadyPods() != null ? o.initialReadyPods()
                : (int) f.integer(root, "initialReadyPods", 0, 0, 100_000);
        int tick = o.tickSeconds() != null ? o.tickSeconds() : (int) f.integer(root, "tickSeconds", 2, 1, 3600);
        Map<String, Object> decider = root.has("decider") ? DeciderFields.read(f, root.get("decider"), "decider")
                : Map.of();
        Double createdAt = root.has("createdAt") ? f.number(root, "createdAt", 0, -1e12, 1e12) : null;
        Integer atCreation = null;
        JsonNode arc = root.get("readyPodsAtCreation");
        if (arc != null && !arc.isNull()) {
            if (arc.isTextual() && "error".equals(arc.asText())) {
                atCreation = -1;
            } else {
                atCreation = (int) f.integer(root, "readyPodsAtCreation", 0, 0, 100_000);
            }
        }
        JsonNode samplesNode = root.get("samples");
        if (samplesNode == null || !samplesNode.isArray() || samplesNode.isEmpty()) {
            throw new TraceException(source + ": field \"samples\": must be a non-empty array of samples");
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < samplesNode.size(); i++) {
            samples.add(sample(source, i, samplesNode.get(i)));
        }
        return check(new Trace(source, annotations, config, cc, reachability, podStart, initialReady, tick,
                decider, createdAt, atCreation, List.copyOf(samples)));
    }

    private static Sample sample(String source, int i, JsonNode n) throws TraceException {
        TraceFields f = new TraceFields(source, "sample " + i + ": ");
        if (!n.isObject()) {
            throw new TraceException(source + ": sample " + i + ": must be an object with \"t\"");
        }
        unknown(f, n, SAMPLE_FIELDS);
        if (!n.has("t")) {
            throw f.problem("t", "is missing (seconds since the trace's start)");
        }
        double t = f.number(n, "t", 0, -1e12, 1e12);
        double c = f.number(n, "concurrency", 0, 0, 1e12);
        double rps = f.number(n, "rps", 0, 0, 1e12);
        Integer ready = n.has("readyPods") ? (int) f.integer(n, "readyPods", 0, 0, 100_000) : null;
        String readyError = n.has("readyPodsError") ? f.oneOf(n, "readyPodsError", POD_ERRORS) : null;
        if (ready != null && readyError != null) {
            throw f.problem("readyPodsError", "cannot be given with \"readyPods\"");
        }
        Sample.Observed observed = n.has("observed") ? observed(f, n.get("observed")) : null;
        String metricsError = n.has("metricsError") ? f.oneOf(n, "metricsError", METRICS_ERRORS) : null;
        if (observed != null && metricsError != null) {
            throw f.problem("metricsError", "cannot be given with \"observed\"");
        }
        if ((observed != null || metricsError != null) && (n.has("concurrency") || n.has("rps"))) {
            throw f.problem(n.has("concurrency") ? "concurrency" : "rps",
                    "a replayed sample (\"observed\" or \"metricsError\") carries no load");
        }
        Map<String, Object> decider = n.has("decider") ? DeciderFields.read(f, n.get("decider"), "decider") : null;
        return new Sample(i, 0, t, c, rps, ready, readyError, observed, metricsError, decider);
    }

    private static Sample.Observed observed(TraceFields f, JsonNode n) throws TraceException {
        if (!n.isObject()) {
            throw f.problem("observed", "must be an object with \"concurrency\" and/or \"rps\"");
        }
        Sample.Pair c = null;
        Sample.Pair r = null;
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if ("concurrency".equals(k)) {
                c = pair(f, n.get(k), "observed.concurrency");
            } else if ("rps".equals(k)) {
                r = pair(f, n.get(k), "observed.rps");
            } else {
                throw f.problem("observed." + k, "unknown field (expected \"concurrency\" or \"rps\")");
            }
        }
        if (c == null && r == null) {
            throw f.problem("observed", "must have \"concurrency\" or \"rps\"");
        }
        return new Sample.Observed(c, r);
    }

    private static Sample.Pair pair(TraceFields f, JsonNode n, String field) throws TraceException {
        if (!n.isObject() || !n.has("stable") || !n.has("panic")) {
            throw f.problem(field, "must be an object {\"stable\": number, \"panic\": number}");
        }
        TraceFields inner = f.in(field);
        unknown(inner, n, Set.of("stable", "panic"));
        return new Sample.Pair(inner.number(n, "stable", 0, 0, 1e15), inner.number(n, "panic", 0, 0, 1e15));
    }

    /**
     * Reads a CSV trace: a header naming some of {@code t,concurrency,rps,readyPods} ({@code t} required), then one
     * sample per line; {@code #} starts a comment line, an empty cell means absent.
     */
    public static Trace csv(String source, Reader in, Overrides o) throws TraceException, IOException {
        BufferedReader r = new BufferedReader(in);
        List<String> header = null;
        List<Sample> samples = new ArrayList<>();
        String text;
        int line = 0;
        while ((text = r.readLine()) != null) {
            line++;
            String l = text.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(l.split(",", -1)).stream().map(String::strip).toList();
            if (header == null) {
                header = header(source, line, cells);
                continue;
            }
            samples.add(csvSample(source, line, samples.size(), header, cells));
        }
        if (header == null) {
            throw new TraceException(source + ": empty; a CSV trace starts with a header such as "
                    + String.join(",", CSV_COLUMNS));
        }
        if (samples.isEmpty()) {
            throw new TraceException(source + ": no samples after the header");
        }
        TraceFields f = new TraceFields(source, "");
        Reachability reachability = reachability(f, "--reachability",
                o.reachability() == null ? "reachable" : o.reachability());
        return check(new Trace(source, annotations(o.annotations()), new LinkedHashMap<>(o.config()),
                o.containerConcurrency() == null ? 0 : o.containerConcurrency(), reachability,
                o.podStartSeconds() == null ? 0 : o.podStartSeconds(),
                o.initialReadyPods() == null ? 0 : o.initialReadyPods(),
                o.tickSeconds() == null ? 2 : o.tickSeconds(), Map.of(), null, null, List.copyOf(samples)));
    }

    private static List<String> header(String source, int line, List<String> cells) throws TraceException {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (!CSV_COLUMNS.contains(c)) {
                throw new TraceException(source + ":" + line + ": column " + (i + 1) + " of the header: \"" + c
                        + "\" is not one of " + String.join(",", CSV_COLUMNS));
            }
            if (cells.indexOf(c) != i) {
                throw new TraceException(source + ":" + line + ": column \"" + c + "\" appears twice in the header");
            }
        }
        if (!cells.contains("t")) {
            throw new TraceException(source + ":" + line + ": the header has no \"t\" column (seconds)");
        }
        return cells;
    }

    private static Sample csvSample(String source, int line, int index, List<String> header, List<String> cells)
            throws TraceException {
        if (cells.size() != header.size()) {
            throw new TraceException(source + ":" + line + ": " + cells.size() + " cells, the header has "
                    + header.size());
        }
        double t = 0;
        double c = 0;
        double rps = 0;
        Integer ready = null;
        for (int i = 0; i < cells.size(); i++) {
            String col = header.get(i);
            String v = cells.get(i);
            if (v.isEmpty()) {
                if ("t".equals(col)) {
                    throw new TraceException(source + ":" + line + ": column \"t\": is empty");
                }
                continue;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new TraceException(source + ":" + line + ": column \"" + col + "\": \"" + v
                        + "\" is not a number");
            }
            if (!Double.isFinite(d) || ("t".equals(col) ? false : d < 0)) {
                throw new TraceException(source + ":" + line + ": column \"" + col + "\": " + v
                        + " must be a finite number" + ("t".equals(col) ? "" : " ≥ 0"));
            }
            switch (col) {
                case "t" -> t = d;
                case "concurrency" -> c = d;
                case "rps" -> rps = d;
                default -> {
                    if (d != Math.rint(d) || d > 100_000) {
                        throw new TraceException(source + ":" + line + ": column \"readyPods\": " + v
                                + " must be a whole number of pods");
                    }
                    ready = (int) d;
                }
            }
        }
        return new Sample(index, line, t, c, rps, ready, null, null, null, null);
    }

    /** Checks what spans samples: time order, whole seconds for load, one kind of sample. */
    private static Trace check(Trace trace) throws TraceException {
        List<Sample> s = trace.samples();
        boolean replay = s.get(0).replay();
        for (int i = 0; i < s.size(); i++) {
            Sample x = s.get(i);
            String at = trace.source() + ": " + x.where() + ": ";
            if (x.replay() != replay) {
                throw new TraceException(at + (replay
                        ? "needs \"observed\" or \"metricsError\": the trace replays recorded decisions ("
                                + s.get(0).where() + " has one)"
                        : "has \"observed\"/\"metricsError\", but " + s.get(0).where()
                                + " is a load sample; a trace is either load or a replay"));
            }
            if (replay && x.readyPods() == null && x.readyPodsError() == null) {
                throw new TraceException(at + "field \"readyPods\": a replayed sample needs \"readyPods\" or "
                        + "\"readyPodsError\"");
            }
            if (!replay && x.t() != Math.rint(x.t())) {
                throw new TraceException(at + "field \"t\": " + x.t()
                        + " is not a whole second; load samples are per second");
            }
            if (i > 0) {
                double prev = s.get(i - 1).t();
                if (replay ? x.t() < prev : x.t() <= prev) {
                    throw new TraceException(at + "field \"t\": " + fmt(x.t()) + " comes after "
                            + fmt(prev) + (replay ? "; samples are in time order" : "; load samples are in "
                                    + "increasing time order"));
                }
            }
        }
        double first = trace.createdAt() != null ? trace.createdAt() : s.get(0).t();
        double span = s.get(s.size() - 1).t() - first;
        if (!replay && span > MAX_LOAD_SECONDS) {
            throw new TraceException(trace.source() + ": " + s.get(s.size() - 1).where() + ": field \"t\": the load "
                    + "spans " + fmt(span) + " s; at most " + MAX_LOAD_SECONDS + " s (a week) are simulated");
        }
        if (trace.createdAt() != null && trace.createdAt() > s.get(0).t()) {
            throw new TraceException(trace.source() + ": field \"createdAt\": " + fmt(trace.createdAt())
                    + " is after the first sample's t " + fmt(s.get(0).t()));
        }
        return trace;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Annotation keys in full: a key without {@code /} is an {@code autoscaling.knative.dev/} one. */
    static Map<String, String> annotations(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((k, v) -> out.put(k.contains("/") ? k : AutoscalingKeys.PREFIX + k, v));
        return out;
    }

    static Reachability reachability(TraceFields f, String field, String value) throws TraceException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "reachable" -> Reachability.REACHABLE;
            case "unreachable" -> Reachability.UNREACHABLE;
            case "unknown", "" -> Reachability.UNKNOWN;
            default -> throw f.problem(field, "\"" + value + "\" is not reachable, unreachable or unknown");
        };
    }

    private static void unknown(TraceFields f, JsonNode n, Set<String> known) throws TraceException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                throw f.problem(k, "unknown field (known: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
            }
        }
    }

    /** A string map: values are strings, numbers or booleans (written as text). */
    private static Map<String, String> strings(TraceFields f, JsonNode root, String field) throws TraceException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw f.problem(field, "must be an object of key: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw f.problem(field + "." + e.getKey(), "must be a string, number or boolean");
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }
}
