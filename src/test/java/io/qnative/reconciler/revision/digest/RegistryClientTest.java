package io.qnative.reconciler.revision.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry v2 token flow on loopback HTTP: a registry front that answers {@code 401} with a Bearer challenge
 * and a token realm that hands out a token for the basic credentials (the flow of registries such as Docker Hub,
 * which the Debian registry of {@link RegistryResolutionIT} does not speak without a token server).
 */
class RegistryClientTest {

    static final byte[] INDEX = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":[]}").getBytes(StandardCharsets.UTF_8);

    HttpServer server;
    String host;
    final List<String> seen = new CopyOnWriteArrayList<>();
    String manifestType = "application/vnd.oci.image.index.v1+json";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::manifest);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        seen.add("token " + ex.getRequestURI().getRawQuery() + " " + ex.getRequestHeaders().getFirst("Authorization"));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean ok = new RegistryAuth.Credentials("bob", "pw").basic().equals(auth);
        reply(ex, ok ? 200 : 401, ok ? "{\"token\":\"t0k3n\"}" : "{\"errors\":[{\"code\":\"UNAUTHORIZED\","
                + "\"message\":\"bad credentials\"}]}", "application/json");
    }

    private void manifest(HttpExchange ex) throws IOException {
        seen.add("manifest " + ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
        if (!"Bearer t0k3n".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host + "/token\","
                    + "service=\"test-registry\"");
            reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
                    "application/json");
            return;
        }
        assertThat(ex.getRequestHeaders().getFirst("Accept")).contains(RegistryClient.MANIFEST_TYPES);
        ex.getResponseHeaders().add("Content-Type", manifestType);
        ex.sendResponseHeaders(200, INDEX.length);
        ex.getResponseBody().write(INDEX);
        ex.close();
    }

    private static void reply(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenFetchedWithTheCredentials() throws Exception {
        String digest = RegistryClient.create().digest(ImageRef.parse(host + "/team/app:v1"),
                Optional.of(new RegistryAuth.Credentials("bob", "pw")), Duration.ofSeconds(5));

        assertThat(digest).isEqualTo(RegistryClient.sha256(INDEX));
        assertThat(seen).containsExactly("manifest /v2/team/app/manifests/v1 null",
                "token service=test-registry&scope=repository%3Ateam%2Fapp%3Apull "
                        + new RegistryAuth.Credentials("bob", "pw").basic(),
                "manifest /v2/team/app/manifests/v1 Bearer t0k3n");
    }

    @Test
    void aRefusedTokenIsTheRegistrysError() {
        assertThatThrownBy(() -> RegistryClient.create().digest(ImageRef.parse(host + "/team/app:v1"),
                Optional.empty(), Duration.ofSeconds(5)))
                .hasMessageStartingWith("GET http://" + host + "/token?service=test-registry")
                .hasMessageEndingWith("UNAUTHORIZED: bad credentials");
    }

    @Test
    void anUnsupportedManifestTypeIsRefused() {
        manifestType = "application/vnd.docker.distribution.manifest.v1+prettyjws";
        assertThatThrownBy(() -> RegistryClient.create().digest(ImageRef.parse(host + "/team/app:v1"),
                Optional.of(new RegistryAuth.Credentials("bob", "pw")), Duration.ofSeconds(5)))
                .hasMessageContaining("unsupported manifest media type");
    }
}
