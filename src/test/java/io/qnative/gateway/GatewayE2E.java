package io.qnative.gateway;

import static io.qnative.testing.e2e.GatewayClient.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.qnative.testing.e2e.RunningQnative;
import io.qnative.testing.e2e.SystemConfigMaps;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import io.qnative.testing.nodeagent.GrpcEcho;
import io.qnative.testing.nodeagent.NodeAgent;
import io.qnative.testing.nodeagent.SampleImages;
import io.qnative.testing.nodeagent.StandinApp;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end on the local cluster: qnative as its packaged binary, pods from the node agent's
 * stand-in images, requests on real HTTP to the external and cluster-local listeners. Splits, tag hosts,
 * containerConcurrency, queue overflow, timeouts, unknown hosts, WebSocket, gRPC over h2c, gRPC readiness probes
 * run by the gateway, a pod killed under load, a request waiting at zero for its pod and the drain on SIGTERM.
 */
@WithQnative(value = "gateway", gatewayConnections = 300)
class GatewayE2E {

    private static final Duration READY = Duration.ofSeconds(180);
    private static final String EXTERNAL_DOMAIN = "gateway-e2e.example.com";
    private static final String EXTERNAL_LABEL = "qnative-e2e-domain";
    private static RunningQnative qnative;
    private static GatewayClient http;

