package io.qnative.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Parses ConfigMap values the way Go's {@code strconv} and {@code time.ParseDuration} do, so a ConfigMap that
 * Knative accepts is accepted here and vice versa. Pure functions; every failure is an
 * {@link IllegalArgumentException} whose message reads as the reason part of a {@link ConfigException.Problem}.
 */
public final class GoValues {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_INT = Pattern.compile("[+-]?\\d+");

    private GoValues() {
    }

    /**
     * A Go boolean: {@code 1 t T true TRUE True} or {@code 0 f F false FALSE False}.
     *
     * @throws IllegalArgumentException for anything else (including surrounding blanks)
     */
    public static boolean parseBool(String value) {
        switch (value) {
            case "1", "t", "T", "true", "TRUE", "True":
                return true;
            case "0", "f", "F", "false", "FALSE", "False":
                return false;
            default:
                throw new IllegalArgumentException("must be a boolean (true or false)");
        }
    }

    /** A base-10 signed 32-bit integer, as {@code strconv.ParseInt(s, 10, 32)}. */
    public static int parseInt32(String value) {
        long parsed = parseInteger(value);
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a 32-bit integer");
        }
        return (int) parsed;
    }

    /** A base-10 signed 64-bit integer, as {@code strconv.ParseInt(s, 10, 64)}. */
    public static long parseInt64(String value) {
        return parseInteger(value);
    }

    private static long parseInteger(String value) {
        if (!DECIMAL_INT.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an integer");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a 64-bit integer", e);
        }
    }

    /**
     * A finite decimal number ({@code 70}, {@code 0.7}, {@code 1e2}). Go would also accept {@code NaN} and
     * {@code Inf}; those slip past every range check, so they are refused here.
     */
    public static double parseFloat(String value) {
        if (!DECIMAL_FLOAT.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a number");
        }
        double parsed = Double.parseDouble(value);
        if (Double.isInfinite(parsed)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        return parsed;
    }

    /**
     * A Go duration: one or more {@code <decimal><unit>} with unit {@code ns us µs ms s m h}, optionally signed
     * ({@code 60s}, {@code 1m30s}, {@code 1.5h}, {@code -2s}); the bare string {@code 0} is zero.
     */
    public static Duration parseDuration(String value) {
        String s = value;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if ("0".equals(s)) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalidDuration();
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || ".".equals(number) || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalidDuration();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = unitNanos(s.substring(unitStart, i));
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(unitNanos)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalidDuration();
        }
        Duration parsed = Duration.ofNanos(nanos.longValueExact());
        return negative ? parsed.negated() : parsed;
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us", "\u00b5s", "\u03bcs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                throw invalidDuration();
        }
    }

    private static IllegalArgumentException invalidDuration() {
        return new IllegalArgumentException("must be a duration such as 60s, 1m30s or 1.5h");
    }

    /** Renders a duration the way Go prints it ({@code 1m30s}, {@code 1h0m0s}, {@code 500ms}, {@code 0s}). */
    public static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration abs = d.abs();
        if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = abs.toNanos();
            if (nanos % 1_000_000 == 0) {
                return sign + nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return sign + nanos / 1_000 + "\u00b5s";
            }
            return sign + nanos + "ns";
        }
        long hours = abs.toHours();
        int minutes = abs.toMinutesPart();
        BigDecimal seconds = BigDecimal.valueOf(abs.toSecondsPart())
                .add(BigDecimal.valueOf(abs.toNanosPart(), 9)).stripTrailingZeros();
        String secs = seconds.scale() <= 0 ? seconds.toBigInteger().toString() : seconds.toPlainString();
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + secs + "s";
        }
        if (minutes > 0) {
            return sign + minutes + "m" + secs + "s";
        }
        return sign + secs + "s";
    }
}
