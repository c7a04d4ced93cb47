package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Knative's breaker cases replayed: {@code pkg/queue/breaker_test.go} (the stored version, whose
 * {@code NewBreaker(queueDepth, maxConcurrency)} admits {@code maxConcurrency} requests at once and queues
 * {@code queueDepth} more). The activator's breakers are qnative's {@link RevisionThrottler}: one pod of
 * containerConcurrency {@code maxConcurrency} and a revision queue bound of {@code queueDepth}. A Go request is a
 * {@link Ticket}: accepted when it is granted a pod (at once or after waiting), shed when it is rejected with
 * {@link Ticket.Rejection#OVERFLOW}; unlocking it releases its slot.
 */
class KnativeBreakerCasesTest {

    /** One request: whether it was accepted (null while it waits). */
    private static final class Request implements Ticket.Callback {
        final Ticket ticket = new Ticket(this);
        Boolean accepted;

        @Override
        public void granted(PodTracker pod) {
            accepted = true;
        }

        @Override
        public void rejected(Ticket.Rejection rejection, String reason) {
            assertThat(rejection).isEqualTo(Ticket.Rejection.OVERFLOW);
            accepted = false;
        }
    }

    /** Go's {@code NewBreaker(queueDepth, maxConcurrency, false)}. */
    private static RevisionThrottler newBreaker(int queueDepth, int maxConcurrency) {
        RevisionThrottler b = new RevisionThrottler(new QueueLimits(10_000), new SplittableRandom(1), maxConcurrency,
                queueDepth);
        b.pods(List.of(new PodTracker("10.0.0.1", 8080)));
        return b;
    }

    private static Request concurrentRequest(RevisionThrottler b) {
        Request r = new Request();
        b.acquire(r.ticket);
        return r;
    }

    private static List<Request> concurrentRequests(RevisionThrottler b, int n) {
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(concurrentRequest(b));
        }
        return out;
    }

    /** The request's function returns; it must have run (or have been shed). */
    private static void unlock(RevisionThrottler b, Request r) {
        assertThat(r.accepted).as("decided before it is unlocked").isNotNull();
        b.release(r.ticket);
    }

    private static void unlockAll(RevisionThrottler b, List<Request> requests) {
        requests.forEach(r -> unlock(b, r));
    }

    private static List<Boolean> accepted(List<Request> requests) {
        return requests.stream().map(r -> r.accepted).toList();
    }

    @Test
    @DisplayName("TestBreakerOverload")
    void testBreakerOverload() {
        RevisionThrottler b = newBreaker(1, 1); // Breaker capacity = 2
        List<Request> locks = concurrentRequests(b, 3);
        // Only first two requests will be processed
        assertThat(locks.get(2).accepted).isFalse();
        unlockAll(b, locks);
        assertThat(accepted(locks)).containsExactly(true, true, false);
    }

    @Test
    @DisplayName("TestBreakerNoOverload")
    void testBreakerNoOverload() {
        RevisionThrottler b = newBreaker(1, 1); // Breaker capacity = 2
        List<Request> locks = new ArrayList<>();
        locks.add(concurrentRequest(b));
        locks.add(concurrentRequest(b));
        unlock(b, locks.get(0));
        locks.add(concurrentRequest(b));
        unlock(b, locks.get(1));
        locks.add(concurrentRequest(b));
        unlockAll(b, locks.subList(2, 4));
        // Only two requests will be in flight at a time
        assertThat(accepted(locks)).containsExactly(true, true, true, true);
    }

    @Test
    @DisplayName("TestBreakerRecover")
    void testBreakerRecover() {
        RevisionThrottler b = newBreaker(1, 1); // Breaker capacity = 2
        List<Request> locks = concurrentRequests(b, 4);
        unlockAll(b, locks);
        // Breaker recovers
        List<Request> moreLocks = concurrentRequests(b, 2);
        unlockAll(b, moreLocks);
        List<Request> all = new ArrayList<>(locks);
        all.addAll(moreLocks);
        // Shedding will stop when capacity opens up
        assertThat(accepted(all)).containsExactly(true, true, false, false, true, true);
    }

    @Test
    @DisplayName("TestBreakerLargeCapacityRecover")
    void testBreakerLargeCapacityRecover() {
        RevisionThrottler b = newBreaker(5, 45); // Breaker capacity = 50
        List<Boolean> want = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // First 50 will fill the breaker capacity, the next 50 will be shed, the next 50 will be processed as
            // capacity opens up
            want.add(i < 50 || i >= 100);
        }
        // Send 100 requests
        List<Request> locks = concurrentRequests(b, 100);
        // Process one request and send one request, 50 times
        for (int i = 100; i < 150; i++) {
            // Open capacity
            unlock(b, locks.get(i - 100));
            // Add another request
            locks.add(concurrentRequest(b));
        }
        unlockAll(b, locks.subList(50, 150));
        assertThat(accepted(locks)).containsExactlyElementsOf(want);
    }
}
