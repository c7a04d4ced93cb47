package io.qnative.autoscaler.scaling;

/**
 * The latest published decision of a revision (Knative's {@code DeciderStatus}) and what the last valid decision
 * saw.
 *
 * @param desiredScale the pods wanted; −1 until the first valid decision
 * @param excessBurstCapacity the latest excess burst capacity
 * @param panicMode whether the decider is in panic mode
 * @param stable the last stable-window average read (NaN before any)
 * @param panic the last panic-window average read (NaN before any)
 * @param readyPods the ready pods the last decision counted (−1 before any)
 */
public record Decision(int desiredScale, int excessBurstCapacity, boolean panicMode, double stable, double panic,
        int readyPods) {
}
