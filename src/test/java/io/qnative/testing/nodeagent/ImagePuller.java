package io.qnative.testing.nodeagent;

import io.qnative.reconciler.revision.digest.RegistryAuth;
import io.qnative.testing.OnContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The node agent's image pull, as a kubelet's container runtime does it before it starts a container: for an image of
 * a registry on loopback (the local cluster's registry, hack/registry/up.sh: {@code 127.x.y.z:<port>/…} or {@code
 * localhost:<port>/…}) it fetches the manifest over the registry's v2 API ({@code GET /v2/<repo>/manifests/<tag or
 * digest>}) and reports the digest it got, which becomes the container's {@code imageID}; a digest reference must come
 * back with that very digest; with basic-auth credentials for the registry from the pod's {@code imagePullSecrets}
 * when it has some. Images of any other registry (the stand-ins' {@code gcr.io/knative-samples/…}, which this
 * machine does not reach) are not pulled: the stand-in app runs as before.
 *
 * <p>A pull that fails (registry down, manifest unknown) fails with the runtime's kind of message; the container then
 * waits in {@code ErrImagePull} / {@code ImagePullBackOff} and the pull is retried, as a kubelet does.
 */
final class ImagePuller implements AutoCloseable {

    /** The manifest types a runtime accepts (Docker schema 2, OCI, and their lists). */
    static final String ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    /** Host, repository and reference (tag or digest) of an image of a registry on loopback. */
    record LoopbackImage(String host, String repository, String reference) {
        boolean byDigest() {
            return reference.startsWith("sha256:");
        }
    }

    private final Vertx vertx;
    private final HttpClient http;

    ImagePuller(Vertx vertx) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setKeepAlive(false));
    }

    /** The image's registry on loopback, repository and reference; empty for any other registry. */
    static Optional<LoopbackImage> parse(String image) {
        if (image == null) {
            return Optional.empty();
        }
        int slash = image.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String host = image.substring(0, slash);
        String hostname = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        if (!hostname.equals("localhost") && !hostname.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return Optional.empty();
        }
        String rest = image.substring(slash + 1);
        String reference;
        String repository;
        int at = rest.indexOf('@');
        if (at >= 0) {
            reference = rest.substring(at + 1);
            repository = rest.substring(0, at);
        } else {
            repository = rest;
            reference = "latest";
        }
        int colon = repository.lastIndexOf(':');
        if (colon > repository.lastIndexOf('/')) {
            if (at < 0) {
                reference = repository.substring(colon + 1);
            }
            repository = repository.substring(0, colon);
        }
        return Optional.of(new LoopbackImage(host, repository, reference));
    }

    /**
     * Pulls {@code image}: the digest the registry served ({@code sha256:…}), or empty for an image that is not pulled
     * (not on a loopback registry); fails with the runtime's message when the pull fails.
     */
    Future<Optional<String>> pull(String image) {
        return pull(image, Map.of());
    }

    /** {@link #pull(String)} with {@code credentials} per registry host (from the pod's pull secrets). */
    Future<Optional<String>> pull(String image, Map<String, RegistryAuth.Credentials> credentials) {
        Optional<LoopbackImage> parsed = parse(image);
        if (parsed.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        LoopbackImage ref = parsed.get();
        String hostname = ref.host().contains(":") ? ref.host().substring(0, ref.host().indexOf(':')) : ref.host();
        int port = ref.host().contains(":") ? Integer.parseInt(ref.host().substring(ref.host().indexOf(':') + 1)) : 80;
        String uri = "/v2/" + ref.repository() + "/manifests/" + ref.reference();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(hostname).setPort(port)
                .setURI(uri).setIdleTimeout(10_000).putHeader("Accept", ACCEPT);
        RegistryAuth.Credentials login = credentials.get(ref.host());
        if (login != null) {
            options.putHeader("Authorization", login.basic());
        }
        String failure = "failed to pull and unpack image \"" + image + "\": failed to resolve reference \"" + image
                + "\": ";
        return OnContext.call(vertx, () -> http.request(options)
                .compose(request -> request.send().compose(response -> response.body().map(body -> {
                    if (response.statusCode() == 404) {
                        throw new IllegalStateException(failure + image + ": not found");
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(failure + "unexpected status from GET request to http://"
                                + ref.host() + uri + ": " + response.statusCode());
                    }
                    String digest = sha256(body.getBytes());
                    if (ref.byDigest() && !digest.equals(ref.reference())) {
                        throw new IllegalStateException(failure + "manifest digest " + digest + " does not match "
                                + ref.reference());
                    }
                    return Optional.of(digest);
                })))
                .recover(e -> Future.failedFuture(e instanceof IllegalStateException ? e
                        : new IllegalStateException(failure + "failed to do request: GET http://" + ref.host() + uri
                                + ": " + e.getMessage(), e))));
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
