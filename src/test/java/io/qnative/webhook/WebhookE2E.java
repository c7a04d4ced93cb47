package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.certs.CertificateBundle;
import io.qnative.webhook.WebhookCertificates;
import io.qnative.webhook.WebhookConfigurations;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.LocalCluster;
import io.qnative.testing.e2e.QnativeProcess;
import io.qnative.testing.e2e.TestNamespace;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kube-apiserver itself calls the webhook over TLS: the webhook runs in this JVM in URL mode on 127.0.0.1 with
 * its certificates in {@code knative-serving/webhook-certs}, the shipped configurations are installed and
 * repointed by it, and {@code kubectl apply} goes through them, also across a certificate rotation. The
 * certificates are managed with the install's RBAC (impersonating qnative's ServiceAccount).
 */
@LocalCluster
class WebhookE2E {

    private static final String NS = "knative-serving";
    private static final Path MANIFESTS = Path.of("kubernetes");
    private static final Path FIXTURES = Path.of("src/test/resources/webhook");

    @Test
    void theApiServerCallsTheWebhookOverTlsAcrossARotation(ClusterSession cluster, KubernetesClient client,
            TestNamespace ns) throws Exception {
        kubectl(cluster, 0, "apply", "-f", MANIFESTS.resolve("000-namespace.yaml").toString());
        kubectl(cluster, 0, "apply", "-f", MANIFESTS.resolve("300-serviceaccount.yaml").toString(), "-f",
                MANIFESTS.resolve("310-rbac.yaml").toString());
        for (Path crd : crds()) {
            kubectl(cluster, 0, "apply", "-f", crd.toString());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> established(client, "services.serving.knative.dev"));
        kubectl(cluster, 0, "apply", "-f", FIXTURES.resolve("config-autoscaler-valid.yaml").toString());
        client.secrets().inNamespace(NS).withName("webhook-certs").delete();

        int port = freePort();
        Vertx vertx = Vertx.vertx();
        WebhookServer server = new WebhookServer(vertx, "127.0.0.1", port, 3 * 1024 * 1024,
                () -> ConfigSnapshot.DEFAULT, NS, Kinds.SERVING, new ClientPodDryRun(client, Duration.ofSeconds(5)));
        // 45 s certificates are renewed after about 26 s, inside this test
        // the certificates are managed as qnative's ServiceAccount: the install's RBAC must allow every call
        KubernetesClient asController = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client
                .getConfiguration()).withImpersonateUsername("system:serviceaccount:knative-serving:controller")
                .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:knative-serving")
                .build()).build();
        WebhookCertificates certs = new WebhookCertificates(asController, new WebhookCertificates.Settings(NS,
                "webhook-certs", List.of("webhook", "webhook.knative-serving", "webhook.knative-serving.svc",
                        "webhook.knative-serving.svc.cluster.local"), List.of("127.0.0.1"), Duration.ofSeconds(45),
                Duration.ofSeconds(1), Optional.of("https://127.0.0.1:" + port)), server, Clock.systemUTC());
        try {
            kubectl(cluster, 0, "apply", "-f", MANIFESTS.resolve("600-webhooks.yaml").toString());
            certs.check();
            ValidatingWebhookConfiguration config = client.admissionRegistration().v1()
                    .validatingWebhookConfigurations().withName(WebhookConfigurations.CONFIG_VALIDATION).get();
            assertThat(config.getWebhooks().get(0).getClientConfig().getUrl())
                    .isEqualTo("https://127.0.0.1:" + port + "/config-validation");

            // the API server refuses a bad config-autoscaler with the key named, by calling /config-validation
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl(cluster, 1, "apply",
                    "-f", FIXTURES.resolve("config-autoscaler-invalid.yaml").toString()))
                    .contains("admission webhook \"config.webhook.serving.knative.dev\" denied the request")
                    .contains("validation failed: config-autoscaler: \"max-scale-up-rate\" = \"0.5\""));
            kubectl(cluster, 0, "apply", "-f", FIXTURES.resolve("config-autoscaler-valid.yaml").toString());
            assertThat(server.answered(WebhookServer.CONFIG_VALIDATION)).isGreaterThanOrEqualTo(2);

            // a ksvc goes through /defaulting and /resource-validation
            long defaulted = server.answered(WebhookServer.DEFAULTING);
            long validated = server.answered(WebhookServer.RESOURCE_VALIDATION);
            kubectl(cluster, 0, "apply", "-n", ns.name(), "-f", FIXTURES.resolve("ksvc-hello.yaml").toString());
            assertThat(server.answered(WebhookServer.DEFAULTING)).isGreaterThan(defaulted);
            assertThat(server.answered(WebhookServer.RESOURCE_VALIDATION)).isGreaterThan(validated);
            GenericKubernetesResource ksvc = client.genericKubernetesResources("serving.knative.dev/v1", "Service")
                    .inNamespace(ns.name()).withName("hello").get();
            assertThat(ksvc).isNotNull();
            // stored with Knative's defaults applied by /defaulting
            assertThat(ksvc.getMetadata().getAnnotations()).containsEntry("serving.knative.dev/creator",
                    "qnative-admin");
            JsonNode stored = Serialization.jsonMapper().valueToTree(ksvc);
            assertThat(stored.at("/spec/traffic/0/latestRevision").asBoolean()).isTrue();
            assertThat(stored.at("/spec/traffic/0/percent").asInt()).isEqualTo(100);
            assertThat(stored.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("user-container");
            assertThat(stored.at("/spec/template/spec/timeoutSeconds").asInt()).isEqualTo(300);

            // an invalid ksvc is refused with every error and its field path
            String refused = kubectl(cluster, 1, "apply", "-n", ns.name(), "-f", ksvc("broken", "",
                    "      containerConcurrency: -1\n      timeoutSeconds: 100000\n", "helloworld-go").toString());
            assertThat(refused).contains("denied the request: validation failed:")
                    .contains("spec.template.spec.containerConcurrency").contains("spec.template.spec.timeoutSeconds");

            // an UPDATE changing the template under the same BYO revision name is refused
            kubectl(cluster, 0, "apply", "-n", ns.name(), "-f", ksvc("pinned", "pinned-v1", "", "helloworld-go")
                    .toString());
            assertThat(kubectl(cluster, 1, "apply", "-n", ns.name(), "-f", ksvc("pinned", "pinned-v1", "",
                    "autoscale-go").toString())).contains("denied the request")
                    .contains("spec.template.metadata.name");

            // rotation: every call keeps working while the certificate and the caBundle change
            CertificateBundle first = certs.current();
            certs.start();
            int calls = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first.equals(certs.current()) && System.nanoTime() < deadline) {
                kubectl(cluster, 0, "apply", "--dry-run=server", "-f",
                        FIXTURES.resolve("config-autoscaler-valid.yaml").toString());
                calls++;
            }
            assertThat(certs.current()).as("rotated within 60 s").isNotEqualTo(first);
            for (int i = 0; i < 5; i++) {
                kubectl(cluster, 0, "apply", "--dry-run=server", "-f",
                        FIXTURES.resolve("config-autoscaler-valid.yaml").toString());
            }
            assertThat(calls).isGreaterThan(3);
            assertThat(kubectl(cluster, 1, "apply", "-f",
                    FIXTURES.resolve("config-autoscaler-invalid.yaml").toString()))
                    .contains("\"max-scale-up-rate\" = \"0.5\"");
            assertThat(server.serving()).isEqualTo(certs.current());
        } finally {
            certs.stop();
            asController.close();
            server.close();
            vertx.close();
            kubectl(cluster, -1, "delete", "--ignore-not-found", "-f", MANIFESTS.resolve("600-webhooks.yaml")
                    .toString());
            client.secrets().inNamespace(NS).withName("webhook-certs").delete();
        }
    }

    /** A ksvc manifest in a temporary file; {@code byoName} "" for none, {@code specExtra} indented YAML lines. */
    private static Path ksvc(String name, String byoName, String specExtra, String image) throws IOException {
        String yaml = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: " + name + "\n"
                + "spec:\n  template:\n" + (byoName.isEmpty() ? "" : "    metadata:\n      name: " + byoName + "\n")
                + "    spec:\n" + specExtra + "      containers:\n"
                + "        - image: gcr.io/knative-samples/" + image + "\n";
        Path file = Files.createTempFile("ksvc-" + name, ".yaml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, yaml);
    }

    private static boolean established(KubernetesClient client, String crd) {
        var found = client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
        return found != null && found.getStatus() != null && found.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Path> crds() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("100-crd-")).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs kubectl; {@code expectedExit} -1 accepts any exit code. Returns stdout and stderr. */
    private static String kubectl(ClusterSession cluster, int expectedExit, String... args)
            throws IOException, InterruptedException {
        return QnativeProcess.kubectl(cluster, expectedExit, args);
    }
}
