package io.qnative.autoscaler.scaling;

import java.time.Duration;

import io.qnative.autoscaler.metrics.CollectionSpec;
import io.qnative.autoscaler.metrics.MetricWindow;

/**
 * Everything a revision's autoscaling needs, resolved from its annotations, {@code config-autoscaler},
 * containerConcurrency and reachability by {@link ParameterResolver}.
 *
 * @param autoscalerClass the effective class
 * @param metric the effective metric as written (the decider reads anything but {@code rps} as concurrency)
 * @param decider the decider's parameters
 * @param algorithm the metric windows' averaging
 * @param minScale the lower scale bound (0 when unreachable)
 * @param maxScale the upper scale bound, 0 for none
 * @param scaleToZeroPodRetention how long the last pod stays after the revision went inactive (0 when unreachable)
 * @param problems the annotations' validation errors, empty when valid; the invalid values were ignored
 */
public record Parameters(String autoscalerClass, String metric, DeciderSpec decider,
        MetricWindow.Algorithm algorithm, int minScale, int maxScale, Duration scaleToZeroPodRetention,
        String problems) {

    /** Whether the revision counts as scraped: target-burst-capacity is not −1. */
    public boolean scraped() {
        return decider.targetBurstCapacity() != -1;
    }

    /** The metric collection's spec. */
    public CollectionSpec collection() {
        return new CollectionSpec(decider.stableWindow(), decider.panicWindow(), algorithm, scraped());
    }
}
