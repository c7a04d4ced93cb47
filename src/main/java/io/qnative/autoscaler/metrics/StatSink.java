package io.qnative.autoscaler.metrics;

/**
 * Where the gateway sends its per-revision {@link Stat}s: every second per revision that saw traffic, and at once
 * for the first request of a revision that had no stats entry (the cold-start poke). The autoscaler implements it;
 * implementations never block and are safe for concurrent use.
 */
public interface StatSink {

    /** Records one report. */
    void record(Stat stat);
}
