package io.qnative.testing.realnode;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster with a real node (hack/node/up.sh: control plane, kube-scheduler, containerd, kubelet), the images
 * built and imported (hack/node/build-image.sh), and qnative installed with {@code kubectl apply -f kubernetes/}.
 * Every run starts from a fresh cluster dir and {@link #close()} runs hack/node/down.sh --purge (unless
 * {@code QNATIVE_KEEP_CLUSTER=1}: then the cluster is reused and left running).
 *
 * <p>Its own cluster dir and ports, so it never meets the node agent's cluster of the same run:
 * {@code QNATIVE_NODE_CLUSTER_DIR} (default {@code /tmp/qnative-node}) and {@code QNATIVE_NODE_APISERVER_PORT},
 * {@code _ETCD_PORT}, {@code _ETCD_PEER_PORT}, {@code _KCM_PORT}, {@code _SCHEDULER_PORT} (defaults 6543, 12479,
 * 12480, 10357, 10359); its network and kubelet ports, so it can run beside another real node: {@code
 * QNATIVE_NODE_SERVICE_CIDR} (10.96.0.0/16), {@code QNATIVE_NODE_POD_CIDR} (10.244.0.0/24), {@code
 * QNATIVE_NODE_BRIDGE} (qnative0), {@code QNATIVE_NODE_KUBELET_PORT} (11250), {@code
 * QNATIVE_NODE_KUBELET_HEALTHZ_PORT} (11248). Script output goes to {@code target/e2e/node-*.log}.
 */
public final class RealNodeCluster implements AutoCloseable {

    static final String SYSTEM_NAMESPACE = "knative-serving";
    /** As hack/node/run.sh: the node reaches no registry, the samples' registries are not resolved to digests. */
    static final String LOCAL_SKIPPING = "kind.local,ko.local,dev.local,gcr.io,ghcr.io,index.docker.io,"
            + "registry.example";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(45);
    /** The API server's own limit for a request (its --request-timeout default, 60 s). */
    private static final int REQUEST_TIMEOUT_MILLIS = 60_000;

    private final Path projectDir;
    private final Map<String, String> env;
    private final KubernetesClient client;
    private final Path clusterDir;
    /** Seconds taken by hack/node/up.sh (includes the control plane; not the one-time builds when cached). */
    final long upSeconds;
    /** Seconds taken by hack/node/build-image.sh qnative samples. */
    final long imageSeconds;

    private RealNodeCluster(Path projectDir, Map<String, String> env, KubernetesClient client, long upSeconds,
            long imageSeconds) {
        this.projectDir = projectDir;
        this.env = env;
        this.client = client;
        this.clusterDir = Path.of(env.get("QNATIVE_CLUSTER_DIR"));
        this.upSeconds = upSeconds;
        this.imageSeconds = imageSeconds;
    }

