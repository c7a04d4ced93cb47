package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.qnative.certs.CertificateBundle;
import io.qnative.certs.CertificateIssuer;
import io.qnative.config.ConfigSnapshot;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dry-run validation callback on the wire: AdmissionReviews over HTTPS to a real {@link WebhookServer}, whose
 * dry-run Pod creates go to the fabric8 mock API server ({@code POST .../pods?dryRun=All}); and an API server that
 * accepts connections but never answers.
 */
@EnableKubernetesMockClient
class ValidationCallbacksIT {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final String INVALID = "Pod \"dry-run-validation\" is invalid: spec.containers[0].name: Invalid value:"
            + " \"_bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'";

    Vertx vertx;
    ClientPodDryRun dryRun;
    WebhookServer webhook;
    CertificateBundle bundle;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        dryRun = new ClientPodDryRun(client, Duration.ofSeconds(2));
        webhook = new WebhookServer(vertx, "127.0.0.1", 0, 1024 * 1024, () -> ConfigSnapshot.DEFAULT,
                "knative-serving", Kinds.SERVING, dryRun);
        bundle = CertificateIssuer.issue(Instant.now(), Duration.ofHours(1), List.of("webhook"),
                List.of("127.0.0.1"));
        webhook.accept(bundle);
    }

    @AfterEach
    void stop() throws Exception {
        webhook.close();
        dryRun.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    JsonNode post(String review) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(WebhookTls.trusting(bundle.caPem())).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + webhook.actualPort() + WebhookServer.RESOURCE_VALIDATION)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(review)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return ValidationCallbacksTest.MAPPER.readTree(response.body()).path("response");
    }

    static String review(boolean dryRun, String container) {
        String object = ValidationCallbacksTest.SERVICE.formatted("Service", "", container).replace("}]}}}}",
                "}]}},\"traffic\":[{\"latestRevision\":true,\"percent\":100}]}}");
        String json = ResourceAdmissionTest.review("serving.knative.dev", "Service", "CREATE", object, "null");
        return dryRun ? json.replace("\"operation\":", "\"dryRun\":true,\"operation\":") : json;
    }

    @Test
    void aDryRunWithAPodSpecTheApiServerRefusesIsDeniedWithItsError() throws Exception {
        Status invalid = new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
                .withMessage(INVALID).build();
        server.expect().post().withPath("/api/v1/namespaces/ns/pods?dryRun=All").andReturn(422, invalid).once();

        JsonNode response = post(review(true, "_bad"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText()).isEqualTo("validation callback failed: dry run failed"
                + " with " + INVALID + ": spec.template");
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/api/v1/namespaces/ns/pods?dryRun=All");
        JsonNode pod = ValidationCallbacksTest.MAPPER.readTree(request.getBody().readUtf8());
        assertThat(pod.at("/metadata/generateName").asText()).isEqualTo("dry-run-validation");
        assertThat(pod.at("/spec/containers/0/name").asText()).isEqualTo("_bad");
    }

    @Test
    void aDryRunTheApiServerAcceptsIsAllowedAndARealRequestIsNotDryRun() throws Exception {
        server.expect().post().withPath("/api/v1/namespaces/ns/pods?dryRun=All")
                .andReturn(201, new PodBuilder().withNewMetadata().withName("dry-run-validationx").endMetadata()
                        .build()).once();
        int before = server.getRequestCount();

        assertThat(post(review(true, "app")).path("allowed").asBoolean()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(before + 1);
        assertThat(post(review(false, "_bad")).path("allowed").asBoolean()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(before + 1);
    }

    @Test
    void anApiServerThatNeverAnswersFailsTheDryRunWithinTheTimeout() throws Exception {
        // accepts connections (the kernel's backlog) but never reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            KubernetesClient toSilent = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).build()).build();
            try (ClientPodDryRun slow = new ClientPodDryRun(toSilent, Duration.ofMillis(800))) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> slow.create(new PodBuilder().withNewMetadata().withGenerateName("x")
                        .withNamespace("ns").endMetadata().build()))
                        .isInstanceOf(PodDryRun.UnreachableException.class)
                        .hasMessageStartingWith("the API server did not answer within 800ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            } finally {
                toSilent.close();
            }
        }
    }
}
