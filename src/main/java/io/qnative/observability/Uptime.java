package io.qnative.observability;

import java.time.Duration;
import java.time.Instant;

/**
 * Time since the process started, for the startup timeline in the log (bench/README.md "Startup"): the lines
 * that mark a step of the way to ready carry it as {@code (+1234 ms)}.
 */
public final class Uptime {

    private static final Instant START = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    private Uptime() {
    }

    /** Milliseconds since the process started. */
    public static long millis() {
        return Duration.between(START, Instant.now()).toMillis();
    }

    /** {@code "+1234 ms"}: the suffix of a timeline log line. */
    public static String mark() {
        return "+" + millis() + " ms";
    }
}
