package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Container lifecycles on a real Vert.x, on pod-range loopback addresses no agent hands out in tests. */
class ContainerProcessTest {

    private static final NodeAgentOptions OPTIONS = new NodeAgentOptions(1, "n-", true, Duration.ofSeconds(10),
            Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(400), 1);
    private static Vertx vertx;
    private static Prober prober;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        prober = new Prober(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void becomesReadyWhenTheTcpProbePassesAndServes() throws Exception {
        ContainerProcess process = process("127.0.251.1", container(freePort("127.0.251.1"), Map.of("TARGET", "Probe"), true));
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getReady());
        ContainerStatus status = process.status();
        assertThat(status.getStarted()).isTrue();
        assertThat(java.time.Instant.parse(status.getState().getRunning().getStartedAt()))
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        assertThat(status.getContainerID()).startsWith("containerd://");
        assertThat(status.getImageID()).startsWith("docker-pullable://gcr.io/knative-samples/helloworld-go@sha256:");
        assertThat(get("http://127.0.251.1:" + process.port() + "/")).isEqualTo("Hello Probe!\n");
        assertThat(changes.get()).isPositive();
        process.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void startupDelayKeepsTheContainerUnreadyUntilItListens() {
        ContainerProcess process = process("127.0.251.2", container(freePort("127.0.251.2"),
                Map.of(SampleImages.STARTUP_DELAY_MS, "800"), true));
        long start = System.nanoTime();
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getReady());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        process.stop();
    }

