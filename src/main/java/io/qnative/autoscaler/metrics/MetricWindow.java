package io.qnative.autoscaler.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One metric series over a time window in 1-second buckets (Knative's {@code TimedFloat64Buckets} and
 * {@code WeightedFloat64Buckets}, {@code pkg/autoscaler/aggregation/bucketing.go}): a ring indexed by the whole Unix
 * second, a running total, and the first and last second written. Values landing in the same second add up.
 *
 * <p>Averages: {@link Algorithm#LINEAR} over the filled part of the window (a young series averages over the seconds
 * since its first write, gaps between writes count as zeros, a trailing gap shrinks the denominator), truncated to
 * six decimals as Knative's {@code roundToNDigits}; {@link Algorithm#WEIGHTED_EXPONENTIAL} sums buckets newest first
 * with weights decaying by the smoothing coefficient, not normalised and not rounded.
 *
 * <p>Not thread-safe: the collector serialises access.
 */
public final class MetricWindow {

    /** How the window averages its buckets. */
    public enum Algorithm {
        /** The plain average of the filled buckets (Knative's default). */
        LINEAR,
        /** Exponentially weighted, newest bucket heaviest. */
        WEIGHTED_EXPONENTIAL
    }

    private static final long NANOS = 1_000_000_000L;
    /** "Never written": far enough in the past that any real second is more than a window after it. */
    private static final long NEVER = Long.MIN_VALUE / 4;
    private static final double WEIGHT_PRECISION = 0.9999;
    private static final double MIN_EXPONENT = 0.2;
    private static final double PRECISION = 1e6;

    private final Algorithm algorithm;
    private long windowNanos;
    private double[] buckets;
    private double total;
    private long firstWrite = NEVER;
    private long lastWrite = NEVER;
    private double smoothing;

    /** An empty series over {@code window} (at least one second is kept). */
    public MetricWindow(Duration window, Algorithm algorithm) {
        this.algorithm = algorithm;
        this.windowNanos = window.toNanos();
        this.buckets = new double[bucketCount(windowNanos)];
        this.smoothing = smoothingCoefficient(buckets.length);
    }

    private static int bucketCount(long windowNanos) {
        return (int) Math.max(1, Math.ceil((double) windowNanos / NANOS));
    }

    /** {@code max(1 - (1 - 0.9999)^(1/n), 0.2)}, Knative's {@code computeSmoothingCoeff}. */
    static double smoothingCoefficient(int n) {
        return Math.max(1 - GoMath.pow(1 - WEIGHT_PRECISION, 1.0 / n), MIN_EXPONENT);
    }

    /** The window length. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /** The averaging algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    private static long second(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), 1000L);
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) buckets.length);
    }

    /** Adds {@code value} to the bucket of {@code time}'s second; values a window older than the last write drop. */
    public void record(Instant time, double value) {
        long b = second(time);
        if (b != lastWrite) {
            // b + window <= lastWrite: too old to matter
            if (lastWrite != NEVER && (lastWrite - b) * NANOS >= windowNanos) {
                return;
            }
            if (firstWrite == NEVER || firstWrite > b) {
                firstWrite = b;
            }
            if (b > lastWrite) {
                if (lastWrite == NEVER || (b - lastWrite) * NANOS >= windowNanos) {
                    firstWrite = b;
                    Arrays.fill(buckets, 0);
                    total = 0;
                } else {
                    for (long s = lastWrite + 1; s <= b; s++) {
                        int i = slot(s);
                        total -= buckets[i];
                        buckets[i] = 0;
                    }
                }
                lastWrite = b;
            }
        }
        buckets[slot(b)] += value;
        total += value;
    }

    /** Whether nothing was written for strictly more than one window before {@code now}'s second. */
    public boolean isEmpty(Instant now) {
        return lastWrite == NEVER || (second(now) - lastWrite) * NANOS > windowNanos;
    }

    /** The window's average at {@code now}. */
    public double average(Instant now) {
        return algorithm == Algorithm.LINEAR ? linearAverage(now) : weightedAverage(now);
    }

    private double linearAverage(Instant now) {
        if (lastWrite == NEVER) {
            return 0;
        }
        long s = second(now);
        long d = s - lastWrite;
        double filled = (double) (lastWrite - firstWrite) + 1;
        if (d <= 0) {
            return truncate(total / Math.min(filled, buckets.length));
        }
        if (d * NANOS >= windowNanos) {
            return 0;
        }
        double ret = total;
        for (long i = lastWrite + 1; i <= s; i++) {
            ret -= buckets[slot(i)];
        }
        return truncate(ret / Math.min(filled, (double) (buckets.length - d)));
    }

    /** Knative's {@code roundToNDigits(6, f)}: {@code floor(f * 10^6) / 10^6}. */
    static double truncate(double f) {
        return Math.floor(f * PRECISION) / PRECISION;
    }

    private double weightedAverage(Instant now) {
        if (isEmpty(now)) {
            return 0;
        }
        long s = second(now);
        int n = buckets.length;
        long numB = n;
        double multiplier = smoothing;
        if (s > lastWrite) {
            long zeros = s - lastWrite;
            multiplier = multiplier * GoMath.pow(1 - smoothing, zeros);
            numB -= zeros;
        }
        double ret = 0;
        for (long i = 0; i < numB; i++) {
            ret += buckets[slot(lastWrite - i)] * multiplier;
            multiplier *= 1 - smoothing;
        }
        return ret;
    }

    /**
     * Changes the window length (Knative's {@code ResizeWindow}): when something was written within the old window
     * before {@code now}, the newest buckets that fit are kept and the series counts as filled; else it restarts.
     */
    public void resize(Duration window, Instant now) {
        long newNanos = window.toNanos();
        if (newNanos == windowNanos) {
            return;
        }
        int n = bucketCount(newNanos);
        double[] fresh = new double[n];
        double freshTotal = 0;
        if (lastWrite != NEVER && (second(now) - lastWrite) * NANOS <= windowNanos) {
            int old = buckets.length;
            long t = lastWrite;
            for (int i = 0; i < Math.min(n, old); i++, t--) {
                double v = buckets[slot(t)];
                fresh[(int) Math.floorMod(t, (long) n)] = v;
                freshTotal += v;
            }
            firstWrite = lastWrite - (old - 1);
        } else {
            firstWrite = NEVER;
        }
        windowNanos = newNanos;
        buckets = fresh;
        total = freshTotal;
        smoothing = smoothingCoefficient(n);
    }
}
