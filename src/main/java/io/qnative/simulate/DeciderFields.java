package io.qnative.simulate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.qnative.autoscaler.scaling.DeciderSpec;

/**
 * The decider's parameters as a trace gives them ({@code "decider": {...}}, names as Knative's
 * {@code scaling.DeciderSpec}, pkg/autoscaler/scaling/autoscaler.go, with durations in seconds) and as the output
 * reports them.
 */
final class DeciderFields {

    static final List<String> NAMES = List.of("scalingMetric", "targetValue", "totalValue", "targetBurstCapacity",
            "panicThreshold", "maxScaleUpRate", "maxScaleDownRate", "activatorCapacity", "stableWindowSeconds",
            "panicWindowSeconds", "scaleDownDelaySeconds", "activationScale", "initialScale", "reachable");

    private DeciderFields() {
    }

    /** The fields given in {@code n}, checked; the values are Double, Integer, Boolean or String. */
    static Map<String, Object> read(TraceFields outer, JsonNode n, String field) throws TraceException {
        if (!n.isObject()) {
            throw outer.problem(field, "must be an object of decider parameters (" + String.join(", ", NAMES) + ")");
        }
        TraceFields f = outer.in(field);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            Object v = switch (k) {
                case "scalingMetric" -> f.oneOf(n, k, java.util.Set.of("concurrency", "rps"));
                case "targetValue", "totalValue", "maxScaleUpRate", "maxScaleDownRate", "activatorCapacity",
                        "panicThreshold" -> positive(f, n, k);
                case "targetBurstCapacity" -> {
                    double d = f.number(n, k, 0, -1, 1e15);
                    if (d < 0 && d != -1) {
                        throw f.problem(k, d + " must be ≥ 0, or -1 for unlimited");
                    }
                    yield d;
                }
                case "stableWindowSeconds", "panicWindowSeconds" -> {
                    double d = f.number(n, k, 0, 0.001, 86_400);
                    yield d;
                }
                case "scaleDownDelaySeconds" -> f.number(n, k, 0, 0, 86_400);
                case "activationScale", "initialScale" -> (int) f.integer(n, k, 0, 0, Integer.MAX_VALUE);
                case "reachable" -> f.bool(n, k);
                default -> throw f.problem(k, "unknown decider parameter (known: " + String.join(", ", NAMES)
                        + ")");
            };
            out.put(k, v);
        }
        return out;
    }

    private static double positive(TraceFields f, JsonNode n, String k) throws TraceException {
        double d = f.number(n, k, 0, 0, 1e15);
        if (d <= 0) {
            throw f.problem(k, n.get(k) + " must be greater than 0");
        }
        return d;
    }

    /** {@code base} with the given fields replaced. */
    static DeciderSpec apply(DeciderSpec base, Map<String, Object> given) {
        if (given == null || given.isEmpty()) {
            return base;
        }
        return new DeciderSpec(
                (String) given.getOrDefault("scalingMetric", base.scalingMetric()),
                num(given, "targetValue", base.targetValue()),
                num(given, "totalValue", base.totalValue()),
                num(given, "targetBurstCapacity", base.targetBurstCapacity()),
                num(given, "panicThreshold", base.panicThreshold()),
                num(given, "maxScaleUpRate", base.maxScaleUpRate()),
                num(given, "maxScaleDownRate", base.maxScaleDownRate()),
                num(given, "activatorCapacity", base.activatorCapacity()),
                dur(given, "stableWindowSeconds", base.stableWindow()),
                dur(given, "panicWindowSeconds", base.panicWindow()),
                dur(given, "scaleDownDelaySeconds", base.scaleDownDelay()),
                (Integer) given.getOrDefault("activationScale", base.activationScale()),
                (Integer) given.getOrDefault("initialScale", base.initialScale()),
                (Boolean) given.getOrDefault("reachable", base.reachable()));
    }

    private static double num(Map<String, Object> m, String k, double d) {
        Object v = m.get(k);
        return v == null ? d : (Double) v;
    }

    private static Duration dur(Map<String, Object> m, String k, Duration d) {
        Object v = m.get(k);
        return v == null ? d : Duration.ofNanos(Math.round((Double) v * 1e9));
    }

    /** The output form: every parameter, durations in seconds. */
    static Map<String, Object> toJson(DeciderSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scalingMetric", s.scalingMetric());
        m.put("targetValue", Json.num(s.targetValue()));
        m.put("totalValue", Json.num(s.totalValue()));
        m.put("targetBurstCapacity", Json.num(s.targetBurstCapacity()));
        m.put("panicThreshold", Json.num(s.panicThreshold()));
        m.put("maxScaleUpRate", Json.num(s.maxScaleUpRate()));
        m.put("maxScaleDownRate", Json.num(s.maxScaleDownRate()));
        m.put("activatorCapacity", Json.num(s.activatorCapacity()));
        m.put("stableWindowSeconds", seconds(s.stableWindow()));
        m.put("panicWindowSeconds", seconds(s.panicWindow()));
        m.put("scaleDownDelaySeconds", seconds(s.scaleDownDelay()));
        m.put("activationScale", s.activationScale());
        m.put("initialScale", s.initialScale());
        m.put("reachable", s.reachable());
        return m;
    }

    /** A duration in seconds: a whole number when it is one, else a decimal. */
    static Number seconds(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds();
        }
        return new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros();
    }
}
