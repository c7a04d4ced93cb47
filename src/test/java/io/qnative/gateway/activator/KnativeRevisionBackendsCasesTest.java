package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.testing.Admission;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's revision backends cases replayed: {@code pkg/activator/net/revision_backends_test.go}, the ones about
 * probing pod addresses before they get traffic. Knative's activator probes each pod's queue-proxy; qnative has none
 * and runs the revision's readiness probe itself ({@link PodProber}), so a Go pod is a local HTTP server here,
 * answering the revision's {@code httpGet} readiness probe with the codes Go's {@code FakeRoundTripper} scripts for
 * that host (the last one repeating; a transport error is the connection closed), and a Go
 * {@code revisionDestsUpdate} is the set of pods the {@link Activator} gives the revision's throttler. Go's pods are
 * named by their Go addresses; qnative probes continuously rather than when Go's test calls {@code checkDests}, so
 * "no update" is checked as "no change while several probes run".
 * <p>
 * Left out, with why:
 * <ul>
 * <li>The ClusterIP and mesh rows of TestRevisionWatcher ("single http2 clusterIP", "no pods, was happy", "clusterIP
 * slow ready, no pod addressability", "clusterIP ready, no pod addressability", "passthrough lb, clusterIP ready
 * but no fallback", "mesh mode enabled: pod ready but should still use cluster IP") and
 * TestRevisionBackendManagerAddEndpoint "no pod addressability": qnative never routes through the private Service's
 * ClusterIP; mesh compatibility and passthrough load balancing are non-goals (dataplane spec 10).</li>
 * <li>TestCheckDests, TestServiceDoesNotExist, TestServiceMoreThanOne: the private Service's ClusterIP lookup and
 * probing, and a stopped watcher; qnative reads no ClusterIP.</li>
 * <li>TestRevisionDeleted: that a deleted Endpoints stops the revision's watcher without an update is Go plumbing
 * (the watcher goroutine's lifecycle); qnative reads the revision's addresses again, and a revision's deletion is
 * {@link Activator#onRevisionDeleted} (TestThrottlerErrorNoRevision in {@link KnativeThrottlerCasesTest}).</li>
 * <li>The queue-proxy's probe contract (the {@code queue} body, {@code K-Network-Probe}): there is no queue-proxy;
 * a readiness probe passes on 200-399, as the kubelet's.</li>
 * </ul>
 */
class KnativeRevisionBackendsCasesTest {

    /** A transport error in a script: the pod closes the connection. */
    private static final int ERR = -1;
    /** How long "no update" is watched: several fast-phase probes (every 50 ms). */
    private static final long QUIET_MILLIS = 300;

    private static Vertx vertx;

    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Cluster cluster = new Cluster();
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void closePods() {
        cleanup.forEach(Runnable::run);
        pods.values().forEach(p -> p.server.close().toCompletionStage().toCompletableFuture().join());
    }

    /** One pod: a local server answering every request with the next code of its script. */
    private static final class Pod {
        final HttpServer server;
        final Deque<Integer> script = new ArrayDeque<>();

        Pod(int... codes) {
            script(codes);
            server = vertx.createHttpServer().requestHandler(req -> {
                int code = next();
                if (code == ERR) {
                    req.connection().close();
                } else {
                    req.response().setStatusCode(code).end();
                }
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        }

        /** Replaces the script: these codes in turn, the last one repeating. */
        synchronized void script(int... codes) {
            script.clear();
            for (int c : codes) {
                script.add(c);
            }
        }

        private synchronized int next() {
            return script.size() > 1 ? script.poll() : script.peek();
        }

        String address() {
            return "127.0.0.1:" + server.actualPort();
        }
    }

    /** Go's dest {@code name} as a pod with that script. */
    private Pod pod(String name, int... codes) {
        return pods.computeIfAbsent(name, n -> new Pod(codes));
    }

    /** Revisions and their addresses (address to ready), read on the activator's context. */
    private static final class Cluster implements ClusterView {
        final Map<String, Revision> revisions = new ConcurrentHashMap<>();
        final Map<String, Map<String, Boolean>> addresses = new ConcurrentHashMap<>();

        @Override
        public Optional<Revision> revision(String namespace, String name) {
            return Optional.ofNullable(revisions.get(name));
        }

        @Override
        public Map<String, Boolean> revisionAddresses(String namespace, String revision) {
            return addresses.getOrDefault(revision, Map.of());
        }

        @Override
        public ServiceEndpoints serviceEndpoints(String namespace, String name) {
            return ServiceEndpoints.NONE;
        }

        @Override
        public Optional<Service> service(String namespace, String name) {
            return Optional.empty();
        }
    }

    /** A revision with containerConcurrency 1 whose readiness probe is an httpGet on the pod's port. */
    private static Revision revisionCC1(String name, boolean h2c) {
        return Admission.yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {namespace: test-namespace, name: %s}
                spec:
                  containerConcurrency: 1
                  containers:
                  - image: img
                    ports: [{name: %s}]
                    readinessProbe: {httpGet: {path: /healthz}}
                """.formatted(name, h2c ? "h2c" : "http1"));
    }

    private final Activator activator = new Activator(vertx.getOrCreateContext(), cluster,
            new PodProbing(vertx, new PodProber(vertx, vertx.createHttpClient()), System::nanoTime, () -> 300),
            () -> Activator.Settings.DEFAULT, new SplittableRandom(1), "activator-0", "knative-serving", "gateway");

    /** Starts watching {@code rev}. */
    private RevisionThrottler watch(Revision rev) {
        cluster.revisions.put(rev.getMetadata().getName(), rev);
        cleanup.add(() -> activator.onRevisionDeleted(rev));
        return activator.throttler(RevisionSettings.of(rev));
    }

    /** The revision's endpoints now list these Go dests, ready or not. */
    private void dests(String rev, Set<String> ready, Set<String> notReady) {
        Map<String, Boolean> now = new HashMap<>();
        ready.forEach(d -> now.put(pods.get(d).address(), true));
        notReady.forEach(d -> now.put(pods.get(d).address(), false));
        cluster.addresses.put(rev, Map.copyOf(now));
        activator.onEndpoints(new EndpointsBuilder().withNewMetadata().withNamespace("test-namespace")
                .withName(rev + "-private").withLabels(Map.of(ServingKeys.REVISION, rev,
                        NetworkingKeys.SERVICE_TYPE, "Private")).endMetadata().build());
    }

    /** The Go names of the pods the throttler sends to. */
    private Set<String> healthy(RevisionThrottler rt) {
        Map<String, String> byAddress = new HashMap<>();
        pods.forEach((name, p) -> byAddress.put(p.address(), name));
        return rt.assigned().stream().map(t -> byAddress.get(t.address()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The throttler comes to send to {@code want} and still does after several more probes. */
    private void expect(RevisionThrottler rt, Set<String> want) throws InterruptedException {
        await().atMost(Duration.ofSeconds(5)).until(() -> healthy(rt).equals(new TreeSet<>(want)));
        Thread.sleep(QUIET_MILLIS);
        assertThat(healthy(rt)).isEqualTo(new TreeSet<>(want));
    }

    /** A row: pod scripts by Go name, ready and not-ready dests, the pods finally used. */
    private record Row(Map<String, int[]> scripts, Set<String> ready, Set<String> notReady, boolean h2c,
            Set<String> want) {
    }

    private static Map<String, int[]> scripts(Object... nameAndCodes) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCodes.length; i += 2) {
            out.put((String) nameAndCodes[i], (int[]) nameAndCodes[i + 1]);
        }
        return out;
    }

    private static int[] codes(int... codes) {
        return codes;
    }

    static Stream<Arguments> revisionWatcher() {
        return Stream.of(
                Arguments.of("single healthy podIP", new Row(scripts("128.0.0.1:1234", codes(200)),
                        Set.of("128.0.0.1:1234"), Set.of(), false, Set.of("128.0.0.1:1234"))),
                Arguments.of("single not ready but healthy podIP", new Row(scripts("128.0.0.1:1234", codes(200)),
                        Set.of(), Set.of("128.0.0.1:1234"), false, Set.of("128.0.0.1:1234"))),
                // Go's h2c revision has its queue-proxy probed over h2c; qnative probes the user container as the
                // kubelet does (HTTP/1.1), whatever the revision's protocol
                Arguments.of("single http2 podIP", new Row(scripts("128.0.0.1:1234", codes(200)),
                        Set.of("128.0.0.1:1234"), Set.of(), true, Set.of("128.0.0.1:1234"))),
                Arguments.of("no pods", new Row(scripts(), Set.of(), Set.of(), false, Set.of())),
                Arguments.of("single unavailable podIP", new Row(scripts("128.0.0.1:1234", codes(503)),
                        Set.of("128.0.0.1:1234"), Set.of(), false, Set.of())),
                Arguments.of("single error podIP", new Row(scripts("128.0.0.1:1234", codes(ERR)),
                        Set.of("128.0.0.1:1234"), Set.of(), false, Set.of())),
                Arguments.of("podIP slow ready", new Row(scripts("128.0.0.1:1234", codes(ERR, 200)),
                        Set.of("128.0.0.1:1234"), Set.of(), false, Set.of("128.0.0.1:1234"))),
                Arguments.of("multiple healthy podIP", new Row(scripts("128.0.0.1:1234", codes(200),
                        "128.0.0.2:1234", codes(200), "128.0.0.3:1234", codes(200)),
                        Set.of("128.0.0.1:1234", "128.0.0.2:1234"), Set.of("128.0.0.3:1234"), false,
                        Set.of("128.0.0.1:1234", "128.0.0.2:1234", "128.0.0.3:1234"))),
                Arguments.of("one healthy one unhealthy podIP", new Row(scripts("128.0.0.1:1234", codes(ERR),
                        "128.0.0.2:1234", codes(200)), Set.of("128.0.0.1:1234", "128.0.0.2:1234"), Set.of(), false,
                        Set.of("128.0.0.2:1234"))),
                Arguments.of("clusterIP ready, pod fails with non-mesh error then succeeds",
                        new Row(scripts("128.0.0.1:1234", codes(500, 200)), Set.of("128.0.0.1:1234"), Set.of(),
                                false, Set.of("128.0.0.1:1234"))),
                Arguments.of("mesh mode disabled: pod initially returns mesh-compatible error, but don't fallback",
                        new Row(scripts("128.0.0.1:1234", codes(503, 200)), Set.of("128.0.0.1:1234"), Set.of(),
                                false, Set.of("128.0.0.1:1234"))));
    }

    @ParameterizedTest(name = "TestRevisionWatcher/{0}")
    @MethodSource("revisionWatcher")
    void testRevisionWatcher(String name, Row tc) throws InterruptedException {
        tc.scripts().forEach(this::pod);
        RevisionThrottler rt = watch(revisionCC1("test-revision", tc.h2c()));
        dests("test-revision", tc.ready(), tc.notReady());
        expect(rt, tc.want());
    }

    @Test
    @DisplayName("TestRevisionWatcher/one healthy one unhealthy podIP then both healthy")
    void testRevisionWatcherOneHealthyThenBoth() {
        pod("128.0.0.1:1234", ERR, 200);
        pod("128.0.0.2:1234", 200, 200);
        RevisionThrottler rt = watch(revisionCC1("test-revision", false));
        List<Set<String>> updates = new ArrayList<>();
        dests("test-revision", Set.of("128.0.0.1:1234", "128.0.0.2:1234"), Set.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Set<String> now = healthy(rt);
            if (!now.isEmpty() && (updates.isEmpty() || !updates.get(updates.size() - 1).equals(now))) {
                updates.add(now);
            }
            return now.size() == 2;
        });
        assertThat(updates.get(updates.size() - 1)).containsExactly("128.0.0.1:1234", "128.0.0.2:1234");
        // the pod that failed its first probe joins after the other (Go's two updates; a poll may miss the first)
        assertThat(updates.get(0)).contains("128.0.0.2:1234");
    }

    static Stream<Arguments> addEndpoint() {
        return Stream.of(
                Arguments.of("add slow healthy", false, codes(503, 200), Set.of("128.0.0.1:1234"), Set.of(),
                        Set.of("128.0.0.1:1234")),
                Arguments.of("add slow ready http2", true, codes(503, 200), Set.of("128.0.0.1:1234"), Set.of(),
                        Set.of("128.0.0.1:1234")),
                // Not 503 error, so should not cause fall-back to mesh.
                Arguments.of("no pods available, but non-mesh-related error", false, codes(404),
                        Set.of("128.0.0.1:1234"), Set.of(), Set.of()),
                Arguments.of("unhealthy", false, codes(503), Set.of("128.0.0.1:1234"), Set.of(), Set.of()),
                Arguments.of("unready pod successfully probed", false, codes(200), Set.of(),
                        Set.of("128.0.0.1:1234"), Set.of("128.0.0.1:1234")));
    }

    @ParameterizedTest(name = "TestRevisionBackendManagerAddEndpoint/{0}")
    @MethodSource("addEndpoint")
    void testRevisionBackendManagerAddEndpoint(String name, boolean h2c, int[] script, Set<String> ready,
            Set<String> notReady, Set<String> want) throws InterruptedException {
        pod("128.0.0.1:1234", script);
        RevisionThrottler rt = watch(revisionCC1("test-revision", h2c));
        dests("test-revision", ready, notReady);
        expect(rt, want);
    }

    @Test
    @DisplayName("TestRevisionBackendManagerAddEndpoint/multiple revisions")
    void testRevisionBackendManagerAddEndpointMultipleRevisions() throws InterruptedException {
        // Go's FakeRoundTripper answers hosts it has no script for with a healthy response
        pod("128.0.0.1:1234", 200);
        pod("128.1.0.2:1235", 200);
        RevisionThrottler rt1 = watch(revisionCC1("test-revision1", false));
        RevisionThrottler rt2 = watch(revisionCC1("test-revision2", false));
        dests("test-revision1", Set.of("128.0.0.1:1234"), Set.of());
        dests("test-revision2", Set.of("128.1.0.2:1235"), Set.of());
        expect(rt1, Set.of("128.0.0.1:1234"));
        expect(rt2, Set.of("128.1.0.2:1235"));
    }

    /**
     * TestCheckDestsReadyToNotReady: a pod Kubernetes moves from ready to not ready is taken out and probed again.
     * Go's scripts count probes made when the test calls {@code checkDests}; qnative probes on its own clock, so each
     * step sets how the pods answer from then on.
     */
    @Test
    @DisplayName("TestCheckDestsReadyToNotReady")
    void testCheckDestsReadyToNotReady() throws InterruptedException {
        Pod p1 = pod("10.10.1.1", ERR);
        pod("10.10.1.2", 200);
        Pod p3 = pod("10.10.1.3", 200);
        RevisionThrottler rt = watch(revisionCC1("test-revision", false));
        // Initial state. Both are ready.
        dests("test-revision", Set.of("10.10.1.3", "10.10.1.2"), Set.of("10.10.1.1"));
        expect(rt, Set.of("10.10.1.2", "10.10.1.3"));

        // Now swing the ready to the non ready, and it should fail the probe.
        p3.script(ERR);
        dests("test-revision", Set.of("10.10.1.2"), Set.of("10.10.1.1", "10.10.1.3"));
        // The 10.10.1.3 should be not ready now.
        expect(rt, Set.of("10.10.1.2"));

        // Now just re-probe the same and it should succeed.
        p3.script(200);
        expect(rt, Set.of("10.10.1.2", "10.10.1.3"));

        // The last one should finally succeed.
        p1.script(200);
        expect(rt, Set.of("10.10.1.1", "10.10.1.2", "10.10.1.3"));
    }

    /** TestCheckDestsSwinging: endpoints change underneath (a pod crashes and restarts); steps as above. */
    @Test
    @DisplayName("TestCheckDestsSwinging")
    void testCheckDestsSwinging() throws InterruptedException {
        Pod p1 = pod("10.0.0.1:1234", ERR);
        Pod p2 = pod("10.0.0.2:1234", 200);
        pod("10.0.0.3:1234", 200);
        Pod p4 = pod("10.0.0.4:1234", ERR);
        RevisionThrottler rt = watch(revisionCC1("test-revision", false));

        // First not ready, second good.
        dests("test-revision", Set.of("10.0.0.1:1234", "10.0.0.2:1234"), Set.of());
        expect(rt, Set.of("10.0.0.2:1234"));

        // Second gone, first becomes ready.
        p1.script(200);
        dests("test-revision", Set.of("10.0.0.1:1234"), Set.of());
        expect(rt, Set.of("10.0.0.1:1234"));

        // Second is back, but not healthy yet.
        p2.script(ERR);
        dests("test-revision", Set.of("10.0.0.1:1234", "10.0.0.2:1234"), Set.of());
        expect(rt, Set.of("10.0.0.1:1234"));

        // All pods are happy now.
        p2.script(200);
        expect(rt, Set.of("10.0.0.1:1234", "10.0.0.2:1234"));

        // Add a notReady pod, but it's not ready. No update should be sent.
        dests("test-revision", Set.of("10.0.0.1:1234", "10.0.0.2:1234"), Set.of("10.0.0.4:1234"));
        expect(rt, Set.of("10.0.0.1:1234", "10.0.0.2:1234"));

        // The notReady pod is now ready!
        p4.script(200);
        expect(rt, Set.of("10.0.0.1:1234", "10.0.0.2:1234", "10.0.0.4:1234"));

        // Swing to a different pods.
        dests("test-revision", Set.of("10.0.0.3:1234", "10.0.0.2:1234"), Set.of());
        expect(rt, Set.of("10.0.0.2:1234", "10.0.0.3:1234"));

        // Scale down by 1.
        dests("test-revision", Set.of("10.0.0.2:1234"), Set.of());
        expect(rt, Set.of("10.0.0.2:1234"));
    }
}
