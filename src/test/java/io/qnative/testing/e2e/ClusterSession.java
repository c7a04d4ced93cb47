package io.qnative.testing.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.qnative.webhook.WebhookConfigurations;
import io.qnative.testing.nodeagent.NodeAgent;
import io.qnative.testing.nodeagent.NodeAgentOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster for one test run: {@code hack/cluster/up.sh} (idempotent; builds the Kubernetes
 * binaries on a fresh machine), an admin client from {@code $QNATIVE_CLUSTER_DIR/kubeconfig} and a {@link
 * NodeAgent} in this JVM, and the cluster's image registry ({@code hack/registry/up.sh}: Debian's docker-registry on
 * a free loopback port, its config and storage under {@code $QNATIVE_CLUSTER_DIR/registry}, the stand-in samples
 * published in it; {@link #registry()}). {@link #close()} stops the agent, the registry (when this run started it) and
 * runs {@code hack/cluster/down.sh} unless {@code QNATIVE_KEEP_CLUSTER=1} or the cluster was already up before this
 * run.
 *
 * <p>Script output goes to {@code target/e2e/cluster-up.log}, {@code target/e2e/registry-up.log} and {@code
 * target/e2e/cluster-down.log}; the components log to {@code $QNATIVE_CLUSTER_DIR/logs}, the registry to {@code
 * $QNATIVE_CLUSTER_DIR/registry/registry.log}.
 */
public final class ClusterSession implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(45);

    private final Path projectDir;
    private final Path clusterDir;
    private final boolean startedHere;
    private final KubernetesClient client;
    private final NodeAgent agent;
    private final ImageRegistry registry;
    private final boolean registryStartedHere;

    private ClusterSession(Path projectDir, Path clusterDir, boolean startedHere, KubernetesClient client,
            NodeAgent agent, ImageRegistry registry, boolean registryStartedHere) {
        this.projectDir = projectDir;
        this.clusterDir = clusterDir;
        this.startedHere = startedHere;
        this.client = client;
        this.agent = agent;
        this.registry = registry;
        this.registryStartedHere = registryStartedHere;
    }

    /**
     * Brings the cluster up and starts the node agent.
     *
     * @throws IllegalStateException naming the log files when the cluster does not come up
     */
    public static ClusterSession start() {
        Path projectDir = projectDir();
        Path clusterDir = Path.of(System.getenv().getOrDefault("QNATIVE_CLUSTER_DIR", "/tmp/qnative-cluster"));
        Path log = projectDir.resolve("target/e2e/cluster-up.log");
        int exit = run(projectDir, log, "hack/cluster/up.sh");
        String output = read(log);
        if (exit != 0) {
            throw new IllegalStateException("local cluster failed to start: hack/cluster/up.sh exited " + exit
                    + "; see " + log + " and " + clusterDir.resolve("logs") + "/*.log\n--- last lines of " + log
                    + ":\n" + tail(output, 25));
        }
        boolean startedHere = !output.contains("kube-apiserver already running");
        // a free port, not make run's 5000: another run on this machine may hold that one
        Path registryLog = projectDir.resolve("target/e2e/registry-up.log");
        Path registryOut = projectDir.resolve("target/e2e/registry-up.out");
        int registryExit = run(projectDir, registryLog, registryOut, Map.of("QNATIVE_REGISTRY_PORT",
                String.valueOf(freePort())), "hack/registry/up.sh");
        if (registryExit != 0) {
            throw new IllegalStateException("the local registry failed to start: hack/registry/up.sh exited "
                    + registryExit + "; see " + registryLog + " and " + clusterDir.resolve("registry/registry.log")
                    + "\n--- last lines of " + registryLog + ":\n" + tail(read(registryLog), 25));
        }
        ImageRegistry registry = new ImageRegistry(read(registryOut).trim());
        boolean registryStartedHere = !read(registryLog).contains("already running");
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
                    Files.readString(clusterDir.resolve("kubeconfig")))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + clusterDir.resolve("kubeconfig"), e);
        }
        NodeAgent agent = NodeAgent.start(client, NodeAgentOptions.defaults());
        ClusterSession session = new ClusterSession(projectDir, clusterDir, startedHere, client, agent, registry,
                registryStartedHere);
        // the cluster's state outlives processes: webhooks left by an earlier qnative (make run killed hard, a run
        // stopped mid-test) would fail every ksvc and config-map write of this run
        session.removeWebhookConfigurations();
        return session;
    }

    /** Deletes qnative's three admission webhook configurations, if present. */
    public void removeWebhookConfigurations() {
        client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(WebhookConfigurations.DEFAULTING).delete();
        client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WebhookConfigurations.VALIDATION).delete();
        client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WebhookConfigurations.CONFIG_VALIDATION).delete();
    }

    /** The admin client (do not close it). */
    public KubernetesClient client() {
        return client;
    }

    /** The node agent running this run's pods. */
    public NodeAgent agent() {
        return agent;
    }

    /** The cluster's image registry on loopback, with the stand-in samples published in it. */
    public ImageRegistry registry() {
        return registry;
    }

    /**
     * A registry of the test's own (hack/registry/up.sh, the stand-in samples published in it) with its state under
     * {@code $QNATIVE_CLUSTER_DIR/registry-<name>}, on a free port, for a test that stops and restarts it; the test
     * must {@link ImageRegistry#stop()} it.
     */
    public ImageRegistry startRegistry(String name) throws IOException, InterruptedException {
        return startRegistry(name, null, null);
    }

    /** {@link #startRegistry(String)} behind htpasswd basic auth for {@code user} (null: none). */
    public ImageRegistry startRegistry(String name, String user, String password) throws IOException,
            InterruptedException {
        return ImageRegistry.start(projectDir, clusterDir.resolve("registry-" + name), freePort(), user, password);
    }

    /** {@code $QNATIVE_CLUSTER_DIR}: state, logs, bin/ (kubectl 1.20.2) and kubeconfig. */
    public Path clusterDir() {
        return clusterDir;
    }

    /** The process ids of the cluster's components (from their pid files), for measurements. */
    public List<Long> componentPids() {
        try (var files = Files.list(clusterDir.resolve("run"))) {
            return files.filter(f -> f.toString().endsWith(".pid")).map(ClusterSession::read).map(String::trim)
                    .filter(s -> s.matches("\\d+")).map(Long::parseLong).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        agent.close();
        client.close();
        if (registryStartedHere && !"1".equals(System.getenv("QNATIVE_KEEP_CLUSTER"))) {
            Path log = projectDir.resolve("target/e2e/registry-down.log");
            int exit = run(projectDir, log, "hack/registry/down.sh");
            if (exit != 0) {
                throw new IllegalStateException("hack/registry/down.sh exited " + exit + "; see " + log);
            }
        }
        if ("1".equals(System.getenv("QNATIVE_KEEP_CLUSTER"))) {
            System.out.println("QNATIVE_KEEP_CLUSTER=1: leaving the cluster in " + clusterDir + " running");
        } else if (!startedHere) {
            System.out.println("the cluster in " + clusterDir + " was running before this test run: leaving it running");
        } else {
            Path log = projectDir.resolve("target/e2e/cluster-down.log");
            int exit = run(projectDir, log, "hack/cluster/down.sh");
            if (exit != 0) {
                throw new IllegalStateException("hack/cluster/down.sh exited " + exit + "; see " + log);
            }
        }
    }

    private static int run(Path projectDir, Path log, String script) {
        return run(projectDir, log, null, Map.of(), script);
    }

    /** Runs {@code script} with {@code env} added; stderr (and stdout when {@code out} is null) to {@code log}. */
    private static int run(Path projectDir, Path log, Path out, Map<String, String> env, String script) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder("bash", script).directory(projectDir.toFile());
            pb.environment().putAll(env);
            if (out == null) {
                pb.redirectErrorStream(true).redirectOutput(log.toFile());
            } else {
                pb.redirectError(log.toFile()).redirectOutput(out.toFile());
            }
            Process process = pb.start();
            if (!process.waitFor(UP_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("running " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("picking a free port", e);
        }
    }

    private static Path projectDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("hack/cluster/up.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("hack/cluster/up.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
