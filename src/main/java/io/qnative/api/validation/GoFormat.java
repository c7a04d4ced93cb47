package io.qnative.api.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

import io.qnative.config.GoValues;

/** Prints values as Go's {@code fmt} does with {@code %v} and {@code %q}, so messages match Knative's byte for byte. */
public final class GoFormat {

    private GoFormat() {
    }

    /** A Go string field read from a Java object: a missing (null) string is Go's zero value, {@code ""}. */
    public static String nz(String s) {
        return s == null ? "" : s;
    }

    /** {@code %v}: integers plainly, floats in Go's shortest form, durations as Go prints them, lists as {@code [a b]}. */
    public static String value(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Double d) {
            return floatValue(d);
        }
        if (value instanceof Float f) {
            return floatValue(f.doubleValue());
        }
        if (value instanceof Duration d) {
            return GoValues.formatDuration(d);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(GoFormat::value).collect(Collectors.joining(" ", "[", "]"));
        }
        return value.toString();
    }

    /** Go's {@code %v} of a float64: shortest representation, exponent form below 1e-4 and from 1e21. */
    public static String floatValue(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            BigDecimal unscaled = shortest.movePointLeft(exponent);
            String mantissa = unscaled.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa + "e" + sign + (abs < 10 ? "0" + abs : String.valueOf(abs));
        }
        return shortest.toPlainString();
    }

    /** Go's {@code %q} of a string (printable ASCII kept, quotes and backslashes escaped). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
