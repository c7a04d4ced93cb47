package io.qnative.reconciler;

import java.time.Duration;

/**
 * Per-key exponential back-off, as client-go's default controller rate limiter: {@code base * 2^failures},
 * capped at {@code max}. Pure arithmetic; the queue keeps the failure counts.
 */
public record Backoff(Duration base, Duration max) {

    /** client-go's defaults: 5 ms doubling up to 1000 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000));

    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= max, got " + base + " and " + max);
        }
    }

    /** The delay before retry number {@code failures} (0 for the first failure). */
    public Duration delay(int failures) {
        if (failures >= 62) {
            return max;
        }
        double nanos = base.toNanos() * Math.pow(2, failures);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
