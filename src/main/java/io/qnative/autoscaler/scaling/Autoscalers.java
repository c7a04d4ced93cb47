package io.qnative.autoscaler.scaling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.qnative.autoscaler.metrics.MetricSource;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;

/**
 * Every revision's decider with its latest published decision (Knative's {@code MultiScaler},
 * {@code pkg/autoscaler/scaling/multiscaler.go}, without goroutines: the caller ticks). A valid decision is published
 * and the listener informed when the desired scale or the sign of the excess burst capacity changed; invalid ones
 * are ignored. Thread-safe: decisions of one revision are serialised.
 */
public final class Autoscalers {

    private final Map<RevisionKey, Runner> runners = new ConcurrentHashMap<>();
    private final Consumer<RevisionKey> inform;

    /** Deciders that tell {@code inform} which revision's decision changed. */
    public Autoscalers(Consumer<RevisionKey> inform) {
        this.inform = inform;
    }

    /**
     * Creates the revision's decider at {@code now}, or replaces its parameters. A new decider publishes desired
     * scale −1 and an excess burst capacity of {@code tbc} for tbc ∈ {−1, 0}, else
     * {@code trunc(initialScale × totalValue − tbc)}.
     */
    public void createOrUpdate(RevisionKey key, DeciderSpec spec, PodCounter pods, MetricSource metrics,
            Instant now) {
        runners.compute(key, (k, r) -> {
            if (r == null) {
                return new Runner(new Decider(spec, pods, metrics, now), initialEbc(spec));
            }
            synchronized (r) {
                r.decider.update(spec);
            }
            return r;
        });
    }

    static int initialEbc(DeciderSpec spec) {
        double tbc = spec.targetBurstCapacity();
        if (tbc == -1 || tbc == 0) {
            return (int) tbc;
        }
        return (int) (spec.initialScale() * spec.totalValue() - tbc);
    }

    /** Whether both are negative or both non-negative (0 counts as positive), Knative's {@code sameSign}. */
    static boolean sameSign(int a, int b) {
        return (a < 0) == (b < 0);
    }

    /** Forgets the revision. */
    public void delete(RevisionKey key) {
        runners.remove(key);
    }

    /** The revisions with a decider. */
    public Set<RevisionKey> keys() {
        return Set.copyOf(runners.keySet());
    }

    /** The revision's latest published decision. */
    public Optional<Decision> decision(RevisionKey key) {
        Runner r = runners.get(key);
        if (r == null) {
            return Optional.empty();
        }
        synchronized (r) {
            return Optional.of(r.decision());
        }
    }

    /** The revision's decider parameters. */
    public Optional<DeciderSpec> spec(RevisionKey key) {
        Runner r = runners.get(key);
        return r == null ? Optional.empty() : Optional.of(r.decider.spec());
    }

    /** One decision for every revision at {@code now} (the periodic tick). */
    public void tick(Instant now) {
        runners.forEach((key, r) -> decide(key, r, now));
    }

    /** One decision for the revision at {@code now}; returns the result (invalid when it has no decider). */
    public ScaleResult decide(RevisionKey key, Instant now) {
        Runner r = runners.get(key);
        return r == null ? ScaleResult.INVALID : decide(key, r, now);
    }

    /**
     * Knative's {@code Poke}: a stat with non-zero concurrency for a revision whose latest desired scale is 0
     * decides at once.
     */
    public void poke(RevisionKey key, Stat stat, Instant now) {
        Runner r = runners.get(key);
        if (r == null || stat.averageConcurrency() == 0) {
            return;
        }
        boolean atZero;
        synchronized (r) {
            atZero = r.desiredScale == 0;
        }
        if (atZero) {
            decide(key, r, now);
        }
    }

    private ScaleResult decide(RevisionKey key, Runner r, Instant now) {
        boolean changed;
        ScaleResult result;
        synchronized (r) {
            result = r.decider.scale(now, (o, ready) -> {
                r.stable = o.stable();
                r.panic = o.panic();
                r.readyPods = ready;
            });
            if (!result.valid()) {
                return result;
            }
            changed = r.desiredScale != result.desiredPodCount()
                    || !sameSign(r.excessBurstCapacity, result.excessBurstCapacity());
            r.desiredScale = result.desiredPodCount();
            r.excessBurstCapacity = result.excessBurstCapacity();
        }
        if (changed) {
            inform.accept(key);
        }
        return result;
    }

    private static final class Runner {
        final Decider decider;
        int desiredScale = -1;
        int excessBurstCapacity;
        double stable = Double.NaN;
        double panic = Double.NaN;
        int readyPods = -1;

        Runner(Decider decider, int ebc) {
            this.decider = decider;
            this.excessBurstCapacity = ebc;
        }

        Decision decision() {
            return new Decision(desiredScale, excessBurstCapacity, decider.inPanic(), stable, panic, readyPods);
        }
    }
}
