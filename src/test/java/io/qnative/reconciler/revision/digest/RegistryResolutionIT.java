package io.qnative.reconciler.revision.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.qnative.api.serving.v1.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Digest resolution against a real registry on loopback (Debian's docker-registry, distribution 2.8): an open one
 * and one behind htpasswd basic auth, both populated over the v2 API by the test. No Kubernetes needed.
 */
class RegistryResolutionIT {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    static Path dir;
    static LocalRegistry open;
    static LocalRegistry locked;
    static ExecutorService executor;

    final Map<String, RegistryAuth.Credentials> secrets = new ConcurrentHashMap<>();
    final Set<String> enqueued = ConcurrentHashMap.newKeySet();
    final DigestResolver resolver = new DigestResolver((ns, sa, names) -> Map.copyOf(secrets),
            RegistryClient.create()::digest, executor, enqueued::add, 100);

    @BeforeAll
    static void startRegistries() throws Exception {
        dir = Files.createTempDirectory("qnative-registry-it");
        open = LocalRegistry.start(dir.resolve("open"), null, null);
        locked = LocalRegistry.start(dir.resolve("locked"), "alice", "s3cret");
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopRegistries() throws Exception {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (open != null) {
            open.close();
        }
        if (locked != null) {
            locked.close();
        }
    }

    static DigestResolver.Request request(String revision, String image) {
        return new DigestResolver.Request("ns", revision, "", List.of(), List.of(new ContainerBuilder()
                .withName("user-container").withImage(image).build()), List.of(), Set.of("kind.local"), TIMEOUT);
    }

    DigestResolver.Resolution resolve(DigestResolver.Request request) {
        resolver.resolve(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> enqueued.contains("ns/" + request.name()));
        return resolver.resolve(request).orElseThrow();
    }

    static String digestOf(DigestResolver.Resolution r) {
        assertThat(r.error()).isNull();
        return r.containers().stream().map(ContainerStatus::getImageDigest).findFirst().orElseThrow();
    }

    @Test
    void aTagResolvesToTheRegistrysDigestForDockerAndOciManifests() throws Exception {
        String docker = open.push("samples/hello", "v1", "hello", LocalRegistry.DOCKER_MANIFEST);
        String oci = open.push("samples/hello", "oci", "hello oci", LocalRegistry.OCI_MANIFEST);

        assertThat(digestOf(resolve(request("docker", open.host() + "/samples/hello:v1"))))
                .isEqualTo(open.host() + "/samples/hello@" + docker);
        assertThat(digestOf(resolve(request("oci", open.host() + "/samples/hello:oci"))))
                .isEqualTo(open.host() + "/samples/hello@" + oci);
    }

    @Test
    void aTagMovedAfterResolutionDoesNotChangeThatRevisionsDigest() throws Exception {
        String first = open.push("samples/moving", "latest", "one", LocalRegistry.DOCKER_MANIFEST);
        String image = open.host() + "/samples/moving";
        assertThat(digestOf(resolve(request("rev-1", image)))).endsWith("@" + first);

        String second = open.push("samples/moving", "latest", "two", LocalRegistry.DOCKER_MANIFEST);
        assertThat(second).isNotEqualTo(first);
        assertThat(digestOf(resolver.resolve(request("rev-1", image)).orElseThrow())).endsWith("@" + first);
        assertThat(digestOf(resolve(request("rev-2", image)))).endsWith("@" + second);
    }

    @Test
    void aPrivateImageResolvesWithItsPullSecretAndFailsWithKnativesMessageWithout() throws Exception {
        String pushed = locked.push("team/private", "v1", "secret bits", LocalRegistry.DOCKER_MANIFEST);
        String image = locked.host() + "/team/private:v1";

        DigestResolver.Resolution denied = resolve(request("anonymous", image));
        assertThat(denied.containers()).isNull();
        assertThat(denied.error()).startsWith("Unable to fetch image \"" + image + "\": failed to resolve image to"
                + " digest: GET http://" + locked.host() + "/v2/team/private/manifests/v1: UNAUTHORIZED");

        secrets.put(locked.host(), new RegistryAuth.Credentials("alice", "s3cret"));
        assertThat(digestOf(resolve(request("with-secret", image)))).endsWith("@" + pushed);
    }

    @Test
    void aRegistryThatIsDownFailsWithinTheTimeoutAndResolvesOnceItIsBack() throws Exception {
        LocalRegistry flaky = LocalRegistry.start(dir.resolve("flaky"), null, null);
        try {
            String pushed = flaky.push("samples/flaky", "v1", "flaky", LocalRegistry.DOCKER_MANIFEST);
            flaky.stop();
            String image = flaky.host() + "/samples/flaky:v1";

            long start = System.nanoTime();
            DigestResolver.Resolution down = resolve(request("flaky", image));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
            assertThat(down.error()).startsWith("Unable to fetch image \"" + image + "\": failed to resolve image to"
                    + " digest: GET http://" + flaky.host() + "/v2/samples/flaky/manifests/v1");

            flaky.start();
            resolver.clear("ns", "flaky");
            enqueued.clear();
            assertThat(digestOf(resolve(request("flaky", image)))).endsWith("@" + pushed);
        } finally {
            flaky.close();
        }
    }
}
