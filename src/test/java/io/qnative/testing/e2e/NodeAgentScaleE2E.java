package io.qnative.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.testing.nodeagent.NodeAgent;
import io.qnative.testing.nodeagent.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The node agent holds 300 Ready pods; measures this JVM (which hosts the agent) and the cluster's
 * processes and writes the numbers to {@code target/e2e/nodeagent-300-pods.txt} (recorded in
 * hack/cluster/README.md).
 */
@LocalCluster
class NodeAgentScaleE2E {

    private static final int PODS = 300;

    @Test
    void holds300ReadyPods(KubernetesClient client, TestNamespace ns, NodeAgent agent, ClusterSession cluster)
            throws IOException {
        String before = "before: test JVM " + proc("self") + ", agent pods " + agent.runningPods();
        long start = System.nanoTime();
        Deployment deployment = NodeAgentE2E.deployment("scale", PODS, SampleImages.HELLOWORLD, Map.of());
        client.apps().deployments().inNamespace(ns.name()).resource(deployment).create();

        await("300 pods available").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Deployment d = client.apps().deployments().inNamespace(ns.name()).withName("scale").get();
                    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
                    return available != null && available == PODS;
                });
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        await("endpoints list 300 addresses").atMost(Duration.ofMinutes(2)).until(() -> client.pods()
                .inNamespace(ns.name()).list().getItems().stream().filter(NodeAgentE2E::ready).count() == PODS);
        System.gc();
        String report = String.join("\n",
                "node agent with " + PODS + " Ready pods (helloworld-go, tcpSocket probes), Ready after " + seconds + " s",
                before,
                "after:  test JVM " + proc("self") + ", agent pods " + agent.runningPods() + ", status writes "
                        + agent.statusWrites(),
                "cluster: " + cluster.componentPids().stream().map(pid -> pid + " " + proc(String.valueOf(pid)))
                        .collect(Collectors.joining("; ")),
                "");
        System.out.println(report);
        Path out = Path.of("target/e2e/nodeagent-300-pods.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(agent.runningPods()).isGreaterThanOrEqualTo(PODS);

        client.apps().deployments().inNamespace(ns.name()).withName("scale").delete();
        await("300 pods deleted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.pods().inNamespace(ns.name()).list().getItems().isEmpty());
    }

    /** "name VmRSS=… Threads=…" from /proc/<pid>/status. */
    private static String proc(String pid) {
        try {
            Map<String, String> status = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(l -> l.contains(":")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')),
                            l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
            return status.get("Name") + " RSS=" + status.get("VmRSS") + " threads=" + status.get("Threads");
        } catch (IOException e) {
            return "(gone)";
        }
    }
}
