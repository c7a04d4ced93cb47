package io.qnative.testing.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.gateway.Gateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * qnative as a user runs it: the packaged binary ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM
 * against the local cluster, installed from {@code kubernetes/} (all but the Deployment, which would need an
 * image), authenticated as the install's {@code controller} ServiceAccount so its RBAC is exercised, with the
 * webhook called by URL on loopback and the gateway listening on free loopback ports ({@link #gatewayPorts()}).
 * Closing stops the process and removes the webhook configurations, so no later test meets an admission webhook
 * that no longer answers.
 */
public final class QnativeProcess implements AutoCloseable {

    /** The system namespace of the install. */
    public static final String SYSTEM_NAMESPACE = "knative-serving";
    /**
     * The local cluster reaches no public registry: images of these registries (the stand-in samples'
     * {@code gcr.io/knative-samples/...}) run as written instead of being resolved to digests. The shipped
     * config-deployment keeps Knative's default; this is the E2E install's local config (as hack/run.sh's).
     */
    static final String LOCAL_SKIPPING = "kind.local,ko.local,dev.local,gcr.io,ghcr.io,index.docker.io,"
            + "registry.example";
    private static final Path MANIFESTS = Path.of("kubernetes");
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ClusterSession cluster;
    private final Process process;
    private final Path log;
    private final int managementPort;
    private final Gateway.Ports gateway;

    private QnativeProcess(ClusterSession cluster, Process process, Path log, int managementPort,
            Gateway.Ports gateway) {
        this.cluster = cluster;
        this.process = process;
        this.log = log;
        this.managementPort = managementPort;
        this.gateway = gateway;
    }

    /**
     * Installs {@code kubernetes/} and starts qnative; returns once it reports ready. The ports are free when
     * picked, but another process may take one before qnative binds it: a start that fails on a taken port is
     * tried again with new ports.
     */
    public static QnativeProcess start(ClusterSession cluster, String name) throws Exception {
        return start(cluster, name, List.of());
    }

    /**
     * As {@link #start(ClusterSession, String)}, with extra JVM options for qnative (process settings such as
     * {@code -Dqnative.certificates.validity=45s}).
     */
    public static QnativeProcess start(ClusterSession cluster, String name, List<String> jvmOptions)
            throws Exception {
        for (int attempt = 1;; attempt++) {
            // closing a failed start removes the webhook configurations: install again each time
            install(cluster);
            Path kubeconfig = controllerKubeconfig(cluster);
            try {
                return startOnce(cluster, name, kubeconfig, jvmOptions);
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** qnative exited during start because a port it was given was taken meanwhile. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static QnativeProcess startOnce(ClusterSession cluster, String name, Path kubeconfig,
            List<String> jvmOptions) throws Exception {
        int management = freePort();
        int webhook = freePort();
        // free ports rather than 8080/8081/8443/8444: another qnative (make run, a parallel run) may hold those
        Gateway.Ports gateway = new Gateway.Ports(freePort(), freePort(), freePort(), freePort());
        Path log = Path.of("target/e2e/qnative-" + name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=local", "-Dquarkus.management.port=" + management,
                "-Dqnative.webhook.port=" + webhook, "-Dqnative.gateway.host=127.0.0.1",
                "-Dqnative.gateway.external-http-port=" + gateway.externalHttp(),
                "-Dqnative.gateway.external-https-port=" + gateway.externalHttps(),
                "-Dqnative.gateway.internal-http-port=" + gateway.internalHttp(),
                "-Dqnative.gateway.internal-https-port=" + gateway.internalHttps(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:ReservedCodeCacheSize=32m", "-Xmx256m",
                "-jar", jar().getFileName().toString()));
        command.addAll(command.size() - 2, jvmOptions);
        // extra JVM options for experiments, e.g. QNATIVE_E2E_JAVA_OPTS=-Dqnative.controller.workers=4
        String extra = System.getenv().getOrDefault("QNATIVE_E2E_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(command.size() - 2, List.of(extra.split("\\s+")));
        }
        // from the jar's directory, as the image runs it: an -XX:SharedArchiveFile=app-cds.jsa (the Deployment's
        // flags, bench/ksvc-scale.sh) finds the archive make build dumps there, whose jars are named relative to it
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(jar().toAbsolutePath().getParent().toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("QNATIVE_SYSTEM_NAMESPACE", SYSTEM_NAMESPACE);
        pb.environment().put("QNATIVE_POD_NAME", "qnative-e2e-" + name);
        QnativeProcess qnative = new QnativeProcess(cluster, pb.start(), log, management, gateway);
        try {
            await("qnative ready (log: " + log + ")").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(qnative::ready);
        } catch (RuntimeException e) {
            qnative.close();
            if (Files.readString(log).contains("Address already in use")) {
                throw new PortTakenException("a port was taken before qnative bound it; see " + log);
            }
            throw e;
        }
        return qnative;
    }

    /**
     * The binary started: {@code target/quarkus-app/quarkus-run.jar}, or {@code BENCH_JAR} (another build's
     * {@code quarkus-run.jar} in its {@code quarkus-app} directory, for a benchmark's same-run baseline).
     */
    static Path jar() {
        String other = System.getenv("BENCH_JAR");
        return other == null || other.isBlank() ? JAR : Path.of(other);
    }

    /** {@code kubectl apply} of every manifest but the Deployment, waiting for the CRDs. */
    static void install(ClusterSession cluster) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(MANIFESTS)) {
            files = s.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("400-deployment.yaml")).sorted().toList();
        }
        for (Path f : files) {
            kubectl(cluster, 0, "apply", "-f", f.toString());
            if (f.getFileName().toString().startsWith("100-crd")) {
                // kubectl 1.20's wait fails rather than waits while a new CRD has no conditions yet
                await("CRD " + f + " established").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> kubectl(cluster, 0, "wait", "--for", "condition=established",
                                "--timeout=30s", "-f", f.toString()) != null);
            }
            if (f.getFileName().toString().equals("200-config-deployment.yaml")) {
                // before 600-webhooks.yaml: once applied, config writes need a qnative answering the webhook
                kubectl(cluster, 0, "-n", SYSTEM_NAMESPACE, "patch", "configmap", "config-deployment", "--type",
                        "merge", "-p", "{\"data\":{\"registries-skipping-tag-resolving\":\"" + LOCAL_SKIPPING
                                + "\"}}");
            }
        }
    }

    /** A kubeconfig with the token of ServiceAccount knative-serving/controller (1.20 mints token Secrets). */
    static Path controllerKubeconfig(ClusterSession cluster) throws IOException {
        KubernetesClient client = cluster.client();
        String secretName = await("token of ServiceAccount controller").atMost(Duration.ofSeconds(60))
                .until(() -> {
                    ServiceAccount sa = client.serviceAccounts().inNamespace(SYSTEM_NAMESPACE).withName("controller")
                            .get();
                    return sa == null || sa.getSecrets() == null || sa.getSecrets().isEmpty() ? null
                            : sa.getSecrets().get(0).getName();
                }, n -> n != null);
        Secret secret = client.secrets().inNamespace(SYSTEM_NAMESPACE).withName(secretName).get();
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: controller
                  user:
                    token: %s
                contexts:
                - name: controller
                  context: {cluster: local, user: controller, namespace: %s}
                current-context: controller
                """.formatted(client.getMasterUrl().toString().replaceAll("/$", ""), secret.getData().get("ca.crt"),
                token, SYSTEM_NAMESPACE);
        Path file = Path.of("target/e2e/qnative-controller.kubeconfig").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, kubeconfig);
        return file;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("qnative exited with " + process.exitValue() + "; see " + log);
        }
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** qnative's Prometheus text from {@code /q/metrics} on its management port. */
    public String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The process id (for RSS and CPU readings from /proc). */
    public long pid() {
        return process.pid();
    }

    /** The gateway's listener ports on 127.0.0.1 (free ports picked at start). */
    public Gateway.Ports gatewayPorts() {
        return gateway;
    }

    /** Sends SIGTERM and returns at once (drain tests); {@link #close()} still waits for the exit. */
    public void terminate() {
        process.destroy();
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log file of the process. */
    public Path log() {
        return log;
    }

    /** SIGTERM, then the webhook configurations go (qnative no longer answers them). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            cluster.removeWebhookConfigurations();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the cluster's own kubectl as admin; {@code expectedExit} -1 accepts any exit. Returns its output. */
    public static String kubectl(ClusterSession cluster, int expectedExit, String... args)
            throws IOException, InterruptedException {
        Path dir = cluster.clusterDir();
        List<String> command = Stream.concat(Stream.of(dir.resolve("bin/kubectl").toString(), "--kubeconfig",
                dir.resolve("kubeconfig").toString()), Stream.of(args)).toList();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (expectedExit >= 0 && p.exitValue() != expectedExit) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
