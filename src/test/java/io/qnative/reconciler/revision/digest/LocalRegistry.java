package io.qnative.reconciler.revision.digest;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A real registry on loopback for tests: Debian's {@code docker-registry} (distribution 2.8, installed by
 * {@code hack/registry/install.sh}) with its own config and storage under {@code dir}, on a free port, optionally
 * behind htpasswd basic auth; images are pushed over the v2 API (blob uploads and a manifest PUT).
 */
final class LocalRegistry implements AutoCloseable {

    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static Path binary;

    private final Path dir;
    private final int port;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    private LocalRegistry(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Starts a registry under {@code dir}; with a user, every request needs basic auth. */
    static LocalRegistry start(Path dir, String user, String password) throws Exception {
        LocalRegistry registry = new LocalRegistry(dir, freePort(), user, password);
        registry.writeConfig();
        registry.start();
        return registry;
    }

    /** {@code 127.0.0.1:<port>}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** Starts (again) the registry process on the same port and storage; returns once {@code /v2/} answers. */
    void start() throws Exception {
        Path log = dir.resolve("registry.log");
        process = new ProcessBuilder(binary().toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("registry on " + host() + " (log " + log + ")").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> send(HttpRequest.newBuilder(uri("/v2/")).GET(), true).statusCode() == 200);
    }

    /** Stops the registry process. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Pushes a FROM-scratch style image {@code repo:tag}: one small layer holding {@code content}, its config, and a
     * manifest of {@code mediaType}. Returns the digest the registry reports for the manifest.
     */
    String push(String repo, String tag, String content, String mediaType) throws Exception {
        byte[] layer = gzip(content.getBytes(StandardCharsets.UTF_8));
        String layerDigest = upload(repo, layer);
        boolean oci = OCI_MANIFEST.equals(mediaType);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(repo, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":\""
                + (oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json")
                + "\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\""
                + (oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
                        : "application/vnd.docker.image.rootfs.diff.tar.gzip")
                + "\",\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofString(manifest)), false);
        if (put.statusCode() != 201) {
            throw new IOException("manifest PUT: " + put.statusCode() + " " + put.body());
        }
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private String upload(String repo, byte[] blob) throws Exception {
        String digest = RegistryClient.sha256(blob);
        HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), false);
        if (start.statusCode() != 202) {
            throw new IOException("blob upload POST: " + start.statusCode() + " " + start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(location.startsWith("http") ? location : "http://" + host() + location);
        String sep = put.toString().contains("?") ? "&" : "?";
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(put + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)),
                false);
        if (done.statusCode() != 201) {
            throw new IOException("blob upload PUT: " + done.statusCode() + " " + done.body());
        }
        return digest;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean quick) throws Exception {
        if (user != null) {
            request.header("Authorization", new RegistryAuth.Credentials(user, password).basic());
        }
        request.timeout(quick ? Duration.ofSeconds(2) : Duration.ofSeconds(30));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    private void writeConfig() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        String auth = "";
        if (user != null) {
            Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
            String entry = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (htpasswd.waitFor() != 0 || entry.isEmpty()) {
                throw new IOException("htpasswd failed");
            }
            Files.writeString(dir.resolve("htpasswd"), entry + "\n");
            auth = "auth:\n  htpasswd:\n    realm: qnative-test\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: "
                + host() + "\n" + auth);
    }

    private static synchronized Path binary() throws Exception {
        if (binary == null) {
            Process install = new ProcessBuilder("bash", "hack/registry/install.sh")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (install.waitFor() != 0) {
                throw new IOException("hack/registry/install.sh failed");
            }
            List<String> lines = out.lines().toList();
            binary = Path.of(lines.get(lines.size() - 1));
        }
        return binary;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
