package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Knative's load-balancing policy cases replayed: {@code pkg/activator/net/lb_policy_test.go}. Go's
 * {@code makeTrackers(n, cc)} is {@link #trackers} (capacity 0: unlimited); a reservation's callback is
 * {@link PodTracker#release()}; Go's weight is the requests in flight.
 */
class KnativeLbPolicyCasesTest {

    static List<PodTracker> trackers(int n, int cc) {
        List<PodTracker> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PodTracker p = new PodTracker("10.0.0." + (i + 1), 8080);
            p.capacity(cc);
            out.add(p);
        }
        return out;
    }

    @ParameterizedTest(name = "TestRandomChoice2/1 tracker (seed {0})")
    @ValueSource(longs = {1, 2, 3, 42})
    void testRandomChoice2OneTracker(long seed) {
        LbPolicy p = new LbPolicy.PowerOfTwoChoices(new SplittableRandom(seed));
        List<PodTracker> pods = trackers(1, 0);
        PodTracker pt = p.pick(pods);
        assertThat(pt).isSameAs(pods.get(0));
        assertThat(pt.inFlight()).isEqualTo(1);
        pt = p.pick(pods);
        assertThat(pt).isSameAs(pods.get(0));
        assertThat(pt.inFlight()).isEqualTo(2);
        pt.release();
        assertThat(pt.inFlight()).isEqualTo(1);
    }

    @ParameterizedTest(name = "TestRandomChoice2/2 trackers (seed {0})")
    @ValueSource(longs = {1, 2, 3, 42})
    void testRandomChoice2TwoTrackers(long seed) {
        LbPolicy p = new LbPolicy.PowerOfTwoChoices(new SplittableRandom(seed));
        List<PodTracker> pods = trackers(2, 0);
        PodTracker first = p.pick(pods);
        assertThat(first.inFlight()).isEqualTo(1);
        // must return a different one
        PodTracker second = p.pick(pods);
        assertThat(second).isNotSameAs(first);
        assertThat(second.inFlight()).isEqualTo(1);
        second.release();
        // should return the same one
        PodTracker third = p.pick(pods);
        assertThat(third.inFlight()).isEqualTo(1);
        assertThat(third).isSameAs(second);
    }

    @ParameterizedTest(name = "TestRandomChoice2/3 trackers (seed {0})")
    @ValueSource(longs = {1, 2, 3, 42})
    void testRandomChoice2ThreeTrackers(long seed) {
        LbPolicy p = new LbPolicy.PowerOfTwoChoices(new SplittableRandom(seed));
        List<PodTracker> pods = trackers(3, 0);
        PodTracker first = p.pick(pods);
        assertThat(first.inFlight()).isEqualTo(1);
        PodTracker second = p.pick(pods);
        assertThat(second.inFlight()).isEqualTo(1);
        second.release();
        // the same or the other unused one
        assertThat(p.pick(pods).inFlight()).isEqualTo(1);
    }

    @Test
    @DisplayName("TestFirstAvailable/1 tracker, 1 slot")
    void testFirstAvailableOneTracker() {
        List<PodTracker> pods = trackers(1, 1);
        LbPolicy p = new LbPolicy.FirstAvailable();
        assertThat(p.pick(pods)).isNotNull();
        assertThat(p.pick(pods)).isNull();
    }

    @Test
    @DisplayName("TestFirstAvailable/2 trackers, 1 slot")
    void testFirstAvailableTwoTrackers() {
        List<PodTracker> pods = trackers(2, 1);
        LbPolicy p = new LbPolicy.FirstAvailable();
        assertThat(p.pick(pods)).isSameAs(pods.get(0));
        assertThat(p.pick(pods)).isSameAs(pods.get(1));
    }

    @Test
    @DisplayName("TestRoundRobin/with cc=1")
    void testRoundRobinCc1() {
        LbPolicy rrp = new LbPolicy.RoundRobin();
        List<PodTracker> pods = trackers(3, 1);
        assertThat(rrp.pick(pods)).isSameAs(pods.get(0));
        assertThat(rrp.pick(pods)).isSameAs(pods.get(1));
        // a shorter list: the index starts over at 0, which is occupied
        assertThat(rrp.pick(pods.subList(0, 1))).isNull();
        PodTracker last = rrp.pick(pods);
        assertThat(last).isSameAs(pods.get(2));
        assertThat(rrp.pick(pods)).isNull();
        last.release();
        assertThat(rrp.pick(pods)).isSameAs(pods.get(2));
    }

    @Test
    @DisplayName("TestRoundRobin/with cc=2")
    void testRoundRobinCc2() {
        LbPolicy rrp = new LbPolicy.RoundRobin();
        List<PodTracker> pods = trackers(3, 2);
        assertThat(rrp.pick(pods)).isSameAs(pods.get(0));
        assertThat(rrp.pick(pods)).isSameAs(pods.get(1));
        assertThat(rrp.pick(pods.subList(0, 1))).isSameAs(pods.get(0));
        assertThat(rrp.pick(pods)).isSameAs(pods.get(1));
        assertThat(rrp.pick(pods)).isSameAs(pods.get(2));
        // 0 and 1 are full, so 2 again
        assertThat(rrp.pick(pods)).isSameAs(pods.get(2));
    }

    @Test
    @DisplayName("TestRoundRobin: a list shorter than the index starts over at 0 (newRoundRobinPolicy)")
    void roundRobinShrunkListStartsOverAtZero() {
        LbPolicy rrp = new LbPolicy.RoundRobin();
        List<PodTracker> pods = trackers(4, 2);
        rrp.pick(pods);
        rrp.pick(pods);
        rrp.pick(pods);
        // the index is 3; with 2 trackers Knative resets it to 0 rather than wrapping to 3 mod 2 = 1
        assertThat(rrp.pick(pods.subList(0, 2))).isSameAs(pods.get(0));
    }
}
