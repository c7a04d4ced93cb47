package io.qnative.gateway.activator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks a pod with a free slot and reserves it (Knative's pkg/activator/net/lb_policy.go). Callers hold the owning
 * throttler's lock. Pods are sorted by IP.
 */
public interface LbPolicy {

    /** The reserved pod, or null when none has a free slot. */
    PodTracker pick(List<PodTracker> pods);

    /**
     * The policy Knative chooses for a containerConcurrency: power of two random choices for 0 (unlimited),
     * first available for 1-3, round robin above.
     */
    static LbPolicy forConcurrency(int containerConcurrency, RandomGenerator random) {
        if (containerConcurrency <= 0) {
            return new PowerOfTwoChoices(random);
        }
        if (containerConcurrency <= 3) {
            return new FirstAvailable();
        }
        return new RoundRobin();
    }

    /** Two distinct random pods, the one with fewer requests in flight wins (ties: the first drawn). */
    final class PowerOfTwoChoices implements LbPolicy {
        private final RandomGenerator random;

        PowerOfTwoChoices(RandomGenerator random) {
            this.random = random;
        }

        @Override
        public PodTracker pick(List<PodTracker> pods) {
            int n = pods.size();
            if (n == 0) {
                return null;
            }
            if (n == 1) {
                return pods.get(0).tryReserve() ? pods.get(0) : null;
            }
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            PodTracker pick = pods.get(a);
            PodTracker alt = pods.get(b);
            if (alt.inFlight() < pick.inFlight()) {
                PodTracker t = pick;
                pick = alt;
                alt = t;
            }
            if (pick.tryReserve()) {
                return pick;
            }
            return alt.tryReserve() ? alt : null;
        }
    }

    /** The first pod in IP order with a free slot. */
    final class FirstAvailable implements LbPolicy {
        @Override
        public PodTracker pick(List<PodTracker> pods) {
            for (PodTracker p : pods) {
                if (p.tryReserve()) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * The next pod after the last pick with a free slot; when the list shrank below that index it starts over at
     * the first pod, as Knative's {@code newRoundRobinPolicy}.
     */
    final class RoundRobin implements LbPolicy {
        private int next;

        @Override
        public PodTracker pick(List<PodTracker> pods) {
            int n = pods.size();
            if (next >= n) {
                next = 0;
            }
            for (int i = 0; i < n; i++) {
                int idx = (next + i) % n;
                PodTracker p = pods.get(idx);
                if (p.tryReserve()) {
                    next = idx + 1;
                    return p;
                }
            }
            return null;
        }
    }
}
