package io.qnative.autoscaler.scaling;

import java.time.Duration;

/**
 * The decider's parameters, resolved (Knative's {@code scaling.DeciderSpec},
 * {@code pkg/reconciler/autoscaling/kpa/resources/decider.go}).
 *
 * @param scalingMetric {@code concurrency} or {@code rps}; anything else reads as concurrency
 * @param targetValue per-pod target after utilization, at least 0.01
 * @param totalValue per-pod capacity before utilization
 * @param targetBurstCapacity burst capacity to keep spare; 0 none, -1 unlimited (gateway always in path)
 * @param panicThreshold a multiple of the ready pod count (2.0 = 200 %)
 * @param maxScaleUpRate growth limit per decision, a multiple of the ready pods
 * @param maxScaleDownRate shrink limit per decision, a divisor of the ready pods
 * @param activatorCapacity requests one gateway replica takes for a revision
 * @param stableWindow the stable window
 * @param panicWindow the panic window
 * @param scaleDownDelay how long decreases are held back; the window is sized once, at creation
 * @param activationScale the least non-zero scale; 0 or 1 mean none
 * @param initialScale the scale a new revision starts with
 * @param reachable whether a route sends the revision traffic
 */
public record DeciderSpec(String scalingMetric, double targetValue, double totalValue, double targetBurstCapacity,
        double panicThreshold, double maxScaleUpRate, double maxScaleDownRate, double activatorCapacity,
        Duration stableWindow, Duration panicWindow, Duration scaleDownDelay, int activationScale, int initialScale,
        boolean reachable) {

    /** A copy with another reachability. */
    public DeciderSpec withReachable(boolean value) {
        return new DeciderSpec(scalingMetric, targetValue, totalValue, targetBurstCapacity, panicThreshold,
                maxScaleUpRate, maxScaleDownRate, activatorCapacity, stableWindow, panicWindow, scaleDownDelay,
                activationScale, initialScale, value);
    }
}
