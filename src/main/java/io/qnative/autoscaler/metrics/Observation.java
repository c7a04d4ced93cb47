package io.qnative.autoscaler.metrics;

/**
 * What the decider reads for one metric at one instant: the stable-window and panic-window averages of the revision
 * total.
 *
 * @param stable the stable-window average
 * @param panic the panic-window average
 */
public record Observation(double stable, double panic) {
}
