package io.qnative.reconciler.revision.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.qnative.api.serving.v1.ContainerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The background resolver over a fake registry and an executor the test drives. */
class DigestResolverTest {

    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);

    final Queue<Runnable> tasks = new ArrayDeque<>();
    final List<String> enqueued = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    final List<Optional<RegistryAuth.Credentials>> credentialsSeen = new ArrayList<>();
    String current = D1;
    final DigestResolver resolver = new DigestResolver(
            (ns, sa, secrets) -> Map.of("private.example", new RegistryAuth.Credentials("u", "p")),
            (ref, creds, timeout) -> {
                asked.add(ref.registry() + "/" + ref.repository() + ":" + ref.tag());
                credentialsSeen.add(creds);
                if (ref.repository().equals("missing")) {
                    throw new IOException("GET https://r.example/v2/missing/manifests/latest: MANIFEST_UNKNOWN");
                }
                return current;
            }, tasks::add, enqueued::add, 2);

    static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    static DigestResolver.Request request(String name, Container... containers) {
        return new DigestResolver.Request("ns", name, "", List.of(), List.of(containers), List.of(),
                Set.of("ko.local"), Duration.ofSeconds(1));
    }

    void runAll() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void aTagIsResolvedInTheBackgroundAndTheRevisionReEnqueued() {
        DigestResolver.Request r = request("a", container("app", "r.example/app:v1"));
        assertThat(resolver.resolve(r)).isEmpty();
        assertThat(resolver.resolve(r)).isEmpty();
        assertThat(tasks).hasSize(1);
        runAll();
        assertThat(enqueued).containsExactly("ns/a");
        assertThat(resolver.resolve(r).orElseThrow().containers()).extracting(ContainerStatus::getImageDigest)
                .containsExactly("r.example/app@" + D1);
    }

    @Test
    void aTagMovedAfterResolutionDoesNotChangeTheRevisionsDigestUntilCleared() {
        DigestResolver.Request r = request("a", container("app", "r.example/app:v1"));
        resolver.resolve(r);
        runAll();
        current = D2;
        assertThat(resolver.resolve(r).orElseThrow().containers().get(0).getImageDigest()).endsWith(D1);
        resolver.clear("ns", "a");
        resolver.resolve(r);
        runAll();
        assertThat(resolver.resolve(r).orElseThrow().containers().get(0).getImageDigest()).endsWith(D2);
    }

    @Test
    void digestsAndSkippedRegistriesPassThroughAtOnceWithoutTheRegistry() {
        DigestResolver.Request r = request("a", container("a", "r.example/app@" + D2),
                container("b", "ko.local/app:v1"));
        assertThat(resolver.resolve(r).orElseThrow().containers()).extracting(ContainerStatus::getImageDigest)
                .containsExactly("r.example/app@" + D2, "ko.local/app:v1");
        assertThat(asked).isEmpty();
        assertThat(tasks).isEmpty();
    }

    @Test
    void aFailureIsKnativesContainerMissingMessageForTheImage() {
        DigestResolver.Request r = request("a", container("app", "r.example/app:v1"),
                container("side", "r.example/missing"));
        resolver.resolve(r);
        runAll();
        DigestResolver.Resolution res = resolver.resolve(r).orElseThrow();
        assertThat(res.containers()).isNull();
        assertThat(res.error()).isEqualTo("Unable to fetch image \"r.example/missing\": failed to resolve image to"
                + " digest: GET https://r.example/v2/missing/manifests/latest: MANIFEST_UNKNOWN");
    }

    @Test
    void theRegistrysOwnCredentialsAreUsed() {
        resolver.resolve(request("a", container("app", "private.example/app:v1"), container("b", "r.example/b")));
        runAll();
        assertThat(credentialsSeen).containsExactly(Optional.of(new RegistryAuth.Credentials("u", "p")),
                Optional.empty());
    }

    @Test
    void theCacheIsBounded() {
        resolver.resolve(request("a", container("app", "r.example/app:v1")));
        resolver.resolve(request("b", container("app", "r.example/app:v1")));
        resolver.resolve(request("c", container("app", "r.example/app:v1")));
        assertThat(resolver.size()).isEqualTo(2);
    }
}
