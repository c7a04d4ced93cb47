package io.qnative.reconciler.revision.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Resolves a tag to its manifest digest over the registry v2 API: {@code GET /v2/<repo>/manifests/<tag>} accepting
 * Docker v2 manifests and manifest lists and OCI manifests and indexes; on {@code 401} the {@code WWW-Authenticate}
 * challenge is answered with basic auth, or with a token fetched from the Bearer realm (with the credentials, when
 * there are any, else anonymously). The digest is the sha256 of the manifest bytes as served, which is what the
 * registry's {@code Docker-Content-Digest} names. The whole resolution is bounded by one timeout.
 */
public final class RegistryClient {

    /** The manifest media types accepted, as go-containerregistry's {@code remote.Head/Get} defaults. */
    public static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Supplier<HttpClient> factory;
    private volatile HttpClient http;

    public RegistryClient(HttpClient http) {
        this.factory = () -> http;
        this.http = http;
    }

    private RegistryClient(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    /**
     * A client over a new {@link HttpClient} that follows redirects (registries redirect to blob stores), built on
     * the first request: a JDK HttpClient is ~70 classes and a selector thread, which a replica that never resolves
     * a tag (a standby, or every image given by digest) does not need at startup (docs/memory-and-startup.md).
     */
    public static RegistryClient create() {
        return new RegistryClient(() -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** The HTTP client, built by the first caller. */
    HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = factory.get();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * The digest ({@code sha256:...}) of {@code ref}'s manifest.
     *
     * @throws IOException with the registry's error when it cannot be resolved in {@code timeout}
     */
    public String digest(ImageRef ref, Optional<RegistryAuth.Credentials> credentials, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        URI manifest = URI.create(ref.baseUrl() + "/v2/" + ref.repository() + "/manifests/" + ref.manifestReference());
        HttpResponse<byte[]> response = get(manifest, null, deadline);
        if (response.statusCode() == 401) {
            String authorization = authorize(ref, response, credentials, deadline);
            response = get(manifest, authorization, deadline);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + manifest + ": " + registryError(response));
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        if (!MANIFEST_TYPES.contains(type)) {
            throw new IOException("GET " + manifest + ": unsupported manifest media type \"" + type + "\"");
        }
        return sha256(response.body());
    }

    /** The {@code Authorization} header answering the challenge of {@code unauthorized}. */
    private String authorize(ImageRef ref, HttpResponse<byte[]> unauthorized,
            Optional<RegistryAuth.Credentials> credentials, Instant deadline) throws IOException, InterruptedException {
        RegistryAuth.Challenge challenge = RegistryAuth.challenge(unauthorized.headers()
                .firstValue("WWW-Authenticate").orElse(""));
        if (!challenge.bearer()) {
            if (credentials.isEmpty()) {
                throw new IOException("GET " + unauthorized.uri() + ": " + registryError(unauthorized));
            }
            return credentials.get().basic();
        }
        String realm = challenge.params().get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new IOException("GET " + unauthorized.uri() + ": Bearer challenge without a realm");
        }
        StringJoiner query = new StringJoiner("&");
        if (challenge.params().containsKey("service")) {
            query.add("service=" + URLEncoder.encode(challenge.params().get("service"), StandardCharsets.UTF_8));
        }
        query.add("scope=" + URLEncoder.encode("repository:" + ref.repository() + ":pull", StandardCharsets.UTF_8));
        URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpResponse<byte[]> token = get(tokenUri, credentials.map(RegistryAuth.Credentials::basic).orElse(null),
                deadline);
        if (token.statusCode() != 200) {
            throw new IOException("GET " + tokenUri + ": " + registryError(token));
        }
        JsonNode body = MAPPER.readTree(token.body());
        String value = body.path("token").asText(body.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new IOException("GET " + tokenUri + ": the token response has no token");
        }
        return "Bearer " + value;
    }

    private HttpResponse<byte[]> get(URI uri, String authorization, Instant deadline)
            throws IOException, InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new HttpTimeoutException("GET " + uri + ": timed out");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(left).GET()
                .header("Accept", String.join(",", MANIFEST_TYPES));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException("GET " + uri + ": timed out after " + left.toMillis() + "ms");
        } catch (IOException e) {
            throw new IOException("GET " + uri + ": " + e, e);
        }
    }

    /** {@code CODE: message} of a registry error body, else the HTTP status. */
    static String registryError(HttpResponse<byte[]> response) {
        try {
            JsonNode errors = MAPPER.readTree(response.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringJoiner out = new StringJoiner("; ");
                errors.forEach(e -> out.add(e.path("code").asText("UNKNOWN") + ": " + e.path("message").asText("")));
                return out.toString();
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error body: the status says it all
        }
        return "unexpected status code " + response.statusCode();
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
