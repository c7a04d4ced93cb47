package io.qnative.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.LocalCluster;
import io.qnative.testing.e2e.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The install manifests against a real Kubernetes 1.20 API server: `kubectl apply -f kubernetes/` is accepted
 * (server-side dry run), the CRDs apply with kubectl's client-side apply (their size fits the last-applied
 * annotation) and become Established, and every valid example manifest is accepted by the CRD schemas with no
 * field pruned.
 */
@LocalCluster
class InstallManifestsE2E {

    private static final Path MANIFESTS = Path.of("kubernetes");
    private static final Path EXAMPLES = Path.of("src/test/resources/examples");

    @Test
    void theWholeInstallIsAcceptedByTheApiServer(ClusterSession cluster) throws Exception {
        kubectl(cluster, "apply", "-f", MANIFESTS.resolve("000-namespace.yaml").toString());
        String out = kubectl(cluster, "apply", "--server-side", "--dry-run=server", "-f", MANIFESTS.toString());
        assertThat(out).contains("deployment.apps/qnative serverside-applied (server dry run)")
                .contains("clusterrole.rbac.authorization.k8s.io/qnative-controller serverside-applied");
    }

    @Test
    void crdsApplyAndAcceptEveryValidExampleWithoutPruning(ClusterSession cluster, KubernetesClient client,
            TestNamespace ns) throws Exception {
        List<Path> crds;
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            crds = files.filter(f -> f.getFileName().toString().startsWith("100-crd-")).sorted().toList();
        }
        assertThat(crds).hasSizeGreaterThanOrEqualTo(9);
        for (Path crd : crds) {
            kubectl(cluster, "apply", "-f", crd.toString());
        }
        for (Path crd : crds) {
            String name = crd.getFileName().toString().replaceFirst("^100-crd-", "").replaceFirst("\\.yaml$", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> established(client.apiextensions().v1()
                    .customResourceDefinitions().withName(name).get()));
        }

        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path example : examples) {
            String yaml = Files.readString(example, StandardCharsets.UTF_8);
            if (yaml.contains("# expect-pruned:")) {
                continue;
            }
            GenericKubernetesResource input = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
            input.getMetadata().setResourceVersion(null);
            boolean clusterScoped = "ClusterDomainClaim".equals(input.getKind());
            GenericKubernetesResource stored = clusterScoped
                    ? client.resource(input).dryRun().create()
                    : client.resource(input).inNamespace(ns.name()).dryRun().create();
            JsonNode sent = Serialization.jsonMapper().valueToTree(input.getAdditionalProperties().get("spec"));
            JsonNode back = Serialization.jsonMapper().valueToTree(stored.getAdditionalProperties().get("spec"));
            assertThat(back).as("spec of %s as stored by the API server", example.getFileName()).isEqualTo(sent);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String kubectl(ClusterSession cluster, String... args) throws IOException, InterruptedException {
        Path dir = cluster.clusterDir();
        List<String> command = Stream.concat(Stream.of(dir.resolve("bin/kubectl").toString(), "--kubeconfig",
                dir.resolve("kubeconfig").toString()), Stream.of(args)).toList();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s\n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
