package io.qnative.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.testing.nodeagent.SampleImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node agent on the real local cluster: nodes, Deployments, Services, probes, crashes, deletion. */
@LocalCluster
class NodeAgentE2E {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String POD_IP = "127\\.0\\.([1-9]\\d*)\\.\\d+";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void nodesAreRegisteredAndReady(KubernetesClient client) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Node node = client.nodes().withName("qnative-node-1").get();
            assertThat(node).isNotNull();
            assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
            assertThat(node.getSpec().getTaints()).isNullOrEmpty();
        });
    }

    @Test
    void deploymentWithServiceServesHelloWorldAndIsGarbageCollected(KubernetesClient client, TestNamespace ns)
            throws Exception {
        client.apps().deployments().inNamespace(ns.name()).resource(deployment("hello", 2, SampleImages.HELLOWORLD,
                Map.of("TARGET", "E2E"))).create();
        client.services().inNamespace(ns.name()).resource(new ServiceBuilder().withNewMetadata().withName("hello")
                .endMetadata().withNewSpec().addToSelector("app", "hello").addNewPort().withPort(80)
                .withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();

        await("Deployment Available").atMost(TIMEOUT).untilAsserted(() -> {
            Deployment d = client.apps().deployments().inNamespace(ns.name()).withName("hello").get();
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Available");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        });
        List<String> ips = await("two loopback endpoints").atMost(TIMEOUT).until(() -> endpointIps(client, ns, "hello"),
                list -> list.size() == 2);
        assertThat(ips).allMatch(ip -> ip.matches(POD_IP)).doesNotHaveDuplicates();
        for (String ip : ips) {
            HttpResponse<String> response = get("http://" + ip + ":8080/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello E2E!\n");
        }

        client.apps().deployments().inNamespace(ns.name()).withName("hello").delete();
        await("ReplicaSets and Pods garbage-collected").atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.apps().replicaSets().inNamespace(ns.name()).list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(ns.name()).list().getItems()).isEmpty();
        });
    }

    @Test
    void neverReadyPodRunsButStaysNotReady(KubernetesClient client, TestNamespace ns) {
        Pod pod = pod("never", SampleImages.HELLOWORLD, Map.of(SampleImages.NEVER_READY, "true"));
        pod.getSpec().getContainers().get(0).setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder()
                .withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket().withPeriodSeconds(1).build());
        client.pods().inNamespace(ns.name()).resource(pod).create();

        await("pod Running with an IP").atMost(TIMEOUT).untilAsserted(() -> {
            Pod p = client.pods().inNamespace(ns.name()).withName("never").get();
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getStatus().getPodIP()).matches(POD_IP);
        });
        await("stays not Ready").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                !ready(client.pods().inNamespace(ns.name()).withName("never").get()));
    }

    @Test
    void crashingContainerShowsRestartsAndExitCode(KubernetesClient client, TestNamespace ns) {
        client.pods().inNamespace(ns.name()).resource(pod("crash", SampleImages.HELLOWORLD,
                Map.of(SampleImages.CRASH_ON_START, "3"))).create();

        await("restarts with exit code 3").atMost(TIMEOUT).untilAsserted(() -> {
            ContainerStatus status = container(client.pods().inNamespace(ns.name()).withName("crash").get());
            assertThat(status.getRestartCount()).isPositive();
            assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
            assertThat(status.getReady()).isFalse();
        });
    }

    @Test
    void containerExitingAfterRequestsIsRestarted(KubernetesClient client, TestNamespace ns) throws Exception {
        client.pods().inNamespace(ns.name()).resource(pod("exits", SampleImages.HELLOWORLD,
                Map.of(SampleImages.EXIT_AFTER_REQUESTS, "1", SampleImages.EXIT_CODE, "0"))).create();
        String ip = awaitReadyIp(client, ns, "exits");

        assertThat(get("http://" + ip + ":8080/").body()).isEqualTo("Hello World!\n");
        await("restarted after its request").atMost(TIMEOUT).untilAsserted(() -> {
            Pod p = client.pods().inNamespace(ns.name()).withName("exits").get();
            assertThat(container(p).getRestartCount()).isEqualTo(1);
            assertThat(container(p).getLastState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(ready(p)).isTrue();
        });
        assertThat(get("http://" + ip + ":8080/").statusCode()).isEqualTo(200);
    }

    @Test
    void autoscaleSampleSleepsWithoutBlocking(KubernetesClient client, TestNamespace ns) throws Exception {
        client.pods().inNamespace(ns.name()).resource(pod("autoscale", SampleImages.AUTOSCALE,
                Map.of("K_SERVICE", "autoscale"))).create();
        String ip = awaitReadyIp(client, ns, "autoscale");

        long start = System.nanoTime();
        HttpResponse<String> response = get("http://" + ip + ":8080/?sleep=100&prime=1000");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(100);
        assertThat(response.body()).startsWith("Slept for ").contains("The largest prime less than 1000 is 997.");
        assertThat(get("http://" + ip + ":8080" + SampleImages.ENV_PATH).body()).contains("\"K_SERVICE\":\"autoscale\"");
    }

    static Deployment deployment(String name, int replicas, String image, Map<String, String> env) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .withContainers(container(image, env)).endSpec().endTemplate().endSpec().build();
    }

    private static Pod pod(String name, String image, Map<String, String> env) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withContainers(container(image, env)).endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.Container container(String image, Map<String, String> env) {
        return new ContainerBuilder().withName("user-container").withImage(image).addNewPort()
                .withContainerPort(8080).endPort()
                .withEnv(env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket()
                .withPeriodSeconds(1).endReadinessProbe().build();
    }

    private String awaitReadyIp(KubernetesClient client, TestNamespace ns, String name) {
        return await(name + " Ready").atMost(TIMEOUT).until(() -> {
            Pod p = client.pods().inNamespace(ns.name()).withName(name).get();
            return p != null && ready(p) ? p.getStatus().getPodIP() : null;
        }, ip -> ip != null);
    }

    private static List<String> endpointIps(KubernetesClient client, TestNamespace ns, String name) {
        Endpoints endpoints = client.endpoints().inNamespace(ns.name()).withName(name).get();
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        return endpoints.getSubsets().stream().filter(s -> s.getAddresses() != null)
                .flatMap(s -> s.getAddresses().stream()).map(EndpointAddress::getIp).toList();
    }

    static boolean ready(Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static ContainerStatus container(Pod pod) {
        assertThat(pod.getStatus().getContainerStatuses()).hasSize(1);
        return pod.getStatus().getContainerStatuses().get(0);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
