package io.qnative.testing.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples of a Prometheus text exposition (the API server's {@code /metrics}, qnative's {@code /q/metrics}) and the
 * counts the scale bench reports from them: requests by verb and resource, and qnative's per-controller series.
 */
final class PromText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PromText() {
    }

    /** Every sample of {@code name} in {@code text} (comments and other metrics skipped, unparsable lines too). */
    static List<Sample> samples(String text, String name) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int valueStart = name.length();
            if (next == '{') {
                int close = line.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                Matcher m = LABEL.matcher(line.substring(name.length() + 1, close));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
                valueStart = close + 1;
            }
            String[] rest = line.substring(valueStart).trim().split("\\s+");
            try {
                out.add(new Sample(name, labels, Double.parseDouble(rest[0])));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return out;
    }

    /** Sums the samples of {@code name} by the key {@code key} makes of their labels. */
    static Map<String, Double> sumBy(String text, String name, Function<Map<String, String>, String> key) {
        Map<String, Double> out = new HashMap<>();
        for (Sample s : samples(text, name)) {
            out.merge(key.apply(s.labels()), s.value(), Double::sum);
        }
        return out;
    }

    /**
     * The API server's {@code apiserver_request_total} by {@code VERB resource[/subresource]} (group omitted) with
     * the 409 answers counted apart: {@code VERB resource 409}. WATCH and the long-running verbs count connections.
     */
    static Map<String, Double> apiRequests(String metrics) {
        return sumBy(metrics, "apiserver_request_total", l -> {
            String sub = l.getOrDefault("subresource", "");
            String what = l.getOrDefault("verb", "?") + " " + l.getOrDefault("resource", "?")
                    + (sub.isEmpty() ? "" : "/" + sub);
            return "409".equals(l.get("code")) ? what + " 409" : what;
        });
    }

    /** {@code after − before} per key (keys missing before count from zero), zero differences dropped. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new HashMap<>();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** The {@code n} largest entries as {@code key count} lines, largest first, ties by key. */
    static List<String> top(Map<String, Double> counts, int n) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : entries.subList(0, Math.min(n, entries.size()))) {
            out.add(String.format(Locale.ROOT, "%,.0f %s", e.getValue(), e.getKey()));
        }
        return out;
    }
}
