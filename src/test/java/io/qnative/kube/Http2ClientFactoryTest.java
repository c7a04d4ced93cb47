package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fabric8's client over {@link Http2ClientFactory} against a real Vert.x server standing in for an API server. */
class Http2ClientFactoryTest {

    /** One self-signed certificate for every server here (generating a key takes seconds on a busy machine). */
    private static SelfSignedCertificate cert;
    private Vertx vertx;
    private final List<HttpVersion> versions = new CopyOnWriteArrayList<>();
    private final List<Object> connections = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.create("localhost");
    }

    @AfterAll
    static void deleteCertificate() {
        cert.delete();
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Answers every GET with one ConfigMap named after the path's last segment, noting version and connection. */
    private int serve(HttpServerOptions options) throws Exception {
        HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .connectionHandler(connections::add)
                .requestHandler(req -> {
                    versions.add(req.version());
                    String name = req.path().substring(req.path().lastIndexOf('/') + 1);
                    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns")
                            .endMetadata().build();
                    req.response().putHeader("Content-Type", "application/json").end(Serialization.asJson(cm));
                });
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private KubernetesClient client(String url) {
        // generous timeouts: the first TLS handshake of a cold JVM takes seconds on a busy machine
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(60_000).withRequestTimeout(60_000).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new Http2ClientFactory(vertx))
                .build();
    }

    /** Eight gets at once, each answered with the ConfigMap it asked for. */
    private void getEight(KubernetesClient client) throws Exception {
        List<CompletableFuture<String>> gets = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> client.configMaps().inNamespace("ns").withName("cm-" + i).get().getMetadata().getName()))
                .toList();
        for (int i = 0; i < gets.size(); i++) {
            assertThat(gets.get(i).get(120, TimeUnit.SECONDS)).isEqualTo("cm-" + i);
        }
    }

    @Test
    void tlsServerOfferingH2GetsEveryRequestAsAStreamOfOneConnection() throws Exception {
        int port = serve(new HttpServerOptions().setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(cert.keyCertOptions()));
        try (KubernetesClient client = client("https://127.0.0.1:" + port)) {
            getEight(client);
        }
        assertThat(versions).hasSize(8).containsOnly(HttpVersion.HTTP_2);
        assertThat(connections).hasSize(1);
    }

    @Test
    void tlsServerWithoutAlpnGetsHttp11() throws Exception {
        int port = serve(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()));
        try (KubernetesClient client = client("https://127.0.0.1:" + port)) {
            getEight(client);
        }
        assertThat(versions).hasSize(8).containsOnly(HttpVersion.HTTP_1_1);
    }
}
