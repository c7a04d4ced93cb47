package io.qnative.testing.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The local cluster's image registry (hack/registry/up.sh: Debian's docker-registry on loopback, plain HTTP, no auth)
 * as tests use it: its address, the digest a tag names now, and pushes of small FROM-scratch style images over the v2
 * API (blob uploads, then a manifest PUT) to move a tag. {@link #start(Path, Path, int)} runs a registry of a test's
 * own (its own state directory and port) that the test can {@link #stop()} and {@link #restart()}.
 */
public final class ImageRegistry {

    /** Docker's image manifest (schema 2). */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** The repository hack/registry/up.sh publishes the hello-world stand-in under. */
    public static final String HELLOWORLD = "knative-samples/helloworld-go";
    /** The repository hack/registry/up.sh publishes the autoscale stand-in under. */
    public static final String AUTOSCALE = "knative-samples/autoscale-go";

    private final String host;
    private final Path projectDir;
    private final Path stateDir;
    private final int port;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The registry at {@code host} ({@code 127.0.0.1:<port>}). */
    public ImageRegistry(String host) {
        this(host, null, null, 0, null, null);
    }

    private ImageRegistry(String host, Path projectDir, Path stateDir, int port, String user, String password) {
        this.host = host;
        this.projectDir = projectDir;
        this.stateDir = stateDir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts a registry of its own with {@code hack/registry/up.sh} (the stand-in samples published in it): config,
     * storage and log under {@code stateDir}, on {@code 127.0.0.1:port}.
     */
    public static ImageRegistry start(Path projectDir, Path stateDir, int port) throws IOException,
            InterruptedException {
        return start(projectDir, stateDir, port, null, null);
    }

    /**
     * {@link #start(Path, Path, int)} behind htpasswd basic auth for {@code user} (null: none); this object's own
     * requests authenticate as that user.
     */
    public static ImageRegistry start(Path projectDir, Path stateDir, int port, String user, String password)
            throws IOException, InterruptedException {
        ImageRegistry registry = new ImageRegistry("127.0.0.1:" + port, projectDir, stateDir, port, user, password);
        registry.restart();
        return registry;
    }

    /** Starts again a registry of {@link #start(Path, Path, int)} (same port, same storage). */
    public void restart() throws IOException, InterruptedException {
        String out = script("up.sh");
        if (!out.trim().endsWith(host)) {
            throw new IOException("hack/registry/up.sh started a registry on " + out.trim() + ", not " + host);
        }
    }

    /** Stops a registry of {@link #start(Path, Path, int)} ({@code hack/registry/down.sh}; the storage stays). */
    public void stop() throws IOException, InterruptedException {
        script("down.sh");
    }

    private String script(String name) throws IOException, InterruptedException {
        if (stateDir == null) {
            throw new IllegalStateException("the cluster's registry is the harness's to start and stop");
        }
        Path log = stateDir.resolveSibling(stateDir.getFileName() + "-" + name + ".log");
        Files.createDirectories(stateDir);
        ProcessBuilder pb = new ProcessBuilder("bash", "hack/registry/" + name).directory(projectDir.toFile())
                .redirectError(log.toFile());
        pb.environment().put("QNATIVE_REGISTRY_STATE_DIR", stateDir.toString());
        pb.environment().put("QNATIVE_REGISTRY_PORT", String.valueOf(port));
        if (user != null) {
            pb.environment().put("QNATIVE_REGISTRY_USER", user);
            pb.environment().put("QNATIVE_REGISTRY_PASSWORD", password);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("hack/registry/" + name + " timed out; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException("hack/registry/" + name + " exited " + p.exitValue() + ": " + Files.readString(log));
        }
        return out;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return host;
    }

    /** {@code <host>/<repository>}: an image name a ksvc can use. */
    public String image(String repository) {
        return host + "/" + repository;
    }

    /** The digest ({@code sha256:…}) {@code repository:tag} names now, from the registry's manifest HEAD. */
    public String digest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Accept", DOCKER_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() != 200) {
            throw new IOException("HEAD " + repository + ":" + tag + " on " + host + ": " + head.statusCode());
        }
        return head.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /**
     * Pushes {@code repository:tag}: one small layer holding {@code content}, its config and a Docker schema 2
     * manifest. Returns the manifest's digest as the registry reports it.
     */
    public String push(String repository, String tag, String content) throws IOException, InterruptedException {
        byte[] layer = gzip(content.getBytes(StandardCharsets.UTF_8));
        String layerDigest = upload(repository, layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(repository, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length + ",\"digest\":\""
                + configDigest + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                + "\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", DOCKER_MANIFEST).PUT(HttpRequest.BodyPublishers.ofString(manifest)),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("manifest PUT " + repository + ":" + tag + ": " + put.statusCode() + " " + put.body());
        }
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private String upload(String repository, byte[] blob) throws IOException, InterruptedException {
        String digest = sha256(blob);
        HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IOException("blob upload POST: " + start.statusCode() + " " + start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow();
        String put = location.startsWith("http") ? location : "http://" + host + location;
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(put + (put.contains("?") ? "&" : "?")
                + "digest=" + digest)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("blob upload PUT: " + done.statusCode() + " " + done.body());
        }
        return digest;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":"
                    + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), body);
    }

    private URI uri(String path) {
        return URI.create("http://" + host + path);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
