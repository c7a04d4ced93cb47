package io.qnative.simulate;

import java.util.Map;

/**
 * One trace sample at {@code t} seconds.
 *
 * <p>A load sample gives the revision's per-second load ({@code concurrency}, {@code rps}), which holds until the
 * next sample, and optionally the ready pods. A replay sample (Knative's autoscaler logs one per decision) gives what
 * the decider observed ({@code observed}, or {@code metricsError}) and the ready pods (or {@code readyPodsError});
 * the decider decides exactly at {@code t}.
 *
 * @param index the sample's position in the trace, for messages
 * @param line the CSV line, 0 for JSON
 * @param t seconds since the trace's epoch
 * @param concurrency the revision's average concurrent requests over the second
 * @param rps the revision's requests in the second
 * @param readyPods the ready pods, null when the simulated pods count
 * @param readyPodsError {@code not_found} or {@code other}: the pod count fails this way; null when it does not
 * @param observed the replayed stable/panic averages, null for a load sample
 * @param metricsError {@code no_data} or {@code other}: the metrics read fails; null when it does not
 * @param decider decider parameters that replace the current ones from this sample on; null for none
 */
public record Sample(int index, int line, double t, double concurrency, double rps, Integer readyPods,
        String readyPodsError, Observed observed, String metricsError, Map<String, Object> decider) {

    /** Whether this sample replays a recorded decision. */
    public boolean replay() {
        return observed != null || metricsError != null;
    }

    /** Where the sample is, for messages: {@code sample 3} or {@code line 5}. */
    public String where() {
        return line > 0 ? "line " + line : "sample " + index;
    }

    /**
     * Replayed averages (Knative's logged view per decision); an absent metric is null.
     *
     * @param concurrency stable and panic concurrency
     * @param rps stable and panic requests per second
     */
    public record Observed(Pair concurrency, Pair rps) {
    }

    /**
     * A stable-window and a panic-window average.
     *
     * @param stable the stable-window average
     * @param panic the panic-window average
     */
    public record Pair(double stable, double panic) {
    }
}
