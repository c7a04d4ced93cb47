package io.qnative.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The result's JSON: {@code {"resolved": {...}, "records": [...]}}, one record per line. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.CLOSE_CLOSEABLE);

    private Json() {
    }

    /** A number as JSON shows it best: whole values without {@code .0}; NaN and infinities as null. */
    static Object num(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d;
        }
        return d;
    }

    /** The simulation as a JSON tree of maps and lists. */
    static Map<String, Object> tree(Simulation sim) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("resolved", sim.resolved());
        List<Object> records = new ArrayList<>();
        for (Simulation.Record r : sim.records()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", num(r.t()));
            m.put("observed", r.observed());
            m.put("stable", r.stable() == null ? null : num(r.stable()));
            m.put("panic", r.panic() == null ? null : num(r.panic()));
            m.put("valid", r.valid());
            m.put("deciderPods", r.deciderPods());
            m.put("desiredPods", r.desiredPods());
            m.put("readyPods", r.readyPods());
            m.put("panicMode", r.panicMode());
            m.put("excessBurstCapacity", r.excessBurstCapacity());
            records.add(m);
        }
        root.put("records", records);
        return root;
    }

    /** Writes the simulation: the resolved parameters indented, each record on one line. */
    static void write(Simulation sim, OutputStream out) throws IOException {
        Map<String, Object> tree = tree(sim);
        StringBuilder b = new StringBuilder("{\n  \"resolved\": ");
        value(b, tree.get("resolved"), "  ");
        b.append(",\n  \"records\": [");
        List<?> records = (List<?>) tree.get("records");
        for (int i = 0; i < records.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ");
            value(b, records.get(i), null);
        }
        b.append(records.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Appends {@code v}; maps are indented under {@code indent}, or on one line when it is null. */
    private static void value(StringBuilder b, Object v, String indent) throws IOException {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            String inner = indent == null ? null : indent + "  ";
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                if (inner != null) {
                    b.append('\n').append(inner);
                }
                b.append(MAPPER.writeValueAsString(String.valueOf(e.getKey()))).append(inner == null ? ":" : ": ");
                value(b, e.getValue(), inner);
            }
            if (indent != null) {
                b.append('\n').append(indent);
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ");
                value(b, l.get(i), null);
            }
            b.append(']');
        } else {
            b.append(MAPPER.writeValueAsString(v));
        }
    }
}
