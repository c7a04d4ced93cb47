package io.qnative.reconciler.revision.digest;

import io.fabric8.kubernetes.api.model.Container;
import io.qnative.api.serving.v1.ContainerStatus;
import io.qnative.api.serving.v1.RevisionStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Knative's background digest resolver ({@code pkg/reconciler/revision/background.go}): the first
 * {@link #resolve} of a Revision starts its resolution on {@code executor} and answers empty; when it completes,
 * {@code done} is called with the Revision's key (re-enqueue) and the next {@link #resolve} answers the
 * {@link Resolution}. Results stay until {@link #clear} (the reconciler clears once they are in the status), so a
 * tag that moves meanwhile does not change a Revision's digests. At most {@code capacity} Revisions are held, the
 * oldest dropped first.
 */
public final class DigestResolver {

    /** The credentials a Revision's images are pulled with. */
    @FunctionalInterface
    public interface Keychain {

        /**
         * Credentials per registry host from the pull secrets {@code pullSecrets} and those of ServiceAccount
         * {@code serviceAccount} in {@code namespace}; missing secrets are skipped, as the kubelet does.
         */
        Map<String, RegistryAuth.Credentials> credentials(String namespace, String serviceAccount,
                List<String> pullSecrets) throws Exception;
    }

    /** Resolves one reference to a digest (the registry call). */
    @FunctionalInterface
    public interface Digester {

        /** The digest of {@code ref} within {@code timeout}. */
        String digest(ImageRef ref, Optional<RegistryAuth.Credentials> credentials, Duration timeout)
                throws IOException, InterruptedException;
    }

    /** What to resolve for one Revision. */
    public record Request(String namespace, String name, String serviceAccount, List<String> pullSecrets,
            List<Container> containers, List<Container> initContainers, Set<String> registriesSkipping,
            Duration timeout) {
    }

    /**
     * The outcome: statuses of every container, or {@code error}, Knative's message naming the first image that
     * could not be resolved.
     */
    public record Resolution(List<ContainerStatus> containers, List<ContainerStatus> initContainers, String error) {
    }

    private final Keychain keychain;
    private final Digester digester;
    private final Executor executor;
    private final Consumer<String> done;
    private final int capacity;
    private final Map<String, CompletableFuture<Resolution>> results;

    public DigestResolver(Keychain keychain, Digester digester, Executor executor, Consumer<String> done,
            int capacity) {
        this.keychain = keychain;
        this.digester = digester;
        this.executor = executor;
        this.done = done;
        this.capacity = capacity;
        this.results = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Resolution>> eldest) {
                return size() > DigestResolver.this.capacity;
            }
        };
    }

    /** The Revision's resolution when done; empty while it runs (started by the first call). */
    public Optional<Resolution> resolve(Request request) {
        if (!needsRegistry(request)) {
            // every image is by digest or skipped: nothing to fetch, nothing to wait for
            return Optional.of(run(request));
        }
        String key = request.namespace() + "/" + request.name();
        CompletableFuture<Resolution> future;
        boolean started = false;
        synchronized (results) {
            future = results.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                results.put(key, future);
                started = true;
            }
        }
        if (started) {
            CompletableFuture<Resolution> target = future;
            executor.execute(() -> {
                target.complete(run(request));
                done.accept(key);
            });
        }
        return future.isDone() ? Optional.of(future.join()) : Optional.empty();
    }

    /** Forgets the Revision's resolution (done with it, or to retry after a failure). */
    public void clear(String namespace, String name) {
        synchronized (results) {
            results.remove(namespace + "/" + name);
        }
    }

    /** How many Revisions are held. */
    public int size() {
        synchronized (results) {
            return results.size();
        }
    }

    /** Whether some image must be looked up in its registry (invalid references fail in {@link #run}). */
    static boolean needsRegistry(Request request) {
        for (List<Container> list : List.of(request.containers(), request.initContainers())) {
            for (Container c : list) {
                try {
                    ImageRef ref = ImageRef.parse(c.getImage());
                    if (!ref.hasDigest() && !request.registriesSkipping().contains(ref.registry())) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private Resolution run(Request request) {
        Map<String, RegistryAuth.Credentials> credentials;
        try {
            credentials = needsRegistry(request) ? keychain.credentials(request.namespace(),
                    request.serviceAccount(), request.pullSecrets()) : Map.of();
        } catch (Exception e) {
            String image = request.containers().isEmpty() ? "" : request.containers().get(0).getImage();
            return new Resolution(null, null, RevisionStatus.containerMissingMessage(image,
                    "failed to read the pull secrets: " + e.getMessage()));
        }
        List<ContainerStatus> containers = new ArrayList<>();
        List<ContainerStatus> inits = new ArrayList<>();
        for (List<Container> list : List.of(request.containers(), request.initContainers())) {
            for (Container c : list) {
                try {
                    ContainerStatus status = new ContainerStatus();
                    status.setName(c.getName());
                    status.setImageDigest(digestOf(c.getImage(), credentials, request));
                    (list == request.containers() ? containers : inits).add(status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failure(c.getImage(), e);
                } catch (IOException | RuntimeException e) {
                    return failure(c.getImage(), e);
                }
            }
        }
        return new Resolution(containers, inits.isEmpty() ? null : inits, null);
    }

    /** The image by digest; as written when it has one already or its registry skips tag resolving. */
    private String digestOf(String image, Map<String, RegistryAuth.Credentials> credentials, Request request)
            throws IOException, InterruptedException {
        ImageRef ref = ImageRef.parse(image);
        if (ref.hasDigest() || request.registriesSkipping().contains(ref.registry())) {
            return image;
        }
        String digest = digester.digest(ref, Optional.ofNullable(credentials.get(ref.registry())),
                request.timeout());
        return ref.withDigest(digest);
    }

    private static Resolution failure(String image, Exception e) {
        return new Resolution(null, null, RevisionStatus.containerMissingMessage(image,
                "failed to resolve image to digest: " + e.getMessage()));
    }
}