    /** The environment of the node's scripts: this tier's cluster dir and ports. */
    static Map<String, String> scriptEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> sys = System.getenv();
        env.put("QNATIVE_CLUSTER_DIR", sys.getOrDefault("QNATIVE_NODE_CLUSTER_DIR", "/tmp/qnative-node"));
        env.put("QNATIVE_APISERVER_PORT", sys.getOrDefault("QNATIVE_NODE_APISERVER_PORT", "6543"));
        env.put("QNATIVE_ETCD_PORT", sys.getOrDefault("QNATIVE_NODE_ETCD_PORT", "12479"));
        env.put("QNATIVE_ETCD_PEER_PORT", sys.getOrDefault("QNATIVE_NODE_ETCD_PEER_PORT", "12480"));
        env.put("QNATIVE_KCM_PORT", sys.getOrDefault("QNATIVE_NODE_KCM_PORT", "10357"));
        env.put("QNATIVE_SCHEDULER_PORT", sys.getOrDefault("QNATIVE_NODE_SCHEDULER_PORT", "10359"));
        // the node's network and kubelet ports (hack/node/lib.sh), so a second real node can run on the machine
        env.put("QNATIVE_SERVICE_CIDR", sys.getOrDefault("QNATIVE_NODE_SERVICE_CIDR", "10.96.0.0/16"));
        env.put("QNATIVE_POD_CIDR", sys.getOrDefault("QNATIVE_NODE_POD_CIDR", "10.244.0.0/24"));
        env.put("QNATIVE_NODE_BRIDGE", sys.getOrDefault("QNATIVE_NODE_BRIDGE", "qnative0"));
        env.put("QNATIVE_KUBELET_PORT", sys.getOrDefault("QNATIVE_NODE_KUBELET_PORT", "11250"));
        env.put("QNATIVE_KUBELET_HEALTHZ_PORT", sys.getOrDefault("QNATIVE_NODE_KUBELET_HEALTHZ_PORT", "11248"));
        return env;
    }

    /** Brings the node up, builds and imports the images, installs qnative and waits for its Deployment. */
    static RealNodeCluster start() {
        Path projectDir = projectDir();
        Map<String, String> env = scriptEnv();
        // A fresh cluster every run: the etcd of an earlier one still holds its qnative Deployment as available
        // and its pods as Ready (nothing on the new node), which would pass every wait below at once.
        if (!"1".equals(System.getenv("QNATIVE_KEEP_CLUSTER"))) {
            script(projectDir, env, "node-purge", "hack/node/down.sh", "--purge");
        }
        long t0 = System.nanoTime();
        script(projectDir, env, "node-up", "hack/node/up.sh");
        long up = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        t0 = System.nanoTime();
        script(projectDir, env, "node-images", "hack/node/build-image.sh", "qnative", "samples");
        long images = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        Path kubeconfig = Path.of(env.get("QNATIVE_CLUSTER_DIR"), "kubeconfig");
        KubernetesClient client;
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            // as kubectl, which sets no timeout of its own: a write through the admission webhooks may take up to
            // their timeoutSeconds (10) each, and the API server answers a timed-out webhook with an error naming it
            // (fabric8's default of 10 s for the whole request would hide that answer behind its own timeout)
            config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
            client = new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig, e);
        }
        RealNodeCluster cluster = new RealNodeCluster(projectDir, env, client, up, images);
        try {
            cluster.install();
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException down) {
                e.addSuppressed(down);
            }
            throw e;
        }
        return cluster;
    }

    /** {@code kubectl apply -f kubernetes/} as the README tells users, then the local registries setting. */
    private void install() {
        // A first apply can race the CRDs it creates; a second one is a no-op for everything already there.
        if (kubectl("apply", "-f", "kubernetes/") != 0) {
            await("CRDs established").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> kubectl("apply", "-f", "kubernetes/") == 0);
        }
        awaitQnativeAvailable(Duration.ofMinutes(5));
        // config-map writes in knative-serving go through qnative's config webhook: patch once it answers
        await("config-deployment patched").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl("-n", SYSTEM_NAMESPACE, "patch", "configmap", "config-deployment", "--type",
                        "merge", "-p", "{\"data\":{\"registries-skipping-tag-resolving\":\"" + LOCAL_SKIPPING
                                + "\"}}") == 0);
    }

    /** Waits until the qnative Deployment has an available replica and returns its Ready pod. */
    Pod awaitQnativeAvailable(Duration timeout) {
        await("deployment/qnative available").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            Deployment d = client.apps().deployments().inNamespace(SYSTEM_NAMESPACE).withName("qnative").get();
            return d != null && d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                    && d.getStatus().getAvailableReplicas() >= 1;
        });
        return readyQnativePods().get(0);
    }

    /** qnative's Ready, not terminating pods. */
    List<Pod> readyQnativePods() {
        List<Pod> ready = new ArrayList<>();
        for (Pod p : client.pods().inNamespace(SYSTEM_NAMESPACE).withLabel("app", "qnative").list().getItems()) {
            if (p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                    && p.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                ready.add(p);
            }
        }
        return ready;
    }

    KubernetesClient client() {
        return client;
    }

    /** The first three octets and dot of the pod CIDR (a /24), e.g. {@code 10.244.0.}: every pod IP starts so. */
    String podIpPrefix() {
        String net = env.get("QNATIVE_POD_CIDR").split("/")[0];
        return net.substring(0, net.lastIndexOf('.') + 1);
    }

    /** The node's bridge. */
    String bridge() {
        return env.get("QNATIVE_NODE_BRIDGE");
    }

    /** {@code ctr} against the node's containerd, namespace k8s.io; output appended to target/e2e/node-ctr.log. */
    int ctr(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ctr", "--address",
                clusterDir.resolve("node/containerd/containerd.sock").toString(), "--namespace", "k8s.io"));
        cmd.addAll(List.of(args));
        return run(projectDir, env, projectDir.resolve("target/e2e/node-ctr.log"), true, cmd);
    }

    Path clusterDir() {
        return clusterDir;
    }

    /** Runs the cluster's kubectl 1.20.2 with the admin kubeconfig; output appended to target/e2e/node-kubectl.log. */
    int kubectl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(clusterDir.resolve("bin/kubectl").toString());
        cmd.add("--kubeconfig");
        cmd.add(clusterDir.resolve("kubeconfig").toString());
        cmd.addAll(List.of(args));
        return run(projectDir, env, projectDir.resolve("target/e2e/node-kubectl.log"), true, cmd);
    }

    /**
     * Keeps what a failed test needs to be understood, before {@link #close()} deletes the cluster dir: the control
     * plane's and the node's logs, qnative's pods' logs and every pod and Endpoints object, under {@code
     * target/e2e/real-node-failure/<test>/}. Best effort: a failure here is printed, never thrown.
     */
    void keepDiagnostics(String test) {
        Path out = projectDir.resolve("target/e2e/real-node-failure").resolve(test);
        try {
            Files.createDirectories(out);
            try (var logs = Files.list(clusterDir.resolve("logs"))) {
                for (Path log : logs.toList()) {
                    Files.copy(log, out.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path kubectlLog = projectDir.resolve("target/e2e/node-kubectl.log");
            kubectl("get", "pods,endpoints", "-A", "-o", "wide");
            kubectl("-n", SYSTEM_NAMESPACE, "logs", "-l", "app=qnative", "--tail=-1", "--timestamps");
            Files.copy(kubectlLog, out.resolve("kubectl.log"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("RealNodeE2E." + test + " failed: the cluster's logs are in " + out);
        } catch (IOException | RuntimeException e) {
            System.out.println("RealNodeE2E." + test + " failed; keeping its diagnostics failed too: " + e);
        }
    }

    @Override
    public void close() {
        client.close();
        if ("1".equals(System.getenv("QNATIVE_KEEP_CLUSTER"))) {
            System.out.println("QNATIVE_KEEP_CLUSTER=1: leaving the real node in " + clusterDir + " running");
            return;
        }
        script(projectDir, env, "node-down", "hack/node/down.sh", "--purge");
    }

    private static void script(Path projectDir, Map<String, String> env, String name, String... cmd) {
        Path log = projectDir.resolve("target/e2e/" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.addAll(List.of(cmd));
        int exit = run(projectDir, env, log, false, command);
        if (exit != 0) {
            String out;
            try {
                out = Files.readString(log);
            } catch (IOException e) {
                out = "";
            }
            String[] lines = out.split("\n");
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + exit + "; see " + log + "\n"
                    + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length)));
        }
    }

    private static int run(Path projectDir, Map<String, String> env, Path log, boolean append, List<String> cmd) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("running " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }

    private static Path projectDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("hack/node/up.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("hack/node/up.sh not found above " + Path.of("").toAbsolutePath());
    }
}
