package io.qnative.simulate;

import java.util.List;
import java.util.Map;

import io.qnative.autoscaler.scaling.Reachability;

/**
 * A parsed trace: what the PodAutoscaler would carry (annotations, containerConcurrency, reachability), the
 * cluster's {@code config-autoscaler}, how the simulated pods behave, and the samples.
 *
 * @param source the file name (or {@code -}), for messages
 * @param annotations the revision's annotations, full keys
 * @param config {@code config-autoscaler} data
 * @param containerConcurrency the revision's containerConcurrency, 0 for unlimited
 * @param reachability the PodAutoscaler's reachability
 * @param podStartSeconds how long a pod takes to become ready after the decision that asked for it
 * @param initialReadyPods pods already ready when the trace starts
 * @param tickSeconds the decision tick (qnative's {@code qnative.autoscaler.tick}, Knative's 2 s)
 * @param decider decider parameters that replace the resolved ones from the start; empty for none
 * @param createdAt when the decider is created, null for the first sample's {@code t}
 * @param readyPodsAtCreation the ready pods the decider counts at creation, null for {@code initialReadyPods}, −1
 *     for a failed count
 * @param samples the samples, in time order
 */
public record Trace(String source, Map<String, String> annotations, Map<String, String> config,
        long containerConcurrency, Reachability reachability, double podStartSeconds, int initialReadyPods,
        int tickSeconds, Map<String, Object> decider, Double createdAt, Integer readyPodsAtCreation,
        List<Sample> samples) {

    /** Whether the samples replay recorded decisions rather than give load. */
    public boolean replay() {
        return !samples.isEmpty() && samples.get(0).replay();
    }
}
