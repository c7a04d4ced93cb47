package io.qnative.testing.realnode;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.QnativeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 14's same-run comparison (bench/node-compare.sh): a ksvc's create-to-Ready with the node agent (qnative as
 * a local process, pods as loopback servers) against a real node (kubelet + containerd, qnative installed in-cluster,
 * pods as containers), both clusters up at once and the samples alternated (agent, real node, agent, …), so both
 * see the same machine load. The same ksvc in both (helloworld-go, {@code imagePullPolicy: IfNotPresent}), created,
 * polled every 100 ms until Ready on its current generation, then deleted. One unmeasured warm-up each. Also the
 * real node's kubelet start → Node Ready. Figures to stdout and {@code target/e2e/node-compare.txt}.
 */
public final class NodeCompareBench {

    private static final Duration READY_LIMIT = Duration.ofMinutes(3);
    private static final Pattern LOG_START = Pattern.compile("=== (\\S+Z) start");

    private NodeCompareBench() {
    }

    /** Runs the comparison ({@code [SAMPLES]}, default 20) and exits the JVM (the node agent's threads stay). */
    public static void main(String[] args) {
        int status = 0;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void run(int samples) throws Exception {
        StringBuilder out = new StringBuilder();
        long t0 = System.nanoTime();
        try (ClusterSession agentCluster = ClusterSession.start();
                QnativeProcess qnative = QnativeProcess.start(agentCluster, "node-compare")) {
            line(out, "node agent: cluster up + qnative Ready %.1f s", secs(System.nanoTime() - t0));
            t0 = System.nanoTime();
            try (RealNodeCluster real = RealNodeCluster.start()) {
                line(out, "real node: up.sh %d s, images %d s, up + images + install → qnative Available %.1f s",
                        real.upSeconds, real.imageSeconds, secs(System.nanoTime() - t0));
                line(out, "real node: kubelet started → Node Ready %s s", nodeReadySeconds(real));
                KubernetesClient agent = agentCluster.client();
                KubernetesClient node = real.client();
                String ns = "compare-" + Long.toString(System.currentTimeMillis(), 36);
                namespace(agent, ns);
                namespace(node, ns);
                line(out, "warm-up (not counted): node agent %d ms, real node %d ms", timeToReady(agent, ns, "warm"),
                        timeToReady(node, ns, "warm"));
                List<Long> agentMs = new ArrayList<>();
                List<Long> nodeMs = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    agentMs.add(timeToReady(agent, ns, "s" + i));
                    nodeMs.add(timeToReady(node, ns, "s" + i));
                }
                line(out, "ksvc create → Ready, %d each, alternated: node agent %s", samples, summary(agentMs));
                line(out, "ksvc create → Ready, %d each, alternated: real node  %s", samples, summary(nodeMs));
                line(out, "p50 real node / node agent: %.2f", (double) pct(nodeMs, 50) / pct(agentMs, 50));
                line(out, "load average at the end: %s", Files.readString(Path.of("/proc/loadavg")).trim());
                cleanUp(agent, ns);
                cleanUp(node, ns);
            }
        }
        Path file = Path.of("target/e2e/node-compare.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    /** Seconds from the kubelet's start (its log's last start line) to the Node's Ready transition. */
    static String nodeReadySeconds(RealNodeCluster real) throws IOException {
        Instant started = null;
        for (String l : Files.readAllLines(real.clusterDir().resolve("logs/kubelet.log"))) {
            Matcher m = LOG_START.matcher(l);
            if (m.find()) {
                started = Instant.parse(m.group(1));
            }
        }
        List<Node> nodes = real.client().nodes().list().getItems();
        if (started == null || nodes.isEmpty()) {
            return "n/a";
        }
        for (NodeCondition c : nodes.get(0).getStatus().getConditions()) {
            if (c.getType().equals("Ready") && c.getStatus().equals("True")) {
                return String.valueOf(Duration.between(started, Instant.parse(c.getLastTransitionTime()))
                        .getSeconds());
            }
        }
        return "n/a";
    }

    private static void namespace(KubernetesClient client, String ns) throws InterruptedException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        for (int i = 0; i < 600 && client.serviceAccounts().inNamespace(ns).withName("default").get() == null; i++) {
            Thread.sleep(100);
        }
    }

    /** Creates ksvc {@code name}, waits until it is Ready on its generation, deletes it; returns the ms taken. */
    static long timeToReady(KubernetesClient client, String ns, String name) throws InterruptedException {
        Service s = client.getKubernetesSerialization().unmarshal("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s, namespace: %s}
                spec:
                  template:
                    spec:
                      containers:
                        - image: gcr.io/knative-samples/helloworld-go
                          imagePullPolicy: IfNotPresent
                """.formatted(name, ns), Service.class);
        long t0 = System.nanoTime();
        long deadline = t0 + READY_LIMIT.toNanos();
        // the API server calls qnative's webhooks on the create: on a loaded machine that can outlast the client's
        // request timeout, so a create that timed out is checked and tried again (the time counts)
        while (true) {
            try {
                client.resources(Service.class).inNamespace(ns).resource(s).create();
                break;
            } catch (KubernetesClientException e) {
                if (client.resources(Service.class).inNamespace(ns).withName(name).get() != null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("create of " + ns + "/" + name + " failed, trying again: " + e.getMessage());
            }
        }
        while (true) {
            Service now;
            try {
                now = client.resources(Service.class).inNamespace(ns).withName(name).get();
            } catch (KubernetesClientException e) {
                now = null; // a read that timed out on a loaded machine: poll again
            }
            if (now != null && now.isReady() && now.getStatus().getObservedGeneration() != null
                    && now.getStatus().getObservedGeneration().equals(now.getMetadata().getGeneration())) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                try {
                    client.resources(Service.class).inNamespace(ns).withName(name).delete();
                } catch (KubernetesClientException e) {
                    System.out.println("delete of " + ns + "/" + name + " failed (cleanUp deletes it): " + e.getMessage());
                }
                return ms;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ksvc " + ns + "/" + name + " not Ready after " + READY_LIMIT
                        + ": " + (now == null ? "not read" : now.getStatus()));
            }
            Thread.sleep(100);
        }
    }

    /** Deletes what is left while qnative runs, so the Routes' finalizers go, then the namespace. */
    private static void cleanUp(KubernetesClient client, String ns) throws InterruptedException {
        client.resources(Service.class).inNamespace(ns).delete();
        for (int i = 0; i < 600 && !client.resources(Route.class).inNamespace(ns).list().getItems().isEmpty(); i++) {
            Thread.sleep(200);
        }
        client.namespaces().withName(ns).delete();
    }

    private static String summary(List<Long> ms) {
        return String.format("p50 %.2f s, p90 %.2f s, min %.2f s, max %.2f s", pct(ms, 50) / 1000.0,
                pct(ms, 90) / 1000.0, Collections.min(ms) / 1000.0, Collections.max(ms) / 1000.0);
    }

    /** The nearest-rank percentile. */
    static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        String l = String.format(format, args);
        System.out.println(l);
        out.append(l).append('\n');
    }
}
