package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The produced client talks to the API server (here a local HTTP server answering one pod) from event loops of its
 * own, named {@code qnative-kube-eventloop-thread-N}, not from the application's Vert.x.
 */
class ClientProducerTest {

    private Vertx server;
    private HttpServer api;
    private final ClientProducer producer = new ClientProducer();
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        server = Vertx.vertx();
        String pod = new KubernetesSerialization().asJson(new PodBuilder().withNewMetadata().withNamespace("ns")
                .withName("p").endMetadata().build());
        api = server.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type",
                "application/json").end(pod)).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + api.actualPort())
                .withNamespace("ns").build();
        client = producer.kubernetesClient(new KubernetesSerialization(), config);
    }

    @AfterEach
    void stop() throws Exception {
        producer.close(client);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsAreAnsweredOnTheClientsOwnEventLoops() throws Exception {
        Pod pod = client.pods().inNamespace("ns").withName("p").get();
        assertThat(pod.getMetadata().getName()).isEqualTo("p");

        // the body's bytes are handed over on the thread that read them, as a watch stream's are
        HttpClient http = client.getHttpClient();
        List<String> threads = new CopyOnWriteArrayList<>();
        HttpResponse<AsyncBody> response = http.consumeBytes(http.newHttpRequestBuilder()
                        .uri("http://127.0.0.1:" + api.actualPort() + "/api/v1/namespaces/ns/pods/p").build(),
                (buffers, body) -> {
                    threads.add(Thread.currentThread().getName());
                    body.consume();
                }).get(10, TimeUnit.SECONDS);
        response.body().consume();
        response.body().done().get(10, TimeUnit.SECONDS);
        assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("qnative-kube-eventloop-thread-"));
    }
}
