package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbPolicyTest {

    private static List<PodTracker> pods(int n, int capacity) {
        List<PodTracker> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            PodTracker p = new PodTracker("10.0.0." + (i + 1), 8080);
            p.capacity(capacity);
            out.add(p);
        }
        return out;
    }

    @Test
    void policyFollowsContainerConcurrency() {
        var random = new SplittableRandom(1);
        assertThat(LbPolicy.forConcurrency(0, random)).isInstanceOf(LbPolicy.PowerOfTwoChoices.class);
        assertThat(LbPolicy.forConcurrency(1, random)).isInstanceOf(LbPolicy.FirstAvailable.class);
        assertThat(LbPolicy.forConcurrency(3, random)).isInstanceOf(LbPolicy.FirstAvailable.class);
        assertThat(LbPolicy.forConcurrency(4, random)).isInstanceOf(LbPolicy.RoundRobin.class);
    }

    @Test
    void firstAvailableFillsPodsInOrder() {
        List<PodTracker> pods = pods(3, 1);
        LbPolicy p = new LbPolicy.FirstAvailable();
        assertThat(p.pick(pods)).isSameAs(pods.get(0));
        assertThat(p.pick(pods)).isSameAs(pods.get(1));
        pods.get(0).release();
        assertThat(p.pick(pods)).isSameAs(pods.get(0));
        assertThat(p.pick(pods)).isSameAs(pods.get(2));
        assertThat(p.pick(pods)).isNull();
    }

    @Test
    void roundRobinStartsAfterTheLastPickAndSkipsFullPods() {
        List<PodTracker> pods = pods(3, 5);
        LbPolicy p = new LbPolicy.RoundRobin();
        assertThat(List.of(p.pick(pods), p.pick(pods), p.pick(pods), p.pick(pods)))
                .containsExactly(pods.get(0), pods.get(1), pods.get(2), pods.get(0));
        for (int i = 0; i < 5; i++) {
            pods.get(1).tryReserve();
        }
        assertThat(p.pick(pods)).isSameAs(pods.get(2));
    }

    @Test
    void powerOfTwoChoicesPrefersTheLessLoadedPod() {
        List<PodTracker> pods = pods(2, 0);
        for (int i = 0; i < 10; i++) {
            pods.get(0).tryReserve();
        }
        LbPolicy p = new LbPolicy.PowerOfTwoChoices(new SplittableRandom(7));
        // with two pods both are always drawn: the idle one wins until it has as many in flight
        for (int i = 0; i < 10; i++) {
            assertThat(p.pick(pods)).isSameAs(pods.get(1));
        }
    }

    @Test
    void powerOfTwoChoicesSpreadsEvenly() {
        List<PodTracker> pods = pods(4, 0);
        LbPolicy p = new LbPolicy.PowerOfTwoChoices(new SplittableRandom(3));
        Map<PodTracker, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(p.pick(pods), 1, Integer::sum);
        }
        // in flight is never released here, so choices keep the pods within one request of each other
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(99, 101));
    }
}
