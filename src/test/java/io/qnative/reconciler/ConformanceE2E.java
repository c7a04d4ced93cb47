package io.qnative.reconciler;

import static io.qnative.reconciler.ServingE2E.awaitReady;
import static io.qnative.reconciler.ServingE2E.create;
import static io.qnative.reconciler.ServingE2E.edit;
import static io.qnative.reconciler.ServingE2E.get;
import static io.qnative.reconciler.ServingE2E.ksvc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Service;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.QnativeProcess;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Knative's e2e cases that need no request through the ingress, on the local cluster with qnative as its packaged
 * binary: TestRollbackBYOName ({@code test/e2e/rollback_byo_test.go}: back to an earlier BYO revision name, both
 * latestCreated and latestReady follow) and TestServiceDryRunValidationWithInvalidPodSpec ({@code
 * test/e2e/service_validation_test.go}: {@code kubectl apply --dry-run=server} of a ksvc whose pod spec the API server
 * refuses is denied by the webhook's validation callback, {@code pkg/webhook/validate_unstructured.go}).
 */
@WithQnative(value = "conformance")
class ConformanceE2E {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void rollingBackToAnEarlierByoNameMakesItLatestCreatedAndLatestReady(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service svc = ksvc(n, "byo", "old");
        svc.getSpec().getTemplate().getMetadata().setName("byo-old");
        create(client, svc);
        Service old = awaitReady(client, n, "byo");
        assertThat(old.getStatus().getLatestCreatedRevisionName()).isEqualTo("byo-old");
        assertThat(old.getStatus().getLatestReadyRevisionName()).isEqualTo("byo-old");

        edit(client, n, "byo", s -> {
            s.getSpec().getTemplate().getMetadata().setName("byo-new");
            ServingE2E.env(s, "new");
        });
        Service moved = await("byo-new ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> awaitReady(client, n, "byo"), s -> "byo-new".equals(s.getStatus()
                        .getLatestReadyRevisionName()));
        assertThat(moved.getStatus().getLatestCreatedRevisionName()).isEqualTo("byo-new");

        // back to the old name with the old template: the old revision is reused, not created again
        edit(client, n, "byo", s -> {
            s.getSpec().getTemplate().getMetadata().setName("byo-old");
            ServingE2E.env(s, "old");
        });
        Service back = await("latestReady back on byo-old").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> awaitReady(client, n, "byo"), s -> "byo-old".equals(s.getStatus()
                        .getLatestReadyRevisionName()) && s.getStatus().getObservedGeneration() == 3L);
        assertThat(back.getStatus().getLatestCreatedRevisionName()).isEqualTo("byo-old");
        assertThat(back.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getRevisionName()).isEqualTo("byo-old");
            assertThat(t.getPercent()).isEqualTo(100L);
        });
        Configuration config = get(client, Configuration.class, n, "byo");
        assertThat(config.getStatus().getLatestCreatedRevisionName()).isEqualTo("byo-old");
        assertThat(config.getStatus().getLatestReadyRevisionName()).isEqualTo("byo-old");
        assertThat(client.resources(Revision.class).inNamespace(n).list().getItems())
                .extracting(r -> r.getMetadata().getName()).containsExactlyInAnyOrder("byo-old", "byo-new");
    }

    @Test
    void aServerDryRunOfAPodSpecTheApiServerRefusesIsDeniedByTheValidationCallback(ClusterSession cluster,
            KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        Path invalid = manifest("dry", "Invalid_Name");
        String denied = QnativeProcess.kubectl(cluster, 1, "apply", "--dry-run=server", "-n", n, "-f",
                invalid.toString());
        assertThat(denied).contains("admission webhook \"validation.webhook.serving.knative.dev\" denied the request")
                .contains("validation callback failed: dry run failed with")
                .contains("spec.containers[0].name: Invalid value: \"Invalid_Name\"")
                .contains(": spec.template");
        assertThat(get(client, Service.class, n, "dry")).isNull();

        // the same ksvc with a valid name passes the dry run, and nothing is stored by it
        String passed = QnativeProcess.kubectl(cluster, 0, "apply", "--dry-run=server", "-n", n, "-f",
                manifest("dry", "user-container").toString());
        assertThat(passed).contains("service.serving.knative.dev/dry created (server dry run)");
        assertThat(get(client, Service.class, n, "dry")).isNull();

        // the callback runs for dry runs only: a real create of the same ksvc is admitted (its pods fail later)
        QnativeProcess.kubectl(cluster, 0, "apply", "-n", n, "-f", invalid.toString());
        assertThat(get(client, Service.class, n, "dry")).isNotNull();
    }

    private static Path manifest(String name, String containerName) throws Exception {
        Path file = Files.createTempFile("ksvc-" + name, ".yaml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  template:
                    spec:
                      containers:
                        - name: %s
                          image: gcr.io/knative-samples/helloworld-go
                """.formatted(name, containerName));
    }
}