    @Test
    void neverReadyStaysUnreadyEvenWithoutAProbe() {
        ContainerProcess process = process("127.0.251.3", container(freePort("127.0.251.3"), Map.of(SampleImages.NEVER_READY, "true"),
                false));
        process.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() ->
                !process.status().getReady() && process.status().getState().getRunning() != null);
        process.stop();
    }

    @Test
    void crashOnStartGoesIntoCrashLoopBackOffWithTheExitCode() {
        ContainerProcess process = process("127.0.251.4", container(freePort("127.0.251.4"), Map.of(SampleImages.CRASH_ON_START, "7"),
                true));
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getRestartCount() >= 2);
        ContainerStatus status = process.status();
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(7);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getReady()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> process.status().getState().getWaiting() != null);
        assertThat(process.status().getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(process.alive()).isTrue();
        process.stop();
    }

    @Test
    void exitAfterRequestsRestartsAndNeverPolicyTerminatesForGood() throws Exception {
        ContainerProcess always = process("127.0.251.5", container(freePort("127.0.251.5"), Map.of(SampleImages.EXIT_AFTER_REQUESTS, "2",
                SampleImages.EXIT_CODE, "0"), false));
        always.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> always.status().getReady());
        get("http://127.0.251.5:" + always.port() + "/");
        get("http://127.0.251.5:" + always.port() + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> always.status().getRestartCount() == 1
                && always.status().getReady());
        assertThat(always.status().getLastState().getTerminated().getReason()).isEqualTo("Completed");
        always.stop();

        ContainerProcess never = new ContainerProcess(vertx, vertx.getOrCreateContext(), prober, OPTIONS,
                "127.0.251.6", container(freePort("127.0.251.6"), Map.of(SampleImages.CRASH_ON_START, "1"), false),
                Map.of(SampleImages.CRASH_ON_START, "1"), "Never", changes::incrementAndGet);
        never.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> never.status().getState().getTerminated() != null);
        assertThat(never.alive()).isFalse();
        assertThat(never.succeeded()).isFalse();
        assertThat(never.status().getRestartCount()).isZero();
    }

    @Test
    void failingLivenessProbeKillsAndRestartsTheContainer() {
        int port = freePort("127.0.251.7");
        Container container = container(port, Map.of(SampleImages.NEVER_READY, "true"), false);
        container.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewTcpSocket()
                .withPort(new IntOrString(port)).endTcpSocket().withPeriodSeconds(1).withFailureThreshold(1).build());
        ContainerProcess process = process("127.0.251.7", container);
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getRestartCount() >= 1);
        assertThat(process.status().getLastState().getTerminated().getExitCode()).isEqualTo(137);
        process.stop();
    }

    @Test
    void theReadinessImageLeavesReadyAfterStartFailingAndStaysRunning() throws Exception {
        int port = freePort("127.0.251.9");
        Container container = readinessImage(port);
        container.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet()
                .withPath(ReadinessImage.READINESS_PATH).endHttpGet().withPeriodSeconds(1).build());
        ContainerProcess process = process("127.0.251.9", container);
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getReady());
        String base = "http://127.0.251.9:" + port;
        assertThat(get(base + ReadinessImage.READINESS_PATH)).isEqualTo(ReadinessImage.TEXT);
        assertThat(post(base + ReadinessImage.START_FAILING)).isEqualTo("will now fail readiness");
        assertThat(get(base + ReadinessImage.READINESS_PATH)).isEqualTo("not healthy\n");
        // three failures of a 1 s probe (the default failureThreshold), as a kubelet counts them
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.status().getReady());
        assertThat(process.status().getState().getRunning()).isNotNull();
        assertThat(process.status().getRestartCount()).isZero();
        assertThat(get(base + "/")).isEqualTo(ReadinessImage.TEXT);
        process.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theReadinessImageFailingItsLivenessProbeRestartsHealthyWithItsCountReset() throws Exception {
        int port = freePort("127.0.251.10");
        Container container = readinessImage(port);
        container.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet()
                .withPath(ReadinessImage.LIVENESS_PATH).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(1).withFailureThreshold(3).build());
        ContainerProcess process = process("127.0.251.10", container);
        process.start();
        String base = "http://127.0.251.10:" + port;
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> process.status().getReady()
                && Integer.parseInt(get(base + ReadinessImage.LIVENESS_COUNTER_PATH)) >= 2);
        assertThat(process.status().getRestartCount()).isZero();
        post(base + ReadinessImage.START_FAILING);
        assertThat(get(base + ReadinessImage.LIVENESS_PATH)).isEqualTo("not healthy\n");
        await().atMost(Duration.ofSeconds(15)).until(() -> process.status().getRestartCount() == 1);
        assertThat(process.status().getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(process.status().getLastState().getTerminated().getMessage()).contains("failed liveness probe");
        // the new process is healthy again and counts its own checks from 0
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> process.status().getReady()
                && Integer.parseInt(get(base + ReadinessImage.LIVENESS_COUNTER_PATH)) >= 1);
        assertThat(Integer.parseInt(get(base + ReadinessImage.LIVENESS_COUNTER_PATH))).isLessThan(10);
        assertThat(process.status().getRestartCount()).isEqualTo(1);
        process.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Container readinessImage(int port) {
        return new ContainerBuilder().withName("user-container").withImage(SampleImages.READINESS + ":latest")
                .addNewPort().withContainerPort(port).endPort().build();
    }

    @Test
    void killLosesTheRequestsInFlightAndTheContainerRestarts() throws Exception {
        ContainerProcess process = process("127.0.251.8", container(18080,
                Map.of(StandinApp.DELAY_MS, "5000"), false));
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getReady());
        HttpClient client = HttpClient.newHttpClient();
        var inFlight = java.util.stream.IntStream.range(0, 3).mapToObj(i -> client.sendAsync(HttpRequest
                .newBuilder(URI.create("http://127.0.251.8:18080/")).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.app().inFlight() == 3);
        assertThat(process.kill().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        for (var request : inFlight) {
            assertThat(request).failsWithin(Duration.ofSeconds(10));
        }
        assertThat(process.status().getLastState().getTerminated().getExitCode()).isEqualTo(137);
        await().atMost(Duration.ofSeconds(10)).until(() -> process.status().getRestartCount() == 1
                && process.status().getReady());
        process.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void choosesThePortFromContainerPortThenEnvThen8080() {
        assertThat(ContainerProcess.containerPort(container(9999, Map.of(), false), Map.of("PORT", "1234")))
                .isEqualTo(9999);
        assertThat(ContainerProcess.containerPort(new ContainerBuilder().withName("c").build(), Map.of("PORT", "1234")))
                .isEqualTo(1234);
        assertThat(ContainerProcess.containerPort(new ContainerBuilder().withName("c").build(), Map.of()))
                .isEqualTo(8080);
        assertThat(ContainerProcess.imageId("r/x@sha256:ab")).isEqualTo("docker-pullable://r/x@sha256:ab");
    }

    @Test
    void resolvesProbePorts() {
        Container c = new ContainerBuilder().withName("c").addNewPort().withName("http1").withContainerPort(8013)
                .endPort().build();
        assertThat(Prober.resolvePort(new IntOrString(0), c, 8013)).isEqualTo(8013);
        assertThat(Prober.resolvePort(new IntOrString(81), c, 8013)).isEqualTo(81);
        assertThat(Prober.resolvePort(new IntOrString("http1"), c, 8080)).isEqualTo(8013);
        assertThat(Prober.resolvePort(new IntOrString("nope"), c, 8080)).isEqualTo(-1);
        assertThat(Prober.resolvePort(null, c, 8013)).isEqualTo(8013);
    }

    private ContainerProcess process(String ip, Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        return new ContainerProcess(vertx, vertx.getOrCreateContext(), prober, OPTIONS, ip, container, env, "Always",
                changes::incrementAndGet);
    }

    private static Container container(int port, Map<String, String> env, boolean probe) {
        ContainerBuilder builder = new ContainerBuilder().withName("user-container")
                .withImage(SampleImages.HELLOWORLD).addNewPort().withContainerPort(port).endPort()
                .withEnv(env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList());
        if (probe) {
            builder.withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(0)).endTcpSocket()
                    .withPeriodSeconds(1).endReadinessProbe();
        }
        return builder.build();
    }

    /**
     * A port free on {@code ip} now: a fixed port would collide when two test runs share the machine (each run
     * uses the same pod-range addresses).
     */
    private static int freePort(String ip) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String post(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
