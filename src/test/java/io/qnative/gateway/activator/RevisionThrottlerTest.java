package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RevisionThrottlerTest {

    /** A ticket that records what happened to it. */
    private static final class Probe implements Ticket.Callback {
        final List<String> events = new ArrayList<>();
        PodTracker pod;

        @Override
        public void granted(PodTracker p) {
            pod = p;
            events.add("granted " + p.ip());
        }

        @Override
        public void rejected(Ticket.Rejection rejection, String reason) {
            events.add(rejection.name());
        }
    }

    private final QueueLimits global = new QueueLimits(100);

    private RevisionThrottler throttler(int cc, int limit) {
        return new RevisionThrottler(global, new SplittableRandom(1), cc, limit);
    }

    private static Ticket ticket(Probe p) {
        return new Ticket(p);
    }

    @Test
    void queuesUntilTheFirstPodThenReleasesInOrder() {
        RevisionThrottler t = throttler(1, 10);
        Probe a = new Probe();
        Probe b = new Probe();
        Ticket ta = ticket(a);
        Ticket tb = ticket(b);
        t.acquire(ta);
        t.acquire(tb);
        assertThat(t.queued()).isEqualTo(2);
        assertThat(global.queued()).isEqualTo(2);

        t.pods(List.of(new PodTracker("10.0.0.1", 8080)));
        assertThat(a.events).containsExactly("granted 10.0.0.1");
        assertThat(b.events).isEmpty();

        t.release(ta);
        assertThat(b.events).containsExactly("granted 10.0.0.1");
        assertThat(t.queued()).isZero();
        assertThat(global.queued()).isZero();
    }

    /**
     * A retry's ticket avoids the pod that failed the request even when that pod is back in rotation (its re-probe
     * passed before the retry asked), for every policy, queued or not; alone, the pod is used again.
     */
    @Test
    void aRetryGoesToAnotherPodWhileThereIsOne() {
        for (int cc : new int[] {0, 1, 5}) {
            RevisionThrottler t = throttler(cc, 10);
            PodTracker failed = new PodTracker("10.0.0.1", 8080);
            PodTracker other = new PodTracker("10.0.0.2", 8080);
            t.pods(List.of(failed, other));
            for (int i = 0; i < 20; i++) {
                Probe retry = new Probe();
                Ticket ticket = new Ticket(retry, failed);
                t.acquire(ticket);
                assertThat(retry.events).as("cc %d, try %d", cc, i).containsExactly("granted 10.0.0.2");
                t.release(ticket);
            }

            t.pods(List.of(failed));
            Probe alone = new Probe();
            t.acquire(new Ticket(alone, failed));
            assertThat(alone.events).as("cc %d", cc).containsExactly("granted 10.0.0.1");
        }

        RevisionThrottler empty = throttler(1, 10);
        PodTracker failed = new PodTracker("10.0.0.1", 8080);
        Probe queued = new Probe();
        empty.acquire(new Ticket(queued, failed));
        assertThat(queued.events).isEmpty();
        empty.pods(List.of(failed, new PodTracker("10.0.0.3", 8080)));
        assertThat(queued.events).containsExactly("granted 10.0.0.3");
    }

    @Test
    void overflowBeyondTheRevisionBound() {
        RevisionThrottler t = throttler(1, 1);
        Probe a = new Probe();
        Probe b = new Probe();
        t.acquire(ticket(a));
        t.acquire(ticket(b));
        assertThat(a.events).isEmpty();
        assertThat(b.events).containsExactly("OVERFLOW");
    }

    @Test
    void overflowBeyondTheGlobalBound() {
        QueueLimits small = new QueueLimits(1);
        RevisionThrottler one = new RevisionThrottler(small, new SplittableRandom(1), 0, 10);
        RevisionThrottler two = new RevisionThrottler(small, new SplittableRandom(1), 0, 10);
        Probe a = new Probe();
        Probe b = new Probe();
        one.acquire(ticket(a));
        two.acquire(ticket(b));
        assertThat(b.events).containsExactly("OVERFLOW");
    }

    @Test
    void cancellingAQueuedTicketFreesItsPlace() {
        RevisionThrottler t = throttler(1, 1);
        Ticket ta = ticket(new Probe());
        t.acquire(ta);
        t.release(ta);
        assertThat(t.queued()).isZero();
        Probe b = new Probe();
        t.acquire(ticket(b));
        assertThat(b.events).isEmpty();
        assertThat(t.queued()).isEqualTo(1);
    }

    @Test
    void unlimitedConcurrencyGrantsEveryRequestOnceAPodExists() {
        RevisionThrottler t = throttler(0, 10);
        t.pods(List.of(new PodTracker("10.0.0.1", 8080)));
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Probe p = new Probe();
            probes.add(p);
            t.acquire(ticket(p));
        }
        assertThat(probes).allSatisfy(p -> assertThat(p.events).containsExactly("granted 10.0.0.1"));
    }

    @Test
    void failingRevisionRejectsQueuedAndNewRequests() {
        RevisionThrottler t = throttler(1, 10);
        Probe queued = new Probe();
        t.acquire(ticket(queued));
        t.failing("revision r is failing: ImagePullBackOff");
        Probe fresh = new Probe();
        t.acquire(ticket(fresh));
        assertThat(queued.events).containsExactly("FAILED");
        assertThat(fresh.events).containsExactly("FAILED");
        assertThat(global.queued()).isZero();
    }

    @Test
    void ejectedPodGetsNoMoreRequests() {
        RevisionThrottler t = throttler(5, 10);
        PodTracker a = new PodTracker("10.0.0.1", 8080);
        PodTracker b = new PodTracker("10.0.0.2", 8080);
        t.pods(List.of(a, b));
        t.eject(a);
        for (int i = 0; i < 3; i++) {
            Probe p = new Probe();
            t.acquire(ticket(p));
            assertThat(p.pod).isSameAs(b);
        }
    }

    @Test
    void slicingLimitsThisReplicaToItsPods() {
        RevisionThrottler t = throttler(1, 10);
        t.pods(List.of(new PodTracker("10.0.0.2", 8080), new PodTracker("10.0.0.10", 8080)));
        t.replicas(1, 2);
        assertThat(t.assigned()).extracting(PodTracker::ip).containsExactly("10.0.0.10");
    }

    @Test
    void queueBoundFollowsKnativeFormula() {
        assertThat(QueueLimits.revisionLimit(0, 0, 0)).isEqualTo(1000);
        assertThat(QueueLimits.revisionLimit(1, 0, 0)).isEqualTo(100);
        assertThat(QueueLimits.revisionLimit(10, 5, 0)).isEqualTo(500);
        assertThat(QueueLimits.revisionLimit(10, 5, 7)).isEqualTo(7);
    }
}
