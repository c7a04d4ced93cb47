package io.qnative.simulate;

import java.util.List;
import java.util.Map;

/**
 * What a simulation produced.
 *
 * @param resolved the effective parameters: {@code decider}, {@code config}, {@code minScale}, {@code maxScale}
 * @param records one per decision
 * @param points one per simulated second (per sample for a replay), for the chart
 */
public record Simulation(Map<String, Object> resolved, List<Record> records, List<Point> points) {

    /**
     * One decision.
     *
     * @param t when, in the trace's seconds
     * @param observed the trace's input at {@code t}: the load ({@code concurrency}, {@code rps}) or the replayed
     *     averages
     * @param stable the stable-window average of the scaling metric the decider read; null when invalid
     * @param panic the panic-window average; null when invalid
     * @param valid whether pods and metrics could be read
     * @param deciderPods the decider's recommendation, −1 when invalid
     * @param desiredPods the scale the PodAutoscaler reconciler sets after gating (−1: unknown, nothing applied)
     * @param readyPods the ready pods counted; null when the count failed
     * @param panicMode whether the decider is in panic mode after the decision
     * @param excessBurstCapacity the decision's excess burst capacity; null when invalid
     */
    public record Record(double t, Map<String, Object> observed, Double stable, Double panic, boolean valid,
            int deciderPods, int desiredPods, Integer readyPods, boolean panicMode, Integer excessBurstCapacity) {
    }

    /**
     * The state at one instant, for the chart.
     *
     * @param t when
     * @param load the scaling metric's load (a replay: its observed stable average)
     * @param desired the scale the reconciler wants (−1 unknown)
     * @param ready the ready pods
     * @param panic whether the decider is in panic mode
     */
    public record Point(double t, double load, int desired, int ready, boolean panic) {
    }
}
