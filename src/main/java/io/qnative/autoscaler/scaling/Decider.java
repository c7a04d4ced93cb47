package io.qnative.autoscaler.scaling;

import java.time.Duration;
import java.time.Instant;

import io.qnative.autoscaler.metrics.MetricSource;
import io.qnative.autoscaler.metrics.MetricsException;
import io.qnative.autoscaler.metrics.Observation;

/**
 * One revision's KPA decision (Knative's {@code autoscaler.Scale}, {@code pkg/autoscaler/scaling/autoscaler.go}):
 * reads the ready pods and the stable/panic averages at {@code now}, limits the change by the scale-up and
 * scale-down rates, applies the activation scale, enters or leaves panic mode (never scaling down in it), holds
 * decreases for the scale-down delay and computes the excess burst capacity.
 *
 * <p>State: the instant panic last held, the most pods asked for in this panic, and the delay window (created only
 * when the spec at creation has a delay). Not thread-safe; the caller serialises decisions.
 */
public final class Decider {

    private final PodCounter pods;
    private final MetricSource metrics;
    private final DelayWindow delayWindow;
    private DeciderSpec spec;
    private Instant panicTime;
    private int maxPanicPods;

    /**
     * A decider created at {@code now}. With more than one ready pod it starts in panic holding that count, so a
     * restarted autoscaler without metric history does not scale down.
     */
    public Decider(DeciderSpec spec, PodCounter pods, MetricSource metrics, Instant now) {
        this.spec = spec;
        this.pods = pods;
        this.metrics = metrics;
        Duration delay = spec.scaleDownDelay();
        this.delayWindow = !delay.isNegative() && !delay.isZero() ? new DelayWindow(delay) : null;
        int ready;
        try {
            ready = pods.readyCount();
        } catch (PodCounter.PodCountException e) {
            ready = 0;
        }
        this.panicTime = ready > 1 ? now : null;
        this.maxPanicPods = ready;
    }

    /** Replaces every parameter; the delay window keeps its creation-time existence and length. */
    public void update(DeciderSpec next) {
        this.spec = next;
    }

    /** The current parameters. */
    public DeciderSpec spec() {
        return spec;
    }

    /** Whether the last decisions put it in panic mode. */
    public boolean inPanic() {
        return panicTime != null;
    }

    /** The instant panic last held; null when not in panic. */
    Instant panicTime() {
        return panicTime;
    }

    /** The most pods asked for in the current panic (the ready count at creation before any decision). */
    int maxPanicPods() {
        return maxPanicPods;
    }

    /** One decision at {@code now}; {@link ScaleResult#INVALID} changes no state. */
    public ScaleResult scale(Instant now) {
        return scale(now, null);
    }

    /**
     * One decision at {@code now}, telling {@code observer} (when not null) what was observed.
     */
    public ScaleResult scale(Instant now, Observer observer) {
        DeciderSpec s = spec;
        int ready;
        try {
            ready = pods.readyCount();
        } catch (PodCounter.PodCountException e) {
            if (!e.notFound()) {
                return ScaleResult.INVALID;
            }
            ready = 0;
        }
        Observation observed;
        try {
            observed = "rps".equals(s.scalingMetric()) ? metrics.rps(now) : metrics.concurrency(now);
        } catch (MetricsException e) {
            return ScaleResult.INVALID;
        }
        if (observer != null) {
            observer.observed(observed, ready);
        }
        return decide(s, now, ready, observed.stable(), observed.panic());
    }

    /** Told what a decision observed (for metrics and traces). */
    @FunctionalInterface
    public interface Observer {
        /** The averages read and the ready pods counted. */
        void observed(Observation observation, int readyPods);
    }

    private ScaleResult decide(DeciderSpec s, Instant now, int ready, double stable, double panic) {
        double readyF = Math.max(1, (double) ready);
        double maxUp = Math.ceil(s.maxScaleUpRate() * readyF);
        double maxDown = s.reachable() ? Math.floor(readyF / s.maxScaleDownRate()) : 0;
        double dspc = Math.ceil(stable / s.targetValue());
        double dppc = Math.ceil(panic / s.targetValue());
        int stablePods = (int) Math.min(Math.max(dspc, maxDown), maxUp);
        int panicPods = (int) Math.min(Math.max(dppc, maxDown), maxUp);
        if (s.activationScale() > 1) {
            if (dspc > 0 && s.activationScale() > stablePods) {
                stablePods = s.activationScale();
            }
            if (dppc > 0 && s.activationScale() > panicPods) {
                panicPods = s.activationScale();
            }
        }
        boolean over = dppc / readyF >= s.panicThreshold();
        if (over) {
            panicTime = now;
        } else if (panicTime != null && panicTime.plus(s.stableWindow()).isBefore(now)) {
            panicTime = null;
            maxPanicPods = 0;
        }
        int desired = stablePods;
        if (panicTime != null) {
            desired = Math.max(desired, panicPods);
            if (desired > maxPanicPods) {
                maxPanicPods = desired;
            }
            desired = maxPanicPods;
        }
        if (delayWindow != null && s.reachable()) {
            delayWindow.record(now, desired);
            desired = delayWindow.current();
        }
        return new ScaleResult(desired, excessBurstCapacity(s, ready, panic), true);
    }

    /** {@code floor(ready × totalValue − tbc − panic)} for tbc > 0; 0 for tbc = 0; −1 for tbc = −1. */
    static int excessBurstCapacity(DeciderSpec s, int ready, double panic) {
        double tbc = s.targetBurstCapacity();
        if (tbc == 0) {
            return 0;
        }
        if (tbc > 0) {
            return (int) Math.floor(ready * s.totalValue() - tbc - panic);
        }
        return -1;
    }
}
