package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.serving.v1.Revision;
import io.qnative.testing.Admission;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's throttler cases replayed: {@code pkg/activator/net/throttler_test.go}. Go's revision breaker capacity is
 * {@link RevisionThrottler#capacity()}, its {@code assignedTrackers} {@link RevisionThrottler#assigned()}, its
 * {@code numActivators}/{@code activatorIndex} {@link RevisionThrottler#replicas}; a {@code Try} is a
 * {@link Ticket} (granted = the function runs on that pod, released = it returned), and a request context that times
 * out while waiting is the ticket released before it is granted (the gateway's request timer does that).
 * <p>
 * Left out, with why:
 * <ul>
 * <li>TestThrottlerCalculateCapacity: the clamp of a cc-0 capacity to {@code queue.MaxBreakerCapacity}, Go plumbing
 * (its breaker is a channel, which needs a finite size); qnative's cc-0 gate has no count, it is open or shut.</li>
 * <li>TestThrottlerErrorNoRevision's "errors are propagated": {@code Try} returns its function's error; a qnative
 * ticket only hands out a pod, the proxy owns the request's outcome.</li>
 * <li>TestThrottlerSuccesses "single healthy clusterIP" and "multiple ClusterIP requests": qnative never routes
 * through the revision's ClusterIP (mesh compatibility is a non-goal); it always sends to probed pod IPs.</li>
 * <li>TestAssignSlice's "Capacity for the tail pod" checks: Go's {@code assignSlice} leaves a tracker's breaker as
 * the test built it (capacity 0); qnative's {@link Slicing} is pure and the throttler sets the slots of every
 * assigned pod, checked under TestPodAssignmentFinite.</li>
 * </ul>
 */
class KnativeThrottlerCasesTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A request through the throttler: where it was sent, or why not. */
    private static final class Request implements Ticket.Callback {
        final Ticket ticket = new Ticket(this);
        PodTracker dest;
        Ticket.Rejection rejection;
        String reason;

        @Override
        public void granted(PodTracker pod) {
            dest = pod;
        }

        @Override
        public void rejected(Ticket.Rejection r, String why) {
            rejection = r;
            reason = why;
        }

        static Request send(RevisionThrottler t) {
            Request r = new Request();
            t.acquire(r.ticket);
            return r;
        }
    }

    private static RevisionThrottler throttler(int cc) {
        return new RevisionThrottler(new QueueLimits(10_000), new SplittableRandom(1), cc, 10_000);
    }

    /** Go's {@code makeTrackers}: pods named "0", "1", ... (Go's dests sort as text, as qnative sorts non-IPs). */
    static List<PodTracker> makeTrackers(int num) {
        List<PodTracker> out = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            out.add(new PodTracker(String.valueOf(i), 8080));
        }
        return out;
    }

    private static List<PodTracker> dests(String... hostPorts) {
        return Stream.of(hostPorts).map(PodTracker::parse).toList();
    }

    private static List<String> addresses(List<PodTracker> pods) {
        return pods.stream().map(PodTracker::address).toList();
    }

    // TestThrottlerUpdateCapacity. Go's rows without podTrackers size the breaker from a count of ready backends
    // behind the revision's ClusterIP; qnative always routes to pods, so those rows run with that many pods.
    static Stream<Arguments> updateCapacity() {
        return Stream.of(
                // name, pods, numActivators, activatorIndex, cc, want, all pods assigned
                Arguments.of("capacity: 1, cc: 10", 1, 0, 0, 10, 1 * 10, false),
                Arguments.of("capacity: 10, cc: 10", 10, 0, 0, 10, 10 * 10, false),
                Arguments.of("capacity: 100, cc: 10", 100, 0, 0, 10, 100 * 10, false),
                Arguments.of("numActivators: 5, capacity: 10, cc: 10", 10, 5, 0, 10, 10 * 10 / 5, false),
                // Go wants 1: the ClusterIP path divides 10 x 10 slots by 200 activators (at least 1). Over pods,
                // replica 0 of 200 gets pod 0 of 10 and its 10 slots (dataplane spec 4.4: "if N > P, replica i
                // gets pod i mod P"), as Knative's own pod path would (pickIndices, then cc x assigned trackers).
                Arguments.of("numActivators: 200, capacity: 10, cc: 10", 10, 200, 0, 10, 10, false),
                Arguments.of("numActivators: 200, capacity: 0, cc: 10", 0, 200, 0, 10, 0, false),
                // cc 0: the gate is open (1) or shut (0)
                Arguments.of("newInfiniteBreaker, numActivators: 0, capacity: 0, cc: 0", 0, 0, 0, 0, 0, false),
                Arguments.of("newInfiniteBreaker, numActivators: 0, capacity: 1, cc: 0", 1, 0, 0, 0, 1, false),
                Arguments.of("newInfiniteBreaker, numActivators: 0, capacity: 10, cc: 0", 10, 0, 0, 0, 1, false),
                Arguments.of("newInfiniteBreaker, numActivators: 200, capacity: 0, cc: 0", 0, 200, 0, 0, 0, false),
                Arguments.of("newInfiniteBreaker, numActivators: 200, capacity: 1, cc: 0", 1, 200, 0, 0, 1, false),
                Arguments.of("numActivators: 1, capacity: 0, cc: 10, pods: 1", 1, 1, 0, 10, 10, false),
                Arguments.of("2 backends. numActivators: 1, capacity: -1, cc: 10, pods: 2", 2, 1, 0, 10, 20, false),
                Arguments.of("2 activators. numActivators: 2, capacity: -1, cc: 10, pods: 2", 2, 2, 0, 10, 10, false),
                Arguments.of("numActivators: 2, index: 0, pods: 3, cc: 1. Capacity is expected to 20 (2 * 10)",
                        3, 2, 0, 10, 20, false),
                Arguments.of("numActivators: 2, index: 1, pods: 3, cc: 1. Capacity is expected to 10 (1 * 10)",
                        3, 2, 1, 10, 10, false),
                Arguments.of("numActivators: 2, index: 0, pods: 5, cc: 1. Capacity is expected to 3 (2 + 1)",
                        5, 2, 0, 1, 3, false),
                Arguments.of("numActivators: 2, index: 1, pods: 5, cc: 1. Capacity is expected to 2",
                        5, 2, 1, 1, 2, false),
                Arguments.of("Infinite capacity with podIP trackers.", 3, 2, 1, 0, 1, true));
    }

    @ParameterizedTest(name = "TestThrottlerUpdateCapacity/{0}")
    @MethodSource("updateCapacity")
    void testThrottlerUpdateCapacity(String name, int pods, int numActivators, int activatorIndex, int cc, int want,
            boolean checkAssignedPod) {
        RevisionThrottler rt = throttler(cc);
        rt.replicas(activatorIndex, numActivators);
        List<PodTracker> trackers = makeTrackers(pods);
        rt.pods(trackers);
        assertThat(rt.capacity()).isEqualTo(want);
        if (checkAssignedPod) {
            assertThat(rt.assigned()).containsExactlyElementsOf(trackers);
        }
    }

    @Test
    @DisplayName("TestThrottlerErrorNoRevision")
    void testThrottlerErrorNoRevision() {
        Revision rev = revision("test-revision", 1);
        Cluster cluster = new Cluster(rev);
        cluster.pods.put("128.0.0.1:1234", true);
        Activator activator = activator(cluster, "activator-0");
        RevisionThrottler rt = activator.throttler(RevisionSettings.of(rev));
        await().atMost(Duration.ofSeconds(5)).until(() -> rt.healthyPods() == 1);

        // Make sure it now works.
        Request ok = Request.send(rt);
        assertThat(ok.dest.address()).isEqualTo("128.0.0.1:1234");
        rt.release(ok.ticket);

        activator.onRevisionDeleted(rev);
        // it fails now (Go: `revision.serving.knative.dev "test-revision" not found`, from the lister)
        Request gone = Request.send(rt);
        assertThat(gone.dest).isNull();
        assertThat(gone.rejection).isEqualTo(Ticket.Rejection.FAILED);
        assertThat(gone.reason).contains("test-revision");
    }

    @Test
    @DisplayName("TestThrottlerErrorOneTimesOut")
    void testThrottlerErrorOneTimesOut() {
        RevisionThrottler rt = throttler(1);
        rt.pods(dests("128.0.0.1:1234"));
        // Send 2 requests, one should time out.
        Request first = Request.send(rt);
        Request second = Request.send(rt);
        assertThat(first.dest.address()).isEqualTo("128.0.0.1:1234");
        assertThat(second.dest).isNull();
        // its context times out while it waits
        rt.release(second.ticket);
        assertThat(rt.queued()).isZero();
        // Allow the successful request to pass through: the one that timed out is not sent later
        rt.release(first.ticket);
        assertThat(second.dest).isNull();
        assertThat(second.rejection).isNull();
        assertThat(Request.send(rt).dest.address()).isEqualTo("128.0.0.1:1234");
    }

    // TestThrottlerSuccesses: revision cc, the updates one after the other, requests, the dests they reach
    static Stream<Arguments> successes() {
        return Stream.of(
                Arguments.of("single healthy podIP", 1,
                        List.of(dests("128.0.0.1:1234"), dests("128.0.0.1:1234")), 1, List.of("128.0.0.1:1234")),
                // Double updates exercise additional paths.
                Arguments.of("single healthy podIP, infinite cc", 0,
                        List.of(dests("128.0.0.2:1234", "128.0.0.32:1212"), dests("128.0.0.1:1234")), 1,
                        List.of("128.0.0.1:1234")),
                Arguments.of("spread podIP load", 1,
                        List.of(dests("128.0.0.3:1234"), dests("128.0.0.1:1234", "128.0.0.2:1234")), 2,
                        List.of("128.0.0.1:1234", "128.0.0.2:1234")),
                Arguments.of("clumping test", 3,
                        List.of(dests("128.0.0.1:1234", "128.0.0.2:1234", "128.0.0.2:4236", "128.0.0.2:1233",
                                "128.0.0.2:1230")), 3, List.of("128.0.0.1:1234")),
                // All three IP addresses should be used if cc>3. (Go's third dest has no port; a pod has one.)
                Arguments.of("roundrobin test", 5,
                        List.of(dests("128.0.0.1:1234", "128.0.0.2:1234", "211.212.213.214:80")), 3,
                        List.of("128.0.0.1:1234", "128.0.0.2:1234", "211.212.213.214:80")));
    }

    @ParameterizedTest(name = "TestThrottlerSuccesses/{0}")
    @MethodSource("successes")
    void testThrottlerSuccesses(String name, int cc, List<List<PodTracker>> initUpdates, int requests,
            List<String> wantDests) {
        RevisionThrottler rt = throttler(cc);
        // this activator (130.0.0.2) is the only one in the revision's public endpoints
        rt.replicas(0, 1);
        for (List<PodTracker> update : initUpdates) {
            rt.pods(update);
        }
        int dests = initUpdates.get(initUpdates.size() - 1).size();
        if (cc != 0) {
            assertThat(rt.capacity()).isEqualTo(dests * cc);
        } else {
            // If CC=0 then verify number of backends, rather the capacity of breaker.
            assertThat(rt.assigned()).hasSize(dests);
        }
        // Go checks the order as text; these dests sort the same by IP and port
        assertThat(addresses(rt.assigned())).isSorted();

        // every request holds its slot until all have reached their function
        List<Request> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sent.add(Request.send(rt));
        }
        assertThat(sent).allSatisfy(r -> assertThat(r.dest).isNotNull());
        assertThat(sent.stream().map(r -> r.dest.address()).distinct().sorted().toList())
                .containsExactlyElementsOf(wantDests);
    }

    @Test
    @DisplayName("TestPodAssignmentFinite")
    void testPodAssignmentFinite() {
        RevisionThrottler rt = throttler(42);
        rt.replicas(0, 4);
        List<PodTracker> update = dests("ip4:80", "ip3:80", "ip5:80", "ip2:80", "ip1:80", "ip0:80");
        rt.pods(update);
        assertThat(rt.healthyPods()).isEqualTo(update.size());
        // 6 = 4 * 1 + 2; index 0 and index 1 have 2 pods and others have 1 pod.
        assertThat(rt.assigned()).extracting(PodTracker::ip).containsExactlyInAnyOrder("ip0", "ip4");
        assertThat(rt.capacity()).isEqualTo(2 * 42);
        // the exclusive tracker, then the shared one
        assertThat(rt.assigned().get(0).capacity()).isEqualTo(42);
        assertThat(rt.assigned().get(1).capacity()).isEqualTo(42);

        // Now scale to zero.
        rt.pods(List.of());
        assertThat(rt.healthyPods()).isZero();
        assertThat(rt.assigned()).isEmpty();
        assertThat(rt.capacity()).isZero();
    }

    @Test
    @DisplayName("TestPodAssignmentInfinite")
    void testPodAssignmentInfinite() {
        RevisionThrottler rt = throttler(0);
        rt.pods(dests("ip3:80", "ip2:80", "ip1:80"));
        assertThat(rt.healthyPods()).isEqualTo(3);
        assertThat(rt.assigned()).hasSize(3);
        assertThat(rt.capacity()).isEqualTo(1);
        // Go wants 1: a tracker without a breaker reports 1; qnative's cc-0 pods have no slot count (0 = unlimited)
        assertThat(rt.assigned().get(0).capacity()).isZero();
        assertThat(rt.assigned().get(0).hasCapacity()).isTrue();

        // Now scale to zero.
        rt.pods(List.of());
        assertThat(rt.healthyPods()).isZero();
        assertThat(rt.assigned()).isEmpty();
        assertThat(rt.capacity()).isZero();
    }

    /**
     * TestActivatorsIndexUpdate, through the {@link Activator}: Go's revision public Endpoints listing the
     * activators are the gateway Service's endpoints here (every replica is in the path of every revision), and a
     * replica finds itself by pod name rather than by IP.
     */
    @Test
    @DisplayName("TestActivatorsIndexUpdate")
    void testActivatorsIndexUpdate() {
        Revision rev = revision("test-revision", 1);
        Cluster cluster = new Cluster(rev);
        for (String d : List.of("128.0.0.1:1234", "128.0.0.2:1234", "128.0.0.23:1234")) {
            cluster.pods.put(d, true);
        }
        Activator activator = activator(cluster, "activator-2");
        RevisionThrottler rt = activator.throttler(RevisionSettings.of(rev));

        // Add activator endpoint with 2 activators.
        cluster.gateway("130.0.0.1", "activator-1", "130.0.0.2", "activator-2");
        activator.onEndpoints(gatewayEndpoints());
        // Capacity doesn't exceed 1 in this test.
        await().atMost(Duration.ofSeconds(5)).until(() -> rt.healthyPods() == 3 && rt.capacity() == 1);
        assertThat(rt.assigned()).hasSize(1);
        assertThat(rt.assigned().get(0).address()).isEqualTo("128.0.0.2:1234");

        cluster.gateway("130.0.0.2", "activator-2");
        activator.onEndpoints(gatewayEndpoints());
        // Verify the index was computed: one replica, all pods.
        await().atMost(Duration.ofSeconds(5)).until(() -> rt.capacity() == 3);
        assertThat(rt.assigned()).hasSize(3);
    }

    /**
     * Beyond the Go test, from the code it covers: an activator that is not among the endpoints' ready addresses
     * (here a replica failing readiness while it drains) changes nothing and keeps its index and count
     * ({@code revisionThrottler.handlePubEpsUpdate}, pkg/activator/net/throttler.go: "this activator is not in
     * path"); only a replica that never knew its index uses every pod.
     */
    @Test
    @DisplayName("TestActivatorsIndexUpdate: not in the endpoints, the index stays (handlePubEpsUpdate)")
    void testActivatorsIndexUpdateNotInPath() {
        Revision rev = revision("test-revision", 1);
        Cluster cluster = new Cluster(rev);
        for (String d : List.of("128.0.0.1:1234", "128.0.0.2:1234", "128.0.0.23:1234", "128.0.0.24:1234")) {
            cluster.pods.put(d, true);
        }
        Context context = vertx.getOrCreateContext();
        Activator activator = activator(cluster, "activator-2", context);
        RevisionThrottler rt = activator.throttler(RevisionSettings.of(rev));
        cluster.gateway("130.0.0.1", "activator-1", "130.0.0.2", "activator-2");
        activator.onEndpoints(gatewayEndpoints());
        await().atMost(Duration.ofSeconds(5)).until(() -> rt.healthyPods() == 4 && rt.capacity() == 2);
        assertThat(addresses(rt.assigned())).containsExactly("128.0.0.23:1234", "128.0.0.24:1234");

        // this replica leaves the ready addresses; the other one stays
        cluster.gateway("130.0.0.1", "activator-1");
        activator.onEndpoints(gatewayEndpoints());
        settle(context);
        assertThat(addresses(rt.assigned())).containsExactly("128.0.0.23:1234", "128.0.0.24:1234");
        assertThat(rt.capacity()).isEqualTo(2);

        // none ready at all: still in place
        cluster.gateway();
        activator.onEndpoints(gatewayEndpoints());
        settle(context);
        assertThat(rt.capacity()).isEqualTo(2);
    }

    @Test
    @DisplayName("TestMultipleActivators")
    void testMultipleActivators() {
        List<PodTracker> possibleDests = dests("128.0.0.1:1234", "128.0.0.2:1234", "128.0.0.23:1234");
        RevisionThrottler rt = throttler(1);
        rt.pods(possibleDests);
        // 2 activators, this is 130.0.0.2
        rt.replicas(Activator.replicaIndex(List.of(new ServiceEndpoints.Address("130.0.0.1", true, "activator-1"),
                new ServiceEndpoints.Address("130.0.0.2", true, "activator-2")), "activator-2"), 2);
        assertThat(rt.capacity()).isEqualTo(1);

        // Test with 2 activators, 3 endpoints we can send 1 request and the second times out.
        Request first = Request.send(rt);
        Request second = Request.send(rt);
        assertThat(second.dest).isNull();
        rt.release(second.ticket);
        assertThat(possibleDests).contains(first.dest);
    }

    @Test
    @DisplayName("TestInfiniteBreakerCreation")
    void testInfiniteBreakerCreation() {
        // This test verifies that we use infiniteBreaker when CC==0: no per-pod limit once a pod is there.
        RevisionThrottler rt = throttler(0);
        rt.pods(dests("10.0.0.1:8080"));
        for (int i = 0; i < 5_000; i++) {
            assertThat(Request.send(rt).dest).isNotNull();
        }
        assertThat(rt.capacity()).isEqualTo(1);
    }

    @Test
    @DisplayName("TestInfiniteBreaker")
    void testInfiniteBreaker() {
        RevisionThrottler b = throttler(0);
        // Verify initial condition.
        assertThat(b.capacity()).isZero();
        // a request whose context is done while the gate is shut gets nothing
        Request cancelled = Request.send(b);
        b.release(cancelled.ticket);
        assertThat(cancelled.dest).isNull();

        b.pods(dests("10.0.0.1:8080"));
        assertThat(b.capacity()).isEqualTo(1);
        // Verify we call the thunk when we have achieved capacity. Twice.
        for (int i = 0; i < 2; i++) {
            assertThat(Request.send(b).dest).isNotNull();
        }

        // Scale to zero
        b.pods(List.of());
        // Repeat initial test.
        cancelled = Request.send(b);
        b.release(cancelled.ticket);
        assertThat(cancelled.dest).isNull();
        assertThat(b.capacity()).isZero();

        // And now do the async test: the gate opens while a request waits.
        Request waiting = Request.send(b);
        assertThat(waiting.dest).isNull();
        b.pods(dests("10.0.0.1:8080"));
        assertThat(waiting.dest).isNotNull();
    }

    static Stream<Arguments> inferIndex() {
        return Stream.of(
                Arguments.of("empty", List.of(), -1),
                Arguments.of("missing", List.of("11.11.11.11", "11.11.11.12"), -1),
                Arguments.of("first", List.of("10.10.10.3", "11.11.11.11"), 0),
                Arguments.of("middle", List.of("10.10.10.1", "10.10.10.2", "10.10.10.3", "11.11.11.11"), 2),
                Arguments.of("last", List.of("10.10.10.1", "10.10.10.2", "10.10.10.3"), 2));
    }

    @ParameterizedTest(name = "TestInferIndex/{0}")
    @MethodSource("inferIndex")
    void testInferIndex(String label, List<String> ips, int want) {
        // myIP is 10.10.10.3; qnative finds its replica by pod name, so each address names its pod after its IP.
        // Go's list comes sorted; qnative sorts the endpoints itself, so they are given in reverse.
        List<ServiceEndpoints.Address> ready = new ArrayList<>();
        for (String ip : ips) {
            ready.add(0, new ServiceEndpoints.Address(ip, true, "pod-" + ip));
        }
        assertThat(Activator.replicaIndex(ready, "pod-10.10.10.3")).isEqualTo(want);
    }

    static Stream<Arguments> pickIndices() {
        return Stream.of(
                // l, pods, acts, idx, wantB, wantE, wantR
                Arguments.of("1 pod, 1 activator", 1, 1, 0, 0, 1, 0),
                Arguments.of("1 pod, 2 activators, this is 0", 1, 2, 0, 0, 1, 0),
                Arguments.of("1 pod, 2 activators, this is 1", 1, 2, 1, 0, 1, 0),
                Arguments.of("2 pods, 3 activators, this is 1", 2, 3, 1, 1, 2, 0),
                Arguments.of("2 pods, 3 activators, this is 2", 2, 3, 2, 0, 1, 0),
                Arguments.of("3 pods, 3 activators, this is 2", 3, 3, 2, 2, 3, 0),
                Arguments.of("10 pods, 3 activators this is 0", 10, 3, 0, 0, 3, 1),
                Arguments.of("10 pods, 3 activators this is 1", 10, 3, 1, 3, 6, 1),
                Arguments.of("10 pods, 3 activators this is 2", 10, 3, 2, 6, 9, 1),
                Arguments.of("150 pods, 5 activators this is 0", 150, 5, 0, 0, 30, 0),
                Arguments.of("150 pods, 5 activators this is 1", 150, 5, 1, 30, 60, 0),
                Arguments.of("150 pods, 5 activators this is 4", 150, 5, 4, 120, 150, 0));
    }

    /**
     * Go's {@code pickIndices} gives the slice's bounds and the remnant count; {@link Slicing#assign} gives the
     * slice itself: pods {@code [b, e)}, plus remnant pod {@code pods - r + idx} when {@code idx < r}.
     */
    @ParameterizedTest(name = "TestPickIndices/{0}")
    @MethodSource("pickIndices")
    void testPickIndices(String l, int pods, int acts, int idx, int wantB, int wantE, int wantR) {
        List<Integer> all = Stream.iterate(0, i -> i + 1).limit(pods).toList();
        List<Integer> want = new ArrayList<>(all.subList(wantB, wantE));
        if (idx < wantR) {
            want.add(pods - wantR + idx);
        }
        assertThat(Slicing.assign(all, idx, acts)).containsExactlyElementsOf(want);
    }

    @Test
    @DisplayName("TestAssignSlice")
    void testAssignSlice() {
        // assignSlice receives the pod trackers sorted.
        List<String> trackers = List.of("1", "2", "3");
        // notrackers
        assertThat(Slicing.assign(List.<String>of(), 0, 1)).isEmpty();
        // idx=1, na=1
        assertThat(Slicing.assign(trackers, 1, 1)).isEqualTo(trackers);
        // idx=-1
        assertThat(Slicing.assign(trackers, -1, 1)).isEqualTo(trackers);
        // idx=1
        assertThat(Slicing.assign(trackers, 1, 3)).isEqualTo(trackers.subList(1, 2));
        // len=1
        assertThat(Slicing.assign(trackers.subList(0, 1), 1, 3)).isEqualTo(trackers.subList(0, 1));
        // idx=1, cc=5 and idx=1, cc=6: the slice does not depend on cc
        assertThat(Slicing.assign(trackers, 1, 2)).isEqualTo(trackers.subList(1, 2));
    }

    // --- the Activator over a fixed cluster

    private static final String SYSTEM = "knative-serving";
    private static final String GATEWAY = "gateway";

    /** A revision with containerConcurrency {@code cc} and an exec readiness probe (pods are not probed). */
    private static Revision revision(String name, int cc) {
        return Admission.yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {namespace: test-namespace, name: %s}
                spec:
                  containerConcurrency: %d
                  containers:
                  - image: img
                    readinessProbe: {exec: {command: ["true"]}}
                """.formatted(name, cc));
    }

    /** One revision, its pod addresses (to ready) and the gateway's replicas. */
    private static final class Cluster implements ClusterView {
        final Revision revision;
        final Map<String, Boolean> pods = new LinkedHashMap<>();
        volatile ServiceEndpoints gateway = ServiceEndpoints.NONE;

        Cluster(Revision revision) {
            this.revision = revision;
        }

        /** The gateway's ready replicas: ip, pod name, ip, pod name... */
        void gateway(String... ipAndPod) {
            List<ServiceEndpoints.Address> ready = new ArrayList<>();
            for (int i = 0; i < ipAndPod.length; i += 2) {
                ready.add(new ServiceEndpoints.Address(ipAndPod[i], true, ipAndPod[i + 1]));
            }
            gateway = new ServiceEndpoints(List.of(new ServiceEndpoints.Group(
                    List.of(new ServiceEndpoints.Port("http", 8081)), ready)));
        }

        @Override
        public Optional<Revision> revision(String namespace, String name) {
            return Optional.of(revision).filter(r -> r.getMetadata().getName().equals(name));
        }

        @Override
        public Map<String, Boolean> revisionAddresses(String namespace, String rev) {
            return Map.copyOf(pods);
        }

        @Override
        public ServiceEndpoints serviceEndpoints(String namespace, String name) {
            return SYSTEM.equals(namespace) && GATEWAY.equals(name) ? gateway : ServiceEndpoints.NONE;
        }

        @Override
        public Optional<Service> service(String namespace, String name) {
            return Optional.empty();
        }
    }

    private static Activator activator(ClusterView cluster, String podName) {
        return activator(cluster, podName, vertx.getOrCreateContext());
    }

    private static Activator activator(ClusterView cluster, String podName, Context context) {
        PodProbing probing = new PodProbing(vertx, new PodProber(vertx, vertx.createHttpClient()), System::nanoTime,
                () -> 300);
        return new Activator(context, cluster, probing, () -> Activator.Settings.DEFAULT, new SplittableRandom(1),
                podName, SYSTEM, GATEWAY);
    }

    /** Waits for what runs on {@code context} so far (the activator's bookkeeping). */
    private static void settle(Context context) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> done.complete(null));
        done.join();
    }

    private static Endpoints gatewayEndpoints() {
        return new EndpointsBuilder().withNewMetadata().withNamespace(SYSTEM).withName(GATEWAY).endMetadata().build();
    }
}
