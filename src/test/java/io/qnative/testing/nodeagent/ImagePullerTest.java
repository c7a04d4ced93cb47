package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.qnative.reconciler.revision.digest.RegistryAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node agent's image pull against an HTTP server on loopback that answers the v2 manifest endpoint as a registry
 * does (the real registry runs in the E2E tier), and a container that waits for its image.
 */
class ImagePullerTest {

    private static final NodeAgentOptions OPTIONS = new NodeAgentOptions(1, "n-", true, Duration.ofSeconds(10),
            Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(400), 1);
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.docker.distribution.manifest.v2+json\",\"layers\":[]}";
    private static final RegistryAuth.Credentials ALICE = new RegistryAuth.Credentials("alice", "s3cret");
    private static final String DIGEST = ImagePuller.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));

    private static Vertx vertx;
    private static ImagePuller puller;
    private static Prober prober;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        puller = new ImagePuller(vertx);
        prober = new Prober(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        puller.close();
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void parsesOnlyImagesOfARegistryOnLoopback() {
        assertThat(ImagePuller.parse("127.0.0.1:5000/knative-samples/helloworld-go")).contains(
                new ImagePuller.LoopbackImage("127.0.0.1:5000", "knative-samples/helloworld-go", "latest"));
        assertThat(ImagePuller.parse("localhost:5100/a/b:v1")).contains(
                new ImagePuller.LoopbackImage("localhost:5100", "a/b", "v1"));
        assertThat(ImagePuller.parse("127.0.0.1:5000/a/b:v1@sha256:ab")).contains(
                new ImagePuller.LoopbackImage("127.0.0.1:5000", "a/b", "sha256:ab"));
        assertThat(ImagePuller.parse("127.0.0.1:5000/a/b@sha256:ab").orElseThrow().byDigest()).isTrue();
        assertThat(ImagePuller.parse(SampleImages.HELLOWORLD)).isEmpty();
        assertThat(ImagePuller.parse("gcr.io/knative-samples/helloworld-go@sha256:ab")).isEmpty();
        assertThat(ImagePuller.parse("helloworld-go")).isEmpty();
        assertThat(ImagePuller.parse("128.0.0.1:5000/a/b")).isEmpty();
        assertThat(ImagePuller.parse(null)).isEmpty();
    }

    @Test
    void anImageOfAnotherRegistryIsNotPulled() throws Exception {
        assertThat(pull(SampleImages.HELLOWORLD)).isEmpty();
    }

    @Test
    void aTagPullsTheDigestTheRegistryServesAndADigestMustMatchIt() throws Exception {
        HttpServer registry = registry(0);
        try {
            String host = "127.0.0.1:" + registry.actualPort();
            assertThat(pull(host + "/samples/hello:v1")).contains(DIGEST);
            assertThat(pull(host + "/samples/hello@" + DIGEST)).contains(DIGEST);
            assertThat(requests).containsExactly("/v2/samples/hello/manifests/v1",
                    "/v2/samples/hello/manifests/" + DIGEST);

            String other = "sha256:" + "0".repeat(64);
            assertThatThrownBy(() -> pull(host + "/samples/hello@" + other)).hasMessageContaining(
                    "failed to pull and unpack image \"" + host + "/samples/hello@" + other + "\"")
                    .hasMessageContaining("manifest digest " + DIGEST + " does not match " + other);
            assertThatThrownBy(() -> pull(host + "/samples/missing:v1"))
                    .hasMessageEndingWith(host + "/samples/missing:v1: not found");
        } finally {
            registry.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPrivateImageIsPulledWithThePullSecretsCredentialsForItsHostOnly() throws Exception {
        HttpServer registry = registry(0);
        try {
            String host = "127.0.0.1:" + registry.actualPort();
            String image = host + "/team/private:v1";
            assertThatThrownBy(() -> pull(image, Map.of())).hasMessageEndingWith("unexpected status from GET request "
                    + "to http://" + host + "/v2/team/private/manifests/v1: 401");
            assertThatThrownBy(() -> pull(image, Map.of("127.0.0.1:1", ALICE))).hasMessageEndingWith(": 401");
            assertThat(pull(image, Map.of(host, ALICE))).contains(DIGEST);
        } finally {
            registry.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aContainerWaitsInImagePullBackOffWhileTheRegistryIsDownAndRunsThePulledDigestOnceItIsBack()
            throws Exception {
        int registryPort = freePort();
        String image = "127.0.0.1:" + registryPort + "/samples/hello:v1";
        int port = freePort("127.0.251.20");
        Container spec = new ContainerBuilder().withName("user-container").withImage(image).addNewPort()
                .withContainerPort(port).endPort().build();
        ContainerProcess process = new ContainerProcess(vertx, vertx.getOrCreateContext(), prober, puller::pull, OPTIONS,
                "127.0.251.20", spec, Map.of(), "Always", () -> { });
        process.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> "ImagePullBackOff".equals(waiting(process.status())));
        ContainerStatus waiting = process.status();
        assertThat(waiting.getState().getWaiting().getMessage()).startsWith("failed to pull and unpack image \""
                + image + "\"").contains("GET http://127.0.0.1:" + registryPort + "/v2/samples/hello/manifests/v1");
        assertThat(waiting.getReady()).isFalse();
        assertThat(waiting.getContainerID()).isNull();

        HttpServer registry = registry(registryPort);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> process.status().getReady());
            assertThat(process.status().getImageID()).isEqualTo("docker-pullable://127.0.0.1:" + registryPort
                    + "/samples/hello@" + DIGEST);
            process.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } finally {
            registry.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private static String waiting(ContainerStatus status) {
        return status.getState().getWaiting() == null ? null : status.getState().getWaiting().getReason();
    }

    private Optional<String> pull(String image) throws Exception {
        return pull(image, Map.of());
    }

    private Optional<String> pull(String image, Map<String, RegistryAuth.Credentials> credentials) throws Exception {
        try {
            return puller.pull(image, credentials).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /**
     * Answers GET /v2/samples/hello/manifests/{v1, any digest} with {@link #MANIFEST} (a registry serving the wrong
     * bytes for a digest, which a pull must refuse), /v2/team/private/… with it for alice's basic auth only (else
     * 401), anything else 404.
     */
    private HttpServer registry(int port) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> {
            requests.add(request.path());
            if (request.path().startsWith("/v2/team/private/")) {
                boolean authorized = ALICE.basic().equals(request.getHeader("Authorization"));
                request.response().setStatusCode(authorized ? 200 : 401).end(authorized ? MANIFEST : "");
                return;
            }
            boolean known = request.path().equals("/v2/samples/hello/manifests/v1")
                    || request.path().startsWith("/v2/samples/hello/manifests/sha256:");
            if (known && request.getHeader("Accept") != null
                    && request.getHeader("Accept").contains("application/vnd.docker.distribution.manifest.v2+json")) {
                request.response().putHeader("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                        .putHeader("Docker-Content-Digest", DIGEST).end(MANIFEST);
            } else {
                request.response().setStatusCode(404).end("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
            }
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        return freePort("127.0.0.1");
    }

    private static int freePort(String ip) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            return socket.getLocalPort();
        }
    }
}
