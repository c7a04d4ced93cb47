package io.qnative.testing.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * qnative on a real node (hack/node: kubelet 1.20.2 + containerd, pods are containers in their own network
 * namespaces): installed with {@code kubectl apply -f kubernetes/} from the image hack/node/build-image.sh builds,
 * its webhooks called by the API server through the webhook Service, a ksvc served by a real container, the
 * failures only real containers have (an exit, a failing readiness probe, an OOM kill by the memory limit, a
 * missing image) surfacing on the Revision as Knative reports them (Knative's
 * {@code pkg/reconciler/revision/reconcile_resources.go}), and a killed qnative pod replaced by one that takes
 * over the Lease. Also checks that the kubelet leaves the machine's kernel sysctls as they were, and that
 * hack/node/down.sh leaves no process, mount or bridge behind. Figures go to {@code target/e2e/real-node.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeE2E {

    private static final Duration READY = Duration.ofSeconds(180);
    private static final List<String> SYSCTLS = List.of("vm/overcommit_memory", "vm/panic_on_oom", "kernel/panic",
            "kernel/panic_on_oops", "kernel/keys/root_maxkeys", "kernel/keys/root_maxbytes");

    private static Map<String, String> sysctlsBefore;
    private static RealNodeCluster cluster;
    private static KubernetesClient client;
    private static String ns;
    private static final Map<String, String> figures = new LinkedHashMap<>();
    private static GatewayClient http;

    /** On a failure, what the cluster saw: see {@link RealNodeCluster#keepDiagnostics(String)}. */
    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                cluster.keepDiagnostics(context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void start() throws IOException {
        sysctlsBefore = sysctls();
        long t0 = System.nanoTime();
        cluster = RealNodeCluster.start();
        figures.put("node up (hack/node/up.sh, s)", String.valueOf(cluster.upSeconds));
        figures.put("images built and imported (s)", String.valueOf(cluster.imageSeconds));
        figures.put("up + images + install → qnative Available (s)", secondsSince(t0));
        client = cluster.client();
        http = new GatewayClient(20);
        ns = "rn-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        await("default ServiceAccount of " + ns).atMost(Duration.ofSeconds(60))
                .until(() -> client.serviceAccounts().inNamespace(ns).withName("default").get() != null);
    }

    @AfterAll
    static void stop() throws IOException {
        if (cluster == null) {
            return;
        }
        Path dir = cluster.clusterDir();
        String bridge = cluster.bridge();
        if (http != null) {
            http.close();
        }
        cluster.close();
        Path out = Path.of("target/e2e/real-node.txt");
        Files.createDirectories(out.getParent());
        StringBuilder text = new StringBuilder();
        figures.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        Files.writeString(out, text);
        System.out.print(text);
        if ("1".equals(System.getenv("QNATIVE_KEEP_CLUSTER"))) {
            return;
        }
        // hack/node/down.sh leaves nothing behind
        assertThat(sysctls()).as("kernel sysctls after the run").isEqualTo(sysctlsBefore);
        assertThat(Path.of("/sys/class/net", bridge)).as("the node's bridge").doesNotExist();
        assertThat(Path.of("/sys/fs/cgroup/memory/k8s.io")).as("containerd's cgroups").doesNotExist();
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertThat(mounts).as("mounts under " + dir).doesNotContain(" " + dir + "/");
        List<String> left = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.startsWith(dir + "/bin/") || cmd.contains("-address " + dir + "/")) {
                        left.add(p.getFileName() + " " + cmd);
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        assertThat(left).as("processes of " + dir).isEmpty();
    }

    @Test
    @Order(1)
    void theInstallRunsAsUsersInstallIt() throws IOException {
        Pod pod = cluster.readyQnativePods().get(0);
        ContainerStatus qnative = pod.getStatus().getContainerStatuses().get(0);
        assertThat(qnative.getContainerID()).as("a real container").startsWith("containerd://");
        assertThat(qnative.getImage()).isEqualTo("docker.io/qnative/qnative:0.1.0-SNAPSHOT");
        assertThat(pod.getStatus().getPodIP()).as("a pod address on the node's bridge")
                .startsWith(cluster.podIpPrefix());
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("controller");

        // the JVM maps the image's two CDS archives: the jlinked runtime's default one and the application's, which
        // kubernetes/400-deployment.yaml names (hack/node/build-image.sh dumps it with the image's own java)
        String maps = Files.readString(Path.of("/proc", String.valueOf(
                containerPid(qnative.getContainerID().replaceFirst("^containerd://", ""))), "maps"));
        assertThat(maps).as("qnative's memory maps").contains("/opt/java/lib/server/classes.jsa")
                .contains("/deployments/app-cds.jsa");

        // leader elected: the Lease names this pod
        await("Lease knative-serving/qnative-controller held by " + pod.getMetadata().getName()).atMost(READY)
                .until(() -> {
                    Lease lease = client.leases().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE)
                            .withName("qnative-controller").get();
                    return lease != null && lease.getSpec().getHolderIdentity() != null
                            && lease.getSpec().getHolderIdentity().contains(pod.getMetadata().getName());
                });

        // the API server calls the validating webhook through the webhook Service
        assertThatThrownBy(() -> create(ksvc("invalid", "helloworld-go", "containerConcurrency: -5", "", "")))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("validation.webhook.serving.knative.dev")
                .hasMessageContaining("containerConcurrency");
        // ... and the defaulting one
        GenericKubernetesResource created = create(ksvc("defaulted", "helloworld-go", "", "", ""));
        assertThat(created.getMetadata().getAnnotations()).containsKey("serving.knative.dev/creator");

        // the kubelet left the machine's kernel settings alone (hack/node/patches)
        assertThat(sysctls()).as("kernel sysctls while the kubelet runs").isEqualTo(sysctlsBefore);
    }

    @Test
    @Order(2)
    void aKsvcBecomesReadyWithARealContainer() throws Exception {
        long t0 = System.nanoTime();
        create(ksvc("hello", "helloworld-go", "", "- {name: TARGET, value: real node}", ""));
        awaitCondition("hello", "Ready", "True", null);
        figures.put("ksvc created → Ready with a real container (s)", secondsSince(t0));

        Pod pod = client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", "hello-00001").list()
                .getItems().get(0);
        ContainerStatus user = pod.getStatus().getContainerStatuses().stream()
                .filter(c -> c.getName().equals("user-container")).findFirst().orElseThrow();
        assertThat(user.getContainerID()).startsWith("containerd://");
        assertThat(user.getReady()).isTrue();
        assertThat(pod.getStatus().getPodIP()).startsWith(cluster.podIpPrefix());

        assertThat(get(gatewayIp(), "hello")).isEqualTo("Hello real node!\n");
    }

    @Test
    @Order(3)
    void containerFailuresSurfaceOnTheRevision() {
        String deadline = "serving.knative.dev/progress-deadline: 30s";
        create(ksvc("exits", "helloworld-go", "", "- {name: QNATIVE_STANDIN_CRASH_ON_START, value: \"3\"}",
                deadline));
        create(ksvc("unready", "helloworld-go", "readinessProbe: {httpGet: {path: /ready}}",
                "- {name: QNATIVE_STANDIN_NEVER_READY, value: \"true\"}", deadline));
        create(ksvc("oom", "helloworld-go", "resources: {limits: {memory: 48Mi}}",
                "- {name: QNATIVE_STANDIN_BLOAT_ON_START_MB, value: \"200\"}", deadline));
        create(ksvc("missing", "not-there", "", "", deadline));

        Map<String, Object> exits = awaitRevisionCondition("exits-00001", "ContainerHealthy", "False");
        assertThat(exits.get("reason")).isEqualTo("ExitCode3");

        Map<String, Object> oom = awaitRevisionCondition("oom-00001", "ContainerHealthy", "False");
        assertThat(oom.get("reason")).isEqualTo("ExitCode137");
        Pod oomPod = client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", "oom-00001").list()
                .getItems().get(0);
        ContainerStatus oomed = oomPod.getStatus().getContainerStatuses().stream()
                .filter(c -> c.getName().equals("user-container")).findFirst().orElseThrow();
        assertThat(oomed.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");

        Map<String, Object> missing = awaitRevisionCondition("missing-00001", "ResourcesAvailable", "False");
        assertThat(missing.get("reason")).isIn("ImagePullBackOff", "ErrImagePull");
        assertThat((String) missing.get("message")).contains("not-there");

        Map<String, Object> unready = awaitRevisionCondition("unready-00001", "ResourcesAvailable", "False");
        assertThat(unready.get("reason")).isEqualTo("ProgressDeadlineExceeded");
        for (String name : List.of("exits", "unready", "oom", "missing")) {
            awaitCondition(name, "Ready", "False", null);
        }
    }

    @Test
    @Order(4)
    void aKilledQnativePodIsReplacedAndTheNewOneTakesOver() throws Exception {
        Pod old = cluster.readyQnativePods().get(0);
        String oldName = old.getMetadata().getName();
        long t0 = System.nanoTime();
        client.pods().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE).withName(oldName).withGracePeriod(0).delete();
        await("a new qnative pod Ready").atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> cluster
                .readyQnativePods().stream().anyMatch(p -> !p.getMetadata().getName().equals(oldName)));
        String newName = cluster.readyQnativePods().stream().map(p -> p.getMetadata().getName())
                .filter(n -> !n.equals(oldName)).findFirst().orElseThrow();
        figures.put("qnative pod killed → replacement Ready (s)", secondsSince(t0));
        await("Lease taken over by " + newName).atMost(READY).until(() -> {
            Lease lease = client.leases().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE).withName("qnative-controller")
                    .get();
            return lease != null && lease.getSpec().getHolderIdentity() != null
                    && lease.getSpec().getHolderIdentity().contains(newName);
        });
        figures.put("qnative pod killed → Lease held by the new pod (s)", secondsSince(t0));

        // the new pod serves the existing ksvc and reconciles a new one
        await("hello through the new pod").atMost(READY).ignoreExceptions()
                .until(() -> "Hello real node!\n".equals(get(gatewayIp(), "hello")));
        create(ksvc("after", "autoscale-go", "", "", ""));
        awaitCondition("after", "Ready", "True", null);
        assertThat(get(gatewayIp(), "after", "/?sleep=10")).isEqualTo("Slept for 10 milliseconds.\n");
    }

    /**
     * The gateway's cold start on a real node: a revision at zero (initial-scale 0), one request through qnative's
     * gateway waits while the KPA scales the Deployment from zero and a real container starts, and gets its 200
     * (Knative's activator, {@code pkg/activator/handler/handler.go}, holds the request until a pod is ready).
     */
    @Test
    @Order(5)
    void aRequestAtZeroWaitsForARealContainerAndGetsOne200() throws Exception {
        ConfigMap original = client.configMaps().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE)
                .withName("config-autoscaler").get();
        client.configMaps().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE).withName("config-autoscaler")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("allow-zero-initial-scale", "true").build());
        try {
            // the webhook reads config-autoscaler from its informer: until the edit arrives there it refuses the
            // annotation ("initial-scale=0 not allowed by cluster"), as Knative's webhook does
            await("the webhook allows initial-scale 0").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                    .until(() -> create(ksvc("zero", "helloworld-go", "", "- {name: TARGET, value: from zero}",
                            "autoscaling.knative.dev/initial-scale: \"0\"")) != null);
            awaitCondition("zero", "Ready", "True", null);
            assertThat(client.apps().deployments().inNamespace(ns).withName("zero-00001-deployment").get().getSpec()
                    .getReplicas()).as("replicas at zero").isZero();
            assertThat(client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", "zero-00001").list()
                    .getItems()).as("pods at zero").isEmpty();

            long t0 = System.nanoTime();
            Outcome served = GatewayClient.await(http.send(GatewayClient.to(gatewayIp(), 8081,
                    "zero." + ns + ".svc.cluster.local", "/")));
            figures.put("request at zero → 200 from a new real container (s)", secondsSince(t0));
            assertThat(served.status()).as("%s", served).isEqualTo(200);
            assertThat(served.text()).isEqualTo("Hello from zero!\n");
            Pod pod = client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", "zero-00001").list()
                    .getItems().get(0);
            assertThat(userContainer(pod).getContainerID()).startsWith("containerd://");
        } finally {
            client.configMaps().inNamespace(RealNodeCluster.SYSTEM_NAMESPACE).withName("config-autoscaler")
                    .edit(cm -> new ConfigMapBuilder(cm).withData(original.getData()).build());
        }
    }

    /**
     * A real container SIGKILLed (containerd's task kill, as the OOM killer or a crash would end it) under load
     * through the gateway: only requests that were on it when it died may fail, and requests sent after the kill
     * are served by the other pod (Knative's activator retries and its throttler drops a pod its endpoints no
     * longer list, {@code pkg/activator/net/throttler.go}). The kubelet restarts the container.
     */
    @Test
    @Order(6)
    void aKilledContainerUnderLoadLosesOnlyItsOwnRequests() throws Exception {
        create(ksvc("kill", "autoscale-go", "", "", "autoscaling.knative.dev/min-scale: \"2\""));
        awaitCondition("kill", "Ready", "True", null);
        List<Pod> pods = await("two Ready pods of kill-00001").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> readyPods("kill-00001"), p -> p.size() == 2);
        Pod victim = pods.get(0);
        String container = userContainer(victim).getContainerID().replaceFirst("^containerd://", "");
        String host = "kill." + ns + ".svc.cluster.local";
        String gateway = gatewayIp();
        await("the gateway serves kill").atMost(READY).until(() -> GatewayClient.await(http.send(
                GatewayClient.to(gateway, 8081, host, "/?sleep=1"))).ok());

        CompletableFuture<List<Outcome>> load = CompletableFuture.supplyAsync(
                () -> http.load(10, 8, () -> GatewayClient.to(gateway, 8081, host, "/?sleep=1000")));
        await("requests in flight on the victim").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> inFlight(victim) > 0);
        assertThat(cluster.ctr("task", "kill", "--signal", "SIGKILL", container)).as("ctr task kill").isZero();
        long killed = System.nanoTime();
        List<Outcome> outcomes = load.join();

        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        assertThat(failed).allSatisfy(o -> assertThat(o.startNanos()).as("started before the kill").isLessThan(killed));
        assertThat(outcomes.stream().filter(o -> o.startNanos() > killed && o.ok()).count())
                .as("requests after the kill").isPositive();
        figures.put("container killed under load: failed / all requests", failed.size() + " / " + outcomes.size());
        await("the killed container restarted").atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> {
            Pod p = client.pods().inNamespace(ns).withName(victim.getMetadata().getName()).get();
            return p != null && userContainer(p).getRestartCount() >= 1;
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The host pid of the container's java: in the container's cgroup (containerd's {@code k8s.io/<id>}). */
    private static long containerPid(String containerId) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("cgroup")).contains(containerId)
                            && Files.readString(p.resolve("cmdline")).startsWith("/opt/java/bin/java\0")) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        throw new AssertionError("no java process in the cgroup of container " + containerId);
    }

    private static ContainerStatus userContainer(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals("user-container"))
                .findFirst().orElseThrow();
    }

    private static List<Pod> readyPods(String revision) {
        return client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", revision).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                                && "True".equals(c.getStatus())))
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    /** Requests in flight in the pod's stand-in ({@code /_standin/concurrency}, read on its pod IP). */
    private static int inFlight(Pod pod) {
        Outcome o = GatewayClient.await(http.send(new RequestOptions().setHost(pod.getStatus().getPodIP())
                .setPort(8080).setURI("/_standin/concurrency")));
        assertThat(o.status()).as("%s", o).isEqualTo(200);
        return new JsonObject(o.text()).getInteger("inFlight");
    }

    private static String ksvc(String name, String image, String containerExtra, String env, String annotation) {
        return "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n  template:\n"
                + (annotation.isEmpty() ? "" : "    metadata:\n      annotations:\n        " + annotation + "\n")
                + "    spec:\n"
                + (containerExtra.startsWith("containerConcurrency") ? "      " + containerExtra + "\n" : "")
                + "      containers:\n        - image: gcr.io/knative-samples/" + image + "\n"
                // the images are imported, not pulled; a :latest image would be pulled Always by default
                + "          imagePullPolicy: IfNotPresent\n"
                + (env.isEmpty() ? "" : "          env:\n            " + env + "\n")
                + (containerExtra.isEmpty() || containerExtra.startsWith("containerConcurrency") ? ""
                        : "          " + containerExtra + "\n");
    }

    private static GenericKubernetesResource create(String yaml) {
        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        return client.genericKubernetesResources("serving.knative.dev/v1", "Service").inNamespace(ns).resource(r)
                .create();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(GenericKubernetesResource r, String type) {
        if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        for (Object c : conditions) {
            Map<String, Object> m = (Map<String, Object>) c;
            if (type.equals(m.get("type"))) {
                return m;
            }
        }
        return null;
    }

    private static Map<String, Object> awaitCondition(String ksvc, String type, String status, String reason) {
        List<Map<String, Object>> seen = new ArrayList<>(List.of(Map.of()));
        await("ksvc " + ksvc + " " + type + "=" + status).atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, Object> c = condition(client.genericKubernetesResources("serving.knative.dev/v1",
                            "Service").inNamespace(ns).withName(ksvc).get(), type);
                    seen.set(0, c == null ? Map.of() : c);
                    return c != null && status.equals(c.get("status"))
                            && (reason == null || reason.equals(c.get("reason")));
                });
        return seen.get(0);
    }

    private static Map<String, Object> awaitRevisionCondition(String revision, String type, String status) {
        List<Map<String, Object>> seen = new ArrayList<>(List.of(Map.of()));
        await("revision " + revision + " " + type + "=" + status).atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, Object> c = condition(client.genericKubernetesResources("serving.knative.dev/v1",
                            "Revision").inNamespace(ns).withName(revision).get(), type);
                    seen.set(0, c == null ? Map.of() : c);
                    return c != null && status.equals(c.get("status"));
                });
        return seen.get(0);
    }

    private static String gatewayIp() {
        return cluster.readyQnativePods().get(0).getStatus().getPodIP();
    }

    private static String get(String ip, String ksvc) throws IOException {
        return get(ip, ksvc, "/");
    }

    /**
     * GET through qnative's cluster-local gateway listener (8081) on its pod address, as a pod would call it;
     * plain HTTP/1.1 on a socket, since java.net.http does not let a caller set {@code Host}.
     */
    private static String get(String ip, String ksvc, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 8081), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + ksvc + "." + ns
                    + ".svc.cluster.local\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            assertThat(split).as("an HTTP response from %s: %s", ip, raw).isPositive();
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder out = new StringBuilder();
                for (int at = 0;;) {
                    int eol = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    out.append(body, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                body = out.toString();
            }
            assertThat(head).as("GET %s from ksvc %s: %s", path, ksvc, body).startsWith("HTTP/1.1 200");
            return body;
        }
    }

    private static Map<String, String> sysctls() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String s : SYSCTLS) {
            values.put(s, Files.readString(Path.of("/proc/sys", s)).trim());
        }
        return values;
    }

    private static String secondsSince(long t0) {
        return String.format("%.1f", (System.nanoTime() - t0) / 1e9);
    }
}
