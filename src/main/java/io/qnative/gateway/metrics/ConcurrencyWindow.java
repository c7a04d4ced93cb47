package io.qnative.gateway.metrics;

/**
 * One revision's load over one reporting period: the integral of requests in flight over time and the arrivals,
 * so that two 500 ms requests in a 1 s period average 1.0. A request counts from its arrival at the gateway (queued
 * time included) until its response completes. Pure: every call takes {@code nanos}, a monotonic clock reading.
 * Not thread-safe; {@link StatReporter} guards it.
 */
public final class ConcurrencyWindow {

    /** The average concurrency and arrival rate of a closed period. */
    public record Report(double averageConcurrency, double requestCount, boolean idle) {
    }

    private long periodStart;
    private long lastChange;
    private int inFlight;
    private double area;
    private int arrivals;

    /** @param nanos when the first period starts */
    public ConcurrencyWindow(long nanos) {
        this.periodStart = nanos;
        this.lastChange = nanos;
    }

    /** A request arrived. */
    public void begin(long nanos) {
        advance(nanos);
        inFlight++;
        arrivals++;
    }

    /** A request completed. */
    public void end(long nanos) {
        advance(nanos);
        if (inFlight > 0) {
            inFlight--;
        }
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight;
    }

    /** Closes the period at {@code nanos} and starts the next. */
    public Report close(long nanos) {
        advance(nanos);
        double seconds = Math.max(1e-9, (nanos - periodStart) / 1e9);
        Report r = new Report(area / 1e9 / seconds, arrivals / seconds, area == 0 && arrivals == 0 && inFlight == 0);
        periodStart = nanos;
        area = 0;
        arrivals = 0;
        return r;
    }

    private void advance(long nanos) {
        if (nanos > lastChange) {
            area += (double) inFlight * (nanos - lastChange);
            lastChange = nanos;
        }
    }
}
