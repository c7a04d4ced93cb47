package io.qnative.gateway.activator;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The probe cadence of each pod address before it gets traffic: for the first 10 s after the address appears every
 * 50 ms with a 100 ms timeout, every 10 ms while requests wait for the revision (a scale from zero: the first probe
 * that passes lets them through), then every 200 ms with the configured timeout until it passes, honouring the
 * probe's successThreshold (Knative's activator probes every 200 ms with a 300 ms timeout,
 * {@code pkg/activator/net/revision_backends.go}, and the queue-proxy probes the container aggressively). Revisions
 * with an exec readiness probe or a startup probe are not probed: their addresses get traffic once Kubernetes lists
 * them as ready. Runs on the activator's context only.
 */
public final class PodProbing {

    private static final Logger LOG = Logger.getLogger(PodProbing.class);

    private static final long FAST_PHASE_NANOS = 10_000_000_000L;
    /** The fast phase's interval, and the one while requests wait. */
    static final long FAST_INTERVAL_MILLIS = 50;
    static final long WAITING_INTERVAL_MILLIS = 10;

    private final Vertx vertx;
    private final PodProber prober;
    private final LongSupplier nanos;
    private final LongSupplier slowTimeoutMillis;

    /**
     * @param slowTimeoutMillis the probe timeout after the first 10 s (config)
     */
    public PodProbing(Vertx vertx, PodProber prober, LongSupplier nanos, LongSupplier slowTimeoutMillis) {
        this.vertx = vertx;
        this.prober = prober;
        this.nanos = nanos;
        this.slowTimeoutMillis = slowTimeoutMillis;
    }

    /** Probe state for a new address; {@code onChange} runs when it turns healthy or not. */
    Target target(PodTracker tracker, Runnable onChange) {
        return new Target(tracker, onChange, () -> false);
    }

    /**
     * Probe state for a new address; {@code onChange} runs when it turns healthy or not; {@code waiting} tells
     * whether requests wait for the revision.
     */
    Target target(PodTracker tracker, Runnable onChange, BooleanSupplier waiting) {
        return new Target(tracker, onChange, waiting);
    }

    /** One address. */
    final class Target {
        private final PodTracker tracker;
        private final Runnable onChange;
        private final BooleanSupplier waiting;
        private final long firstSeen;
        private boolean healthy;
        private boolean kubeReady;
        private boolean probing;
        private boolean stopped;
        private int successes;
        private RevisionSettings settings;

        Target(PodTracker tracker, Runnable onChange, BooleanSupplier waiting) {
            this.tracker = tracker;
            this.onChange = onChange;
            this.waiting = waiting;
            this.firstSeen = nanos.getAsLong();
        }

        PodTracker tracker() {
            return tracker;
        }

        boolean healthy() {
            return healthy;
        }

        /** The address is listed as ready (true) or not ready (false) by Kubernetes. */
        void kubernetesReady(boolean ready, RevisionSettings s) {
            settings = s;
            boolean wasReady = kubeReady;
            kubeReady = ready;
            if (s != null && s.waitForKubernetesReady()) {
                set(ready);
                return;
            }
            if (wasReady && !ready && healthy) {
                set(false);
            }
            if (!healthy) {
                start();
            }
        }

        /** Out of rotation until it passes again (it refused a connection). */
        void reprobe(RevisionSettings s) {
            settings = s;
            set(false);
            successes = 0;
            if (s != null && s.waitForKubernetesReady()) {
                set(kubeReady);
            } else {
                start();
            }
        }

        void stop() {
            stopped = true;
        }

        private void start() {
            if (!probing && !stopped) {
                probing = true;
                probeOnce();
            }
        }

        private void probeOnce() {
            if (stopped) {
                probing = false;
                return;
            }
            boolean fast = nanos.getAsLong() - firstSeen < FAST_PHASE_NANOS;
            long timeout = fast ? 100 : slowTimeoutMillis.getAsLong();
            long interval = !fast ? 200 : waiting.getAsBoolean() ? WAITING_INTERVAL_MILLIS : FAST_INTERVAL_MILLIS;
            var probe = settings == null ? null : settings.readinessProbe();
            long started = nanos.getAsLong();
            prober.probe(tracker.ip(), tracker.port(), probe, settings == null ? List.of() : settings.ports(),
                    timeout).onComplete(ar -> {
                if (stopped) {
                    probing = false;
                    return;
                }
                boolean ok = ar.succeeded() && ar.result();
                successes = ok ? successes + 1 : 0;
                int threshold = probe == null || probe.getSuccessThreshold() == null
                        ? 1 : Math.max(1, probe.getSuccessThreshold());
                if (successes >= threshold) {
                    probing = false;
                    set(true);
                    return;
                }
                long spent = (nanos.getAsLong() - started) / 1_000_000;
                vertx.setTimer(Math.max(1, interval - spent), id -> probeOnce());
            });
        }

        private void set(boolean value) {
            if (healthy != value) {
                LOG.debugf("%s: %s", tracker.address(), value ? "healthy" : "out of rotation");
                healthy = value;
                onChange.run();
            }
        }
    }
}