    @Test
    void aNinetyTenSplitHoldsOverTwoThousandRequests(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service v1 = ksvc(n, "split", SampleImages.HELLOWORLD, Map.of("TARGET", "one"));
        v1.getSpec().getTemplate().getMetadata().setName("split-v1");
        create(client, v1);
        awaitReady(client, n, "split");
        edit(client, n, "split", s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).setValue("two");
            s.getSpec().getTemplate().getMetadata().setName("split-v2");
            s.getSpec().setTraffic(List.of(target(null, "split-v1", 90), target(null, null, 10)));
        });
        awaitReady(client, n, "split");
        String host = "split." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "Hello two!\n");

        List<Outcome> outcomes = http.load(20, 100, () -> to(internal(), host, "/"));
        assertThat(outcomes).hasSize(2000).allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(200));
        long one = outcomes.stream().filter(o -> o.text().equals("Hello one!\n")).count();
        long two = outcomes.stream().filter(o -> o.text().equals("Hello two!\n")).count();
        assertThat(one + two).isEqualTo(2000);
        assertThat(one / 20.0).as("percent to split-v1").isBetween(87.0, 93.0);
    }

    @Test
    void tagHostsAreServedOnTheExternalAndClusterLocalListeners(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        withExternalDomain(client, () -> {
            Service v1 = ksvc(n, "tags", SampleImages.HELLOWORLD, Map.of("TARGET", "one"));
            v1.getMetadata().getLabels().put(EXTERNAL_LABEL, "external");
            v1.getSpec().getTemplate().getMetadata().setName("tags-v1");
            create(client, v1);
            awaitReady(client, n, "tags");
            edit(client, n, "tags", s -> {
                s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).setValue("two");
                s.getSpec().getTemplate().getMetadata().setName("tags-v2");
                s.getSpec().setTraffic(List.of(target("old", "tags-v1", 0), target("new", null, 100)));
            });
            Service ready = awaitReady(client, n, "tags");
            assertThat(ready.getStatus().getUrl()).isEqualTo("http://tags." + n + "." + EXTERNAL_DOMAIN);

            awaitServed(external(), "old-tags." + n + "." + EXTERNAL_DOMAIN, "Hello one!\n");
            assertThat(http.get(external(), "new-tags." + n + "." + EXTERNAL_DOMAIN, "/").text()).isEqualTo("Hello two!\n");
            assertThat(http.get(external(), "tags." + n + "." + EXTERNAL_DOMAIN, "/").text()).isEqualTo("Hello two!\n");
            assertThat(http.get(internal(), "old-tags." + n + ".svc.cluster.local", "/").text()).isEqualTo("Hello one!\n");
            assertThat(http.get(internal(), "new-tags." + n + ".svc.cluster.local", "/").text()).isEqualTo("Hello two!\n");
            assertThat(http.get(internal(), "old-tags." + n + "." + EXTERNAL_DOMAIN, "/").text()).isEqualTo("Hello one!\n");
            assertThat(http.get(external(), "old-tags." + n + ".svc.cluster.local", "/").status())
                    .as("cluster-local host on the external listener").isEqualTo(404);
        });
    }

    @Test
    void containerConcurrencyOneNeverPutsTwoRequestsOnOnePod(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service svc = ksvc(n, "cc1", SampleImages.AUTOSCALE, Map.of());
        svc.getSpec().getTemplate().getSpec().setContainerConcurrency(1L);
        // min = max: the KPA would otherwise add pods under this load, and the check reads these three
        svc.getSpec().getTemplate().getMetadata().getAnnotations().put(AutoscalingKeys.MIN_SCALE, "3");
        svc.getSpec().getTemplate().getMetadata().getAnnotations().put(AutoscalingKeys.MAX_SCALE, "3");
        create(client, svc);
        awaitReady(client, n, "cc1");
        String host = "cc1." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "");
        List<Pod> pods = await().atMost(READY).until(() -> readyPods(client, n, "cc1-00001"), p -> p.size() == 3);
        pods.forEach(p -> concurrency(p, true));

        List<Outcome> outcomes = http.load(20, 10, () -> to(internal(), host, "/?sleep=50"));
        assertThat(outcomes).hasSize(200).allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(200));
        long served = 0;
        for (Pod pod : pods) {
            JsonObject seen = concurrency(pod, false);
            assertThat(seen.getInteger("max")).as("most in flight on %s", pod.getMetadata().getName())
                    .isLessThanOrEqualTo(1);
            served += seen.getLong("requests");
        }
        assertThat(served).isEqualTo(200);
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndTheTimeoutAnswers504(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service svc = ksvc(n, "full", SampleImages.AUTOSCALE, Map.of());
        svc.getSpec().getTemplate().getSpec().setContainerConcurrency(1L);
        svc.getSpec().getTemplate().getSpec().setTimeoutSeconds(6L);
        svc.getSpec().getTemplate().getMetadata().getAnnotations().put(AutoscalingKeys.MAX_SCALE, "1");
        create(client, svc);
        awaitReady(client, n, "full");
        String host = "full." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "");

        // one pod with one slot: the bounded queue (100 for cc 1 × max-scale 1) overflows well before 250
        List<Outcome> outcomes = http.load(250, 1, () -> to(internal(), host, "/?sleep=3000"));
        assertThat(outcomes).extracting(Outcome::status).containsOnly(200, 503, 504).contains(200, 503, 504);
        assertThat(outcomes.stream().filter(o -> o.status() == 503)).allSatisfy(o -> {
            assertThat(o.headers().get("Retry-After")).isNotBlank();
            assertThat(o.took()).as("a 503 does not wait").isLessThan(Duration.ofSeconds(3));
        });
        assertThat(outcomes.stream().filter(o -> o.status() == 504))
                .allSatisfy(o -> assertThat(o.took()).isBetween(Duration.ofMillis(5500), Duration.ofSeconds(30)));

        Outcome timedOut = http.get(internal(), host, "/?sleep=10000");
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.took()).isBetween(Duration.ofMillis(5500), Duration.ofMillis(9900));
        assertThat(http.get(internal(), host, "/?sleep=10").status()).isEqualTo(200);
    }

    @Test
    void anUnknownHostIs404OnBothListeners() {
        assertThat(http.get(internal(), "nope.nowhere.svc.cluster.local", "/").status()).isEqualTo(404);
        assertThat(http.get(external(), "nope.nowhere.example.com", "/").status()).isEqualTo(404);
        assertThat(http.get(internal(), "127.0.0.1", "/").status()).isEqualTo(404);
    }

    @Test
    void thePodSeesTheClientHostAndForwardedHeadersButNoClientSentInternalHeaders(KubernetesClient client,
            TestNamespace ns) {
        String n = ns.name();
        create(client, ksvc(n, "hdr", SampleImages.HELLOWORLD, Map.of()));
        awaitReady(client, n, "hdr");
        String host = "hdr." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "Hello World!\n");
        Outcome o = GatewayClient.await(http.send(to(internal(), host, StandinApp.HEADERS_PATH)
                .putHeader("Knative-Serving-Revision", "evil").putHeader("Knative-Serving-Namespace", "evil")
                .putHeader("K-Proxy-Request", "activator").putHeader("K-Original-Host", "evil.example.com")
                .putHeader("K-Network-Hash", "evil").putHeader("X-Forwarded-For", "10.1.2.3")));
        assertThat(o.status()).as("%s", o).isEqualTo(200);
        JsonObject seen = new JsonObject(o.text());
        JsonObject headers = seen.getJsonObject("headers");
        assertThat(seen.getString("authority")).isEqualTo(host);
        assertThat(headers.getJsonArray("host").getList()).containsExactly(host);
        assertThat(headers.getJsonArray("x-forwarded-for").getList().toString()).contains("10.1.2.3", "127.0.0.1");
        assertThat(headers.getJsonArray("x-forwarded-proto").getList()).containsExactly("http");
        assertThat(headers.getJsonArray("forwarded").getList().toString()).contains("for=", "proto=http");
        assertThat(headers.fieldNames()).doesNotContain("k-proxy-request", "k-original-host", "k-network-hash");
        for (String internal : List.of("knative-serving-revision", "knative-serving-namespace")) {
            if (headers.containsKey(internal)) {
                assertThat(headers.getJsonArray(internal).getList()).as(internal).doesNotContain("evil");
            }
        }
    }

    @Test
    void webSocketMessagesEchoThroughTheGateway(KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        create(client, ksvc(n, "ws", SampleImages.HELLOWORLD, Map.of()));
        awaitReady(client, n, "ws");
        String host = "ws." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "Hello World!\n");
        WebSocket ws = http.webSocket(internal(), host, "/echo");
        for (String message : List.of("one", "two", "x".repeat(100_000))) {
            CompletableFuture<String> echoed = new CompletableFuture<>();
            ws.textMessageHandler(echoed::complete);
            ws.writeTextMessage(message);
            assertThat(echoed.get(30, TimeUnit.SECONDS)).isEqualTo(message);
        }
        GatewayClient.await(ws.close());
    }

    @Test
    void grpcUnaryAndServerStreamingPassThroughH2c(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service svc = ksvc(n, "grpc", SampleImages.HELLOWORLD, Map.of());
        svc.getSpec().getTemplate().getSpec().getContainers().get(0).setPorts(List.of(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withName("h2c").withContainerPort(8080)
                        .build()));
        create(client, svc);
        awaitReady(client, n, "grpc");
        String host = "grpc." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "Hello World!\n");

        Outcome unary = http.grpc(internal(), host, GrpcEcho.UNARY, Map.of(), "ping");
        assertThat(unary.status()).as("%s", unary).isEqualTo(200);
        assertThat(GatewayClient.messages(unary)).containsExactly("ping");
        assertThat(unary.trailers().get("grpc-status")).isEqualTo("0");

        Outcome stream = http.grpc(internal(), host, GrpcEcho.SERVER_STREAM, Map.of(GrpcEcho.COUNT_HEADER, "50"), "p");
        assertThat(GatewayClient.messages(stream)).hasSize(50).containsOnly("p");
        assertThat(stream.trailers().get("grpc-status")).isEqualTo("0");
    }

    @Test
    void aGrpcProbedRevisionGetsTrafficOnlyWhenItsHealthCheckServes(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        // the stand-in's health service is SERVING for its echo service; "nobody" is NOT_FOUND
        create(client, grpcProbed(n, "grpcprobe", GrpcEcho.SERVICE, 300));
        create(client, grpcProbed(n, "grpcunknown", "nobody", 3));
        awaitReady(client, n, "grpcprobe");
        String host = "grpcprobe." + n + ".svc.cluster.local";
        Outcome unary = http.grpc(internal(), host, GrpcEcho.UNARY, Map.of(), "ping");
        assertThat(unary.status()).as("%s", unary).isEqualTo(200);
        assertThat(GatewayClient.messages(unary)).containsExactly("ping");
        assertThat(unary.trailers().get("grpc-status")).isEqualTo("0");

        // Kubernetes 1.20 has no gRPC probes: the pod's probe is a TCP probe of the port, so the pod and the
        // ksvc are Ready, but the gateway's own Health/Check fails and no request reaches the pod
        awaitReady(client, n, "grpcunknown");
        assertThat(readyPods(client, n, "grpcunknown-00001")).isNotEmpty();
        Outcome never = http.get(internal(), "grpcunknown." + n + ".svc.cluster.local", "/");
        // the activator's timeout (the request waited for a healthy pod), not a pod's answer
        assertThat(never.status()).as("%s", never).isEqualTo(504);
        assertThat(never.text()).isEqualTo(ThrottleStep.TIMEOUT_BODY + "\n");
        Pod pod = readyPods(client, n, "grpcunknown-00001").get(0);
        assertThat(pod.getSpec().getContainers().get(0).getReadinessProbe().getTcpSocket()).isNotNull();
    }

    /** A ksvc on h2c whose readiness probe is {@code grpc: {service}}. */
    private static Service grpcProbed(String namespace, String name, String service, long timeoutSeconds) {
        Service svc = ksvc(namespace, name, SampleImages.HELLOWORLD, Map.of());
        var container = svc.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withName("h2c")
                .withContainerPort(8080).build()));
        container.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewGrpc()
                .withService(service).endGrpc().build());
        svc.getSpec().getTemplate().getSpec().setTimeoutSeconds(timeoutSeconds);
        return svc;
    }

    @Test
    void aPodKilledUnderLoadFailsOnlyTheRequestsInFlightOnIt(KubernetesClient client, TestNamespace ns,
            NodeAgent agent) {
        String n = ns.name();
        Service svc = ksvc(n, "kill", SampleImages.AUTOSCALE, Map.of());
        svc.getSpec().getTemplate().getMetadata().getAnnotations().put(AutoscalingKeys.MIN_SCALE, "2");
        create(client, svc);
        awaitReady(client, n, "kill");
        String host = "kill." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "");
        List<Pod> pods = await().atMost(READY).until(() -> readyPods(client, n, "kill-00001"), p -> p.size() == 2);
        Pod victim = pods.get(0);

        CompletableFuture<List<Outcome>> load = CompletableFuture.supplyAsync(
                () -> http.load(10, 8, () -> to(internal(), host, "/?sleep=1000")));
        await().atMost(Duration.ofSeconds(60)).until(() -> concurrency(victim, false).getInteger("inFlight") > 0);
        int lost = GatewayClient.await(agent.kill(n, victim.getMetadata().getName()));
        long killed = System.nanoTime();
        // long requests keep few arrivals near the kill: one written to the socket but not yet read by the pod is
        // lost too, without counting as in flight on it
        List<Outcome> outcomes = load.join();

        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        assertThat(failed).allSatisfy(o -> assertThat(o.startNanos()).as("started before the kill").isLessThan(killed));
        assertThat(failed.size()).as("failed requests %s; %d were in flight on the killed pod", failed, lost)
                .isLessThanOrEqualTo(lost);
        assertThat(outcomes.stream().filter(o -> o.startNanos() > killed && o.ok()).count())
                .as("requests after the kill").isPositive();
    }

    @Test
    void aRequestAtZeroWaitsForThePodAndGetsOne200(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        SystemConfigMaps.with(client, "config-autoscaler", Map.of("allow-zero-initial-scale", "true"), () -> {
            Service svc = ksvc(n, "zero", SampleImages.HELLOWORLD, Map.of(SampleImages.STARTUP_DELAY_MS, "2000"));
            svc.getSpec().getTemplate().getMetadata().getAnnotations().put(AutoscalingKeys.INITIAL_SCALE, "0");
            // the webhook admits initial-scale 0 once its informer has seen the map's change: until then it denies
            // the create ("not allowed by cluster"), so the create is retried until it is admitted
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreException(KubernetesClientException.class).until(() -> {
                        create(client, svc);
                        return true;
                    });
            awaitReady(client, n, "zero");
            assertThat(client.apps().deployments().inNamespace(n).withName("zero-00001-deployment").get().getSpec()
                    .getReplicas()).isZero();

            Future<Outcome> waiting = http.send(to(internal(), "zero." + n + ".svc.cluster.local", "/"));
            // the pod needs 2 s after it starts: the request waits at least that long
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isComplete());
            // the gateway's first stat pokes the KPA, which scales the Deployment from zero; nothing else does
            Outcome served = GatewayClient.await(waiting);
            assertThat(served.status()).as("%s", served).isEqualTo(200);
            assertThat(served.text()).isEqualTo("Hello World!\n");
        });
    }

    @Test
    void sigtermLetsTheRequestInFlightComplete(ClusterSession cluster, KubernetesClient client, TestNamespace ns)
            throws Exception {
        String n = ns.name();
        create(client, ksvc(n, "drain", SampleImages.AUTOSCALE, Map.of()));
        awaitReady(client, n, "drain");
        String host = "drain." + n + ".svc.cluster.local";
        awaitServed(internal(), host, "");
        Pod pod = await().atMost(READY).until(() -> readyPods(client, n, "drain-00001"), p -> p.size() == 1).get(0);

        Future<Outcome> inFlight = http.send(to(internal(), host, "/?sleep=3000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> concurrency(pod, false).getInteger("inFlight") == 1);
        qnative.terminate();
        Outcome drained = GatewayClient.await(inFlight);
        assertThat(drained.status()).as("%s", drained).isEqualTo(200);
        assertThat(drained.text()).startsWith("Slept for");
        await().atMost(Duration.ofSeconds(90)).until(() -> !qnative.isAlive());
        // the following tests need a gateway again; Routes need a labeler for the namespace to go
        qnative.restart("gateway-after-drain");
    }

    private static int internal() {
        return qnative.gatewayPorts().internalHttp();
    }

    private static int external() {
        return qnative.gatewayPorts().externalHttp();
    }

    private static void awaitServed(int port, String host, String body) {
        await("gateway serves " + host).atMost(READY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Outcome o = http.get(port, host, "/");
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(o.text()).isEqualTo(body);
        });
    }

    private static List<Pod> readyPods(KubernetesClient client, String ns, String revision) {
        return client.pods().inNamespace(ns).withLabel(ServingKeys.REVISION, revision).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready")
                                && c.getStatus().equals("True")))
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    /** The pod's own {@link StandinApp#CONCURRENCY_PATH} report, read directly on its IP. */
    private static JsonObject concurrency(Pod pod, boolean reset) {
        int port = pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        Outcome o = GatewayClient.await(http.send(new io.vertx.core.http.RequestOptions().setHost(pod.getStatus()
                .getPodIP()).setPort(port).setURI(StandinApp.CONCURRENCY_PATH + (reset ? "?reset=true" : ""))));
        assertThat(o.status()).as("%s", o).isEqualTo(200);
        return new JsonObject(o.text());
    }

    private static void withExternalDomain(KubernetesClient client, Runnable body) {
        SystemConfigMaps.with(client, "config-domain", Map.of(EXTERNAL_DOMAIN, "selector:\n  " + EXTERNAL_LABEL
                + ": external\n"), body::run);
    }

    private static Service ksvc(String namespace, String name, String image, Map<String, String> env) {
        ContainerBuilder container = new ContainerBuilder().withImage(image);
        container.addNewEnv().withName("TARGET").withValue("World").endEnv();
        env.forEach((k, v) -> {
            if (k.equals("TARGET")) {
                container.editFirstEnv().withValue(v).endEnv();
            } else {
                container.addNewEnv().withName(k).withValue(v).endEnv();
            }
        });
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(container.build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setMetadata(new ObjectMetaBuilder().withAnnotations(new HashMap<>()).build());
        template.setSpec(spec);
        ServiceSpec svc = new ServiceSpec();
        svc.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(new HashMap<>(Map.of("app", name))).build());
        s.setSpec(svc);
        return s;
    }

    private static TrafficTarget target(String tag, String revision, long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setTag(tag);
        t.setRevisionName(revision);
        t.setLatestRevision(revision == null ? Boolean.TRUE : Boolean.FALSE);
        t.setPercent(percent);
        return t;
    }

    private static void create(KubernetesClient client, Service s) {
        client.resources(Service.class).inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    private static void edit(KubernetesClient client, String ns, String name, Consumer<Service> change) {
        client.resources(Service.class).inNamespace(ns).withName(name).edit(s -> {
            change.accept(s);
            return s;
        });
    }

    private static Service awaitReady(KubernetesClient client, String ns, String name) {
        return await("ksvc " + ns + "/" + name + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(Service.class).inNamespace(ns).withName(name).get(),
                        s -> s != null && s.isReady() && s.getStatus().getObservedGeneration() != null
                                && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration()));
    }
}
