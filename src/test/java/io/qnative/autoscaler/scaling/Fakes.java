package io.qnative.autoscaler.scaling;

import java.time.Duration;
import java.time.Instant;

import io.qnative.autoscaler.metrics.MetricSource;
import io.qnative.autoscaler.metrics.MetricsException;
import io.qnative.autoscaler.metrics.Observation;

/** Hand-written fakes for the decider's two sources, and spec builders. */
final class Fakes {

    /** An even Unix second: relative seconds keep their 2-second slot alignment. */
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    private Fakes() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Ready pods, or a lookup error. */
    static final class Pods implements PodCounter {
        int ready;
        PodCountException error;

        Pods(int ready) {
            this.ready = ready;
        }

        @Override
        public int readyCount() throws PodCountException {
            if (error != null) {
                throw error;
            }
            return ready;
        }
    }

    /** Fixed observations of both metrics, or "no data". */
    static final class Metrics implements MetricSource {
        Observation concurrency = new Observation(0, 0);
        Observation rps = new Observation(0, 0);
        boolean noData;

        Metrics set(double stable, double panic) {
            concurrency = new Observation(stable, panic);
            noData = false;
            return this;
        }

        @Override
        public Observation concurrency(Instant now) throws MetricsException {
            if (noData) {
                throw new MetricsException(MetricsException.Kind.NO_DATA, "no data");
            }
            return concurrency;
        }

        @Override
        public Observation rps(Instant now) throws MetricsException {
            if (noData) {
                throw new MetricsException(MetricsException.Kind.NO_DATA, "no data");
            }
            return rps;
        }
    }

    /** Knative's defaults with containerConcurrency 0: target 70, total 100, tbc 211, rates 1000/2, threshold 2. */
    static DeciderSpec defaults() {
        return spec(70, 100, 211, 2, 1000, 2, Duration.ofSeconds(60), Duration.ZERO, 0, true);
    }

    static DeciderSpec spec(double target, double total, double tbc, double threshold, double up, double down,
            Duration stableWindow, Duration delay, int activationScale, boolean reachable) {
        return new DeciderSpec("concurrency", target, total, tbc, threshold, up, down, 100, stableWindow,
                Duration.ofSeconds(6), delay, activationScale, 1, reachable);
    }
}
