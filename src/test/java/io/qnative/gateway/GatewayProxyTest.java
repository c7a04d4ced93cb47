package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.observability.MetricNames;
import io.qnative.testing.OnContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway end to end on real HTTP: a real listener, real backend servers on loopback, no mocks in between. */
class GatewayProxyTest {

    private GatewayHarness gw;
    private HttpClient client;

    private void start(Activator.Settings settings) throws Exception {
        gw = new GatewayHarness(settings);
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(50));
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    private record Resp(int status, MultiMap headers, String body, MultiMap trailers) {
    }

    private Resp get(String host, Map<String, String> headers) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setURI("/path?q=1")
                .putHeader("Host", host);
        headers.forEach(o::putHeader);
        return OnContext.call(gw.vertx, () -> client.request(o).compose(r -> r.send().compose(q -> q.body()
                .map(b -> new Resp(q.statusCode(), q.headers(), b.toString(), q.trailers())))))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void routesByHostWithForwardedHeadersAndWithoutClientInternalHeaders() throws Exception {
        start(Activator.Settings.DEFAULT);
        CompletableFuture<MultiMap> seen = new CompletableFuture<>();
        int pod = gw.backend(req -> {
            seen.complete(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()).add(":uri", req.uri()));
            req.response().end("hello");
        });
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        gw.route("hello", "hello.ns.example.com", Map.of(), "hello-00001", 100);

        Resp r = get("Hello.NS.example.com:8080", Map.of("Knative-Serving-Revision", "evil", "K-Proxy-Request", "x"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        MultiMap h = seen.get(5, TimeUnit.SECONDS);
        assertThat(h.get(":uri")).isEqualTo("/path?q=1");
        assertThat(h.get("Host")).isEqualTo("Hello.NS.example.com:8080");
        assertThat(h.get("Knative-Serving-Revision")).isEqualTo("hello-00001");
        assertThat(h.contains("K-Proxy-Request")).isFalse();
        assertThat(h.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("Forwarded")).isEqualTo("for=127.0.0.1;host=\"Hello.NS.example.com:8080\";proto=http");
        assertThat(h.get("X-Request-Id")).isNotBlank();
    }

    /**
     * A DomainMapping's KIngress (pkg/reconciler/domainmapping/resources/ingress.go): the mapped host's path rewrites
     * to the Route's cluster-local host, whose revision serves it; the pod sees the mapped host as Host and the
     * K-Original-Host the mapping appends (never a client's).
     */
    @Test
    void domainMappingIsServedThroughTheRewrittenHost() throws Exception {
        start(Activator.Settings.DEFAULT);
        CompletableFuture<MultiMap> seen = new CompletableFuture<>();
        int pod = gw.backend(req -> {
            seen.complete(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            req.response().end("mapped");
        });
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        String local = "hello." + GatewayHarness.NS + ".svc.cluster.local";
        gw.table.put(entry("hello", local, RoutingTable.CLUSTER_LOCAL, null,
                split("hello-00001", Map.of("Knative-Serving-Revision", "hello-00001"))));
        gw.table.put(entry("hello.example.org", "hello.example.org", RoutingTable.EXTERNAL_IP, local,
                split("hello", Map.of("K-Original-Host", "hello.example.org"))));
        gw.table.put(entry("nowhere.example.org", "nowhere.example.org", RoutingTable.EXTERNAL_IP,
                "gone." + GatewayHarness.NS + ".svc.cluster.local", split("gone", Map.of())));

        Resp r = get("hello.example.org", Map.of("K-Original-Host", "evil.example.com"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("mapped");
        MultiMap h = seen.get(5, TimeUnit.SECONDS);
        assertThat(h.get("Host")).isEqualTo("hello.example.org");
        assertThat(h.getAll("K-Original-Host")).containsExactly("hello.example.org");
        assertThat(h.get("Knative-Serving-Revision")).isEqualTo("hello-00001");
        assertThat(get("nowhere.example.org", Map.of()).status()).isEqualTo(404);
    }

    /**
     * http-protocol Redirected on a DomainMapping's KIngress: a plain-HTTP request for the mapped host on the external
     * listener is redirected to https (the mapping's own ExternalIP rule and httpOption decide, not the Route's
     * cluster-local rule its path is re-dispatched to); the Route's own external host is not affected.
     */
    @Test
    void domainMappingWithRedirectedHttpOptionRedirectsToHttps() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().end("mapped"));
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        String local = "hello." + GatewayHarness.NS + ".svc.cluster.local";
        gw.table.put(entry("hello", local, RoutingTable.CLUSTER_LOCAL, null,
                split("hello-00001", Map.of("Knative-Serving-Revision", "hello-00001"))));
        RoutingTable.Entry mapping = entry("hello.example.org", "hello.example.org", RoutingTable.EXTERNAL_IP, local,
                split("hello", Map.of("K-Original-Host", "hello.example.org")));
        gw.table.put(new RoutingTable.Entry(mapping.namespace(), mapping.name(), mapping.generation(),
                mapping.rules(), "Redirected"));

        Resp external = OnContext.call(gw.vertx, () -> client.request(new RequestOptions()
                .setPort(gw.bound.externalHttp()).setURI("/path?q=1").putHeader("Host", "hello.example.org"))
                .compose(r -> r.send().compose(q -> q.body().map(b -> new Resp(q.statusCode(), q.headers(),
                        b.toString(), q.trailers())))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(external.status()).isEqualTo(301);
        assertThat(external.headers().get("Location")).isEqualTo("https://hello.example.org/path?q=1");
    }

    /**
     * A pending ACME HTTP-01 challenge: the Route's KIngress carries a path for
     * {@code /.well-known/acme-challenge/<token>} to cert-manager's solver Service (a plain Kubernetes Service) ahead
     * of its own path. With http-protocol Redirected, a plain-HTTP request on the external listener for that path
     * reaches the solver's endpoint, while every other path is still redirected to https.
     */
    @Test
    void acmeChallengePathIsServedOverHttpEvenWhenRedirected() throws Exception {
        start(Activator.Settings.DEFAULT);
        CompletableFuture<String> solverSaw = new CompletableFuture<>();
        int solver = gw.backend(req -> {
            solverSaw.complete(req.path());
            req.response().end("tok-abc.thumbprint");
        });
        gw.plainService("cm-acme-http-solver-x7k2p", "http", List.of(solver), List.of());
        RoutingTable.Split app = split("hello", Map.of());
        RoutingTable.Split challenge = new RoutingTable.Split(
                new RoutingTable.Backend(GatewayHarness.NS, "cm-acme-http-solver-x7k2p", 80), 100, Map.of());
        gw.table.put(new RoutingTable.Entry(GatewayHarness.NS, "hello", 1, List.of(new RoutingTable.Rule(
                List.of("hello.example.org"), RoutingTable.EXTERNAL_IP, List.of(
                        new RoutingTable.Path("/.well-known/acme-challenge/tok-abc", Map.of(), List.of(challenge),
                                Map.of(), null),
                        new RoutingTable.Path("", Map.of(), List.of(app), Map.of(), null)))), "Redirected"));

        Resp acme = externalGet("hello.example.org", "/.well-known/acme-challenge/tok-abc");
        Resp other = externalGet("hello.example.org", "/path?q=1");

        assertThat(acme.status()).isEqualTo(200);
        assertThat(acme.body()).isEqualTo("tok-abc.thumbprint");
        assertThat(solverSaw.get(5, TimeUnit.SECONDS)).isEqualTo("/.well-known/acme-challenge/tok-abc");
        assertThat(other.status()).isEqualTo(301);
        assertThat(other.headers().get("Location")).isEqualTo("https://hello.example.org/path?q=1");
    }

    /** A plain-HTTP GET on the external listener. */
    private Resp externalGet(String host, String uri) throws Exception {
        return OnContext.call(gw.vertx, () -> client.request(new RequestOptions()
                .setPort(gw.bound.externalHttp()).setURI(uri).putHeader("Host", host))
                .compose(r -> r.send().compose(q -> q.body().map(b -> new Resp(q.statusCode(), q.headers(),
                        b.toString(), q.trailers())))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RoutingTable.Split split(String service, Map<String, String> headers) {
        return new RoutingTable.Split(new RoutingTable.Backend(GatewayHarness.NS, service, 80), 100, headers);
    }

    /** One KIngress with one rule for {@code host} and one path. */
    private static RoutingTable.Entry entry(String name, String host, String visibility, String rewriteHost,
            RoutingTable.Split split) {
        return new RoutingTable.Entry(GatewayHarness.NS, name, 1, List.of(new RoutingTable.Rule(List.of(host),
                visibility, List.of(new RoutingTable.Path("", Map.of(), List.of(split), Map.of(), rewriteHost)))), "");
    }

    /**
     * A DomainMapping whose ref is a {@code v1 Service}: no KIngress serves the rewritten host, so the mapping's own
     * split goes to the Service's ready endpoints (as net-kourier's pkg/generator/ingress_translator.go routes it),
     * sent the rewritten Host and the mapping's K-Original-Host; it works without any Revision.
     */
    @Test
    void domainMappingToAKubernetesServiceGoesToItsEndpoints() throws Exception {
        start(Activator.Settings.DEFAULT);
        CompletableFuture<MultiMap> seen = new CompletableFuture<>();
        int pod = gw.backend(req -> {
            seen.complete(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            req.response().end("plain");
        });
        String local = "plain." + GatewayHarness.NS + ".svc.cluster.local";
        gw.plainService("plain", "http", List.of(pod), List.of());
        gw.table.put(entry("plain.example.org", "plain.example.org", RoutingTable.EXTERNAL_IP, local,
                split("plain", Map.of("K-Original-Host", "plain.example.org"))));

        Resp r = get("plain.example.org", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("plain");
        MultiMap h = seen.get(5, TimeUnit.SECONDS);
        assertThat(h.get("Host")).isEqualTo(local);
        assertThat(h.getAll("K-Original-Host")).containsExactly("plain.example.org");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("plain.example.org");
        assertThat(h.get("Forwarded")).contains("host=plain.example.org");
    }

    /**
     * Any KIngress split naming a Kubernetes Service: only its ready addresses get traffic (on the endpoint port named
     * as the Service port), a refused endpoint is retried on another, none ready is 503, an ExternalName Service or a
     * missing port 404 naming the Service, a name that is neither revision nor Service 404.
     */
    @Test
    void splitToAKubernetesServiceUsesItsReadyEndpointsOnly() throws Exception {
        start(Activator.Settings.DEFAULT);
        AtomicInteger served = new AtomicInteger();
        int ready = gw.backend(req -> {
            served.incrementAndGet();
            req.response().end("ready");
        });
        int notReady = gw.backend(req -> req.response().setStatusCode(500).end("not ready"));
        int refused = gw.backend(req -> req.response().end("gone"));
        gw.closeBackend(refused);
        gw.plainService("web", "web", List.of(ready, refused), List.of(notReady));
        gw.table.put(entry("web", "web.example.com", RoutingTable.EXTERNAL_IP, null, split("web", Map.of())));

        for (int i = 0; i < 20; i++) {
            Resp r = get("web.example.com", Map.of());
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ready");
        }
        assertThat(served.get()).isEqualTo(20);

        gw.plainService("idle", "http", List.of(), List.of(notReady));
        gw.table.put(entry("idle", "idle.example.com", RoutingTable.EXTERNAL_IP, null, split("idle", Map.of())));
        Resp none = get("idle.example.com", Map.of());
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.body()).contains("no ready endpoints for service ns/idle");
        assertThat(none.headers().get("Retry-After")).isEqualTo("1");

        gw.services.put(GatewayHarness.NS + "/ext", new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withNamespace(GatewayHarness.NS).withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build());
        gw.table.put(entry("ext", "ext.example.com", RoutingTable.EXTERNAL_IP, null, split("ext", Map.of())));
        Resp ext = get("ext.example.com", Map.of());
        assertThat(ext.status()).isEqualTo(404);
        assertThat(ext.body()).contains("service ns/ext is of type ExternalName");

        gw.table.put(entry("port", "port.example.com", RoutingTable.EXTERNAL_IP, null,
                new RoutingTable.Split(new RoutingTable.Backend(GatewayHarness.NS, "web", 9090), 100, Map.of())));
        Resp port = get("port.example.com", Map.of());
        assertThat(port.status()).isEqualTo(404);
        assertThat(port.body()).contains("service ns/web has no port 9090");

        gw.table.put(entry("nothing", "nothing.example.com", RoutingTable.EXTERNAL_IP, null,
                split("nothing", Map.of())));
        assertThat(get("nothing.example.com", Map.of()).body()).contains("no revision or service ns/nothing");
    }

    /**
     * Where the API server serves discovery.k8s.io/v1, a plain Service's addresses come from its EndpointSlices, the
     * one source the gateway reads every Service's endpoints from: Endpoints the gateway no longer reads (here a
     * stale one naming another pod) get nothing, a not-ready slice endpoint gets nothing.
     */
    @Test
    void splitToAKubernetesServiceReadsItsEndpointSlicesWhereServed() throws Exception {
        start(Activator.Settings.DEFAULT);
        int ready = gw.backend(req -> req.response().end("slice"));
        int notReady = gw.backend(req -> req.response().end("not ready"));
        int stale = gw.backend(req -> req.response().end("endpoints"));
        gw.plainService("web", "web", List.of(stale), List.of());
        gw.plainServiceSlices("web", "web", List.of(ready), List.of(notReady));
        gw.table.put(entry("web", "web.example.com", RoutingTable.EXTERNAL_IP, null, split("web", Map.of())));

        for (int i = 0; i < 20; i++) {
            Resp r = get("web.example.com", Map.of());
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).isEqualTo("slice");
        }

        gw.plainServiceSlices("web", "web", List.of(), List.of(notReady));
        Resp none = get("web.example.com", Map.of());
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.body()).contains("no ready endpoints for service ns/web");
    }

    /**
     * A Kubernetes Service backend counts on the same request meters as a revision, under {@code
     * kubernetes_service_name} with the revision labels empty, and without the queue-proxy count.
     */
    @Test
    void aKubernetesServiceBackendIsCountedUnderItsName() throws Exception {
        start(Activator.Settings.DEFAULT);
        int ready = gw.backend(req -> req.response().end("ready"));
        gw.plainService("web", "web", List.of(ready), List.of());
        gw.plainService("idle", "http", List.of(), List.of());
        gw.table.put(entry("web", "web.example.com", RoutingTable.EXTERNAL_IP, null, split("web", Map.of())));
        gw.table.put(entry("idle", "idle.example.com", RoutingTable.EXTERNAL_IP, null, split("idle", Map.of())));

        for (int i = 0; i < 3; i++) {
            assertThat(get("web.example.com", Map.of()).status()).isEqualTo(200);
        }
        assertThat(get("idle.example.com", Map.of()).status()).isEqualTo(503);

        var registry = gw.registry;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("namespace_name", GatewayHarness.NS)
                    .tag("kubernetes_service_name", "web").tag("revision_name", "").tag("service_name", "")
                    .tag("response_code_class", "2xx").counter().count()).isEqualTo(3);
            assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_LATENCIES).tag("kubernetes_service_name", "web")
                    .timer().count()).isEqualTo(3);
            assertThat(registry.get(MetricNames.GATEWAY_ERRORS).tag("kubernetes_service_name", "idle")
                    .tag("code", "503").counter().count()).isEqualTo(1);
        });
        assertThat(registry.find(MetricNames.PROXY_REQUEST_COUNT).counters()).isEmpty();
    }

    /**
     * Where the API server serves discovery.k8s.io/v1, a revision's pods come from its private Service's
     * EndpointSlices: ready and unknown-ready endpoints, a not-ready one once the gateway's probe passes (as a
     * not-ready Endpoints address), never a terminating one; an endpoint that leaves the slices leaves rotation.
     */
    @Test
    void revisionPodsComeFromEndpointSlicesWhereServed() throws Exception {
        start(Activator.Settings.DEFAULT);
        int ready = gw.backend(req -> req.response().end("ready"));
        int unknown = gw.backend(req -> req.response().end("unknown"));
        int starting = gw.backend(req -> req.response().end("starting"));
        int terminating = gw.backend(req -> req.response().end("terminating"));
        gw.revision("s-1", 0, 0, false);
        gw.route("s", "s.ns", Map.of(), "s-1", 100);
        gw.slicePods("s-1", List.of(Map.of("port", ready, "ready", true), Map.of("port", unknown),
                Map.of("port", starting, "ready", false),
                Map.of("port", terminating, "ready", false, "terminating", true)));
        gw.awaitHealthy("s-1", 3);

        java.util.Set<String> answered = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            Resp r = get("s.ns", Map.of());
            assertThat(r.status()).isEqualTo(200);
            answered.add(r.body());
        }
        assertThat(answered).containsExactlyInAnyOrder("ready", "unknown", "starting");

        gw.slicePods("s-1", List.of(Map.of("port", ready, "ready", true)));
        gw.awaitHealthy("s-1", 1);
        for (int i = 0; i < 10; i++) {
            assertThat(get("s.ns", Map.of()).body()).isEqualTo("ready");
        }
    }

    /**
     * A request waiting at zero is served by a pod the gateway knows only from its own status (its IP, on the
     * revision's user port), probed at once, before any endpoints list it.
     */
    @Test
    void aWaitingRequestIsServedByAPodKnownFromItsStatusBeforeTheEndpointsListIt() throws Exception {
        start(Activator.Settings.DEFAULT);
        int port = gw.backend(req -> req.response().end("started"));
        var rev = gw.revision("z-1", 0, 0, false);
        rev.getSpec().getContainers().get(0).setPorts(List.of(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(port).build()));
        gw.route("z", "z.ns", Map.of(), "z-1", 100);
        CompletableFuture<Resp> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return get("z.ns", Map.of());
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> gw.activator.queuedTotal() == 1);
        gw.podStarted("z-1", "z-1-pod", "127.0.0.1");
        Resp r = waiting.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("started");
    }

    /** A revision pod with an IPv6 address is probed and dialled on it; the client's Host still reaches the pod. */
    @Test
    void anIpv6RevisionPodIsDialledOnItsAddress() throws Exception {
        start(Activator.Settings.DEFAULT);
        var server = gw.vertx.createHttpServer(new HttpServerOptions().setHost("::1").setPort(0))
                .requestHandler(req -> req.response().end("v6 " + req.getHeader("Host")));
        int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        gw.revision("v6-1", 0, 0, false);
        gw.route("v6", "v6.ns", Map.of(), "v6-1", 100);
        gw.slicePods("v6-1", List.of(Map.of("port", port, "ready", true, "ip", "::1")));
        gw.awaitHealthy("v6-1", 1);

        Resp r = get("v6.ns", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("v6 v6.ns");
    }

    /**
     * Where slices are served, this replica's index among the gateway replicas comes from the gateway Service's
     * EndpointSlices (the endpoint targeting this replica's pod): with two replicas ready, this one uses half of a
     * containerConcurrency revision's pods; once the other replica's endpoint is gone, all of them.
     */
    @Test
    void theGatewayReplicaIndexComesFromTheGatewayServicesSlices() throws Exception {
        start(Activator.Settings.DEFAULT);
        int a = gw.backend(req -> req.response().end("a"));
        int b = gw.backend(req -> req.response().end("b"));
        gw.revision("cc-1", 1, 0, false);
        gw.route("cc", "cc.ns", Map.of(), "cc-1", 100);
        gw.slicePods("cc-1", List.of(Map.of("port", a, "ready", true), Map.of("port", b, "ready", true)));
        gw.awaitHealthy("cc-1", 2);
        var throttler = gw.activator.throttler(io.qnative.gateway.activator.RevisionSettings.of(
                gw.revisions.get(GatewayHarness.NS + "/cc-1")));
        assertThat(throttler.assigned()).hasSize(2);

        var other = gw.putSlice("knative-serving", Gateway.INTERNAL_SERVICE, "gw-a", "http", 8081, "10.0.0.1", true,
                "gw-1");
        var self = gw.putSlice("knative-serving", Gateway.INTERNAL_SERVICE, "gw-b", "http", 8081, "10.0.0.2", true,
                "gw-0");
        gw.activator.onEndpointSlice(other);
        gw.activator.onEndpointSlice(self);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(throttler.assigned())
                .extracting(io.qnative.gateway.activator.PodTracker::port).containsExactly(Math.max(a, b)));

        gw.slices.remove("knative-serving/gw-a");
        gw.activator.onEndpointSlice(other);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(throttler.assigned()).hasSize(2));
    }

    /**
     * A readiness probe's named port is the serving container's port of that name (the kubelet's findPortByName):
     * here the user port fails the probe's path and the named health port passes it, so the pod gets traffic only
     * when the name is resolved. (The webhook admits one container port; the prober's resolution is what is shown.)
     */
    @Test
    void aNamedReadinessProbePortIsTheContainerPortOfThatName() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().setStatusCode(req.path().equals("/ready") ? 503 : 200)
                .end("served"));
        int health = gw.backend(req -> req.response().setStatusCode(req.path().equals("/ready") ? 200 : 500)
                .end());
        var rev = gw.revision("p-1", 0, 0, false);
        var c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withName("http")
                .withContainerPort(pod).build(), new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                .withName("health").withContainerPort(health).build()));
        c.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/ready")
                .withPort(new io.fabric8.kubernetes.api.model.IntOrString("health")).endHttpGet().build());
        gw.route("p", "p.ns", Map.of(), "p-1", 100);
        gw.pods("p-1", pod);
        gw.awaitHealthy("p-1", 1);
        assertThat(get("p.ns", Map.of()).body()).isEqualTo("served");
    }

    @Test
    void connectionsAreServedOnEveryEventLoop() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().end("hello"));
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        gw.route("hello", "hello.ns.example.com", Map.of(), "hello-00001", 100);
        int loops = gw.listeners.instances();
        assertThat(loops).isEqualTo(GatewayListeners.eventLoops(gw.vertx)).isGreaterThan(1);

        // a new connection per request: the listeners sharing the port take the connections in turn
        HttpClient oneShot = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()).setKeepAlive(false));
        for (int i = 0; i < 2 * loops; i++) {
            int status = OnContext.call(gw.vertx, () -> oneShot.request(new RequestOptions().setURI("/")
                    .putHeader("Host", "hello.ns.example.com"))
                    .compose(r -> r.send().compose(q -> q.body().map(b -> q.statusCode()))))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(200);
        }

        assertThat(gw.routingThreads).hasSize(loops).allMatch(t -> t.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void unknownHostIs404AndNoOpenProxy() throws Exception {
        start(Activator.Settings.DEFAULT);
        Resp r = get("nobody.example.com", Map.of());
        assertThat(r.status()).isEqualTo(404);

        io.vertx.core.net.NetSocket socket = gw.vertx.createNetClient().connect(gw.port(), "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        CompletableFuture<String> answer = new CompletableFuture<>();
        Buffer acc = Buffer.buffer();
        socket.handler(b -> {
            acc.appendBuffer(b);
            if (acc.toString().contains("\r\n\r\n")) {
                answer.complete(acc.toString());
            }
        });
        socket.write("GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");
        assertThat(answer.get(5, TimeUnit.SECONDS)).startsWith("HTTP/1.1 400");
    }

    @Test
    void tagHeaderPicksItsRevision() throws Exception {
        start(Activator.Settings.DEFAULT);
        int one = gw.backend(req -> req.response().end("one"));
        int two = gw.backend(req -> req.response().end("two"));
        gw.revision("r-1", 0, 0, false);
        gw.revision("r-2", 0, 0, false);
        gw.pods("r-1", one);
        gw.pods("r-2", two);
        var table = gw.table;
        var split1 = new io.qnative.gateway.routing.RoutingTable.Split(
                new io.qnative.gateway.routing.RoutingTable.Backend("ns", "r-1", 80), 100, Map.of());
        var split2 = new io.qnative.gateway.routing.RoutingTable.Split(
                new io.qnative.gateway.routing.RoutingTable.Backend("ns", "r-2", 80), 100, Map.of());
        table.put(new io.qnative.gateway.routing.RoutingTable.Entry("ns", "svc", 1, List.of(
                new io.qnative.gateway.routing.RoutingTable.Rule(List.of("svc.ns"), "ClusterLocal", List.of(
                        new io.qnative.gateway.routing.RoutingTable.Path("", Map.of("Knative-Serving-Tag", "two"),
                                List.of(split2), Map.of(), null),
                        new io.qnative.gateway.routing.RoutingTable.Path("", Map.of(), List.of(split1), Map.of(),
                                null)))), ""));

        assertThat(get("svc.ns", Map.of()).body()).isEqualTo("one");
        assertThat(get("svc.ns", Map.of("Knative-Serving-Tag", "two")).body()).isEqualTo("two");
        assertThat(get("svc.ns", Map.of("Knative-Serving-Tag", "other")).body()).isEqualTo("one");
    }

    @Test
    void containerConcurrencyOneNeverPutsTwoRequestsOnOnePod() throws Exception {
        start(Activator.Settings.DEFAULT);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<Integer> pods = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AtomicInteger mine = new AtomicInteger();
            pods.add(gw.backend(req -> {
                int c = mine.incrementAndGet();
                max.accumulateAndGet(c, Math::max);
                now.incrementAndGet();
                gw.vertx.setTimer(20, id -> {
                    mine.decrementAndGet();
                    req.response().end("ok");
                });
            }));
        }
        gw.revision("cc1-1", 1, 0, false);
        gw.pods("cc1-1", pods.get(0), pods.get(1));
        gw.route("cc1", "cc1.ns", Map.of(), "cc1-1", 100);

        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(OnContext.call(gw.vertx, () -> client.request(new RequestOptions().setURI("/")
                    .putHeader("Host", "cc1.ns"))
                    .compose(r -> r.send().compose(q -> q.body().map(b -> q.statusCode())))));
        }
        Future.all(all).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(all).allSatisfy(f -> assertThat(f.result()).isEqualTo(200));
        assertThat(now.get()).isEqualTo(20);
        assertThat(max.get()).isEqualTo(1);
    }

    @Test
    void fullQueueAnswers503WithRetryAfter() throws Exception {
        start(new Activator.Settings(2, 10_000, 300));
        List<io.vertx.core.http.HttpServerRequest> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        int pod = gw.backend(held::add);
        gw.revision("q-1", 1, 0, false);
        gw.pods("q-1", pod);
        gw.route("q", "q.ns", Map.of(), "q-1", 100);
        gw.awaitHealthy("q-1", 1);

        List<Future<HttpClientResponse>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(client.request(new RequestOptions().setURI("/").putHeader("Host", "q.ns")).compose(r -> r.send()));
        }
        // one on the pod, two queued, two refused
        await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().filter(Future::isComplete).count() == 2
                && held.size() == 1);
        assertThat(all.stream().filter(Future::isComplete).map(f -> f.result().statusCode())).containsOnly(503);
        assertThat(all.stream().filter(Future::isComplete).map(f -> f.result().getHeader("Retry-After")))
                .containsOnly("1");
        assertThat(held).hasSize(1);
        held.forEach(r -> r.response().end());
    }

    @Test
    void requestTimeoutIs504() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> { });
        gw.revision("slow-1", 0, 1, false);
        gw.pods("slow-1", pod);
        gw.route("slow", "slow.ns", Map.of(), "slow-1", 100);

        Resp r = get("slow.ns", Map.of());
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("activator request timeout\n");
    }

    /**
     * A pod that sends its head and then takes its time with the body (Knative's TestRevisionTimeout, "writes first
     * byte before timeout"): the client has the 200 before the body and before timeoutSeconds, over HTTP/1.1 and
     * h2c to the pod.
     */
    @Test
    void aStreamedResponsesHeadReachesTheClientAtOnce() throws Exception {
        start(Activator.Settings.DEFAULT);
        for (boolean h2c : new boolean[] {false, true}) {
            String rev = "head-" + (h2c ? "h2c" : "http1");
            int pod = gw.backend(new HttpServerOptions().setHttp2ClearTextEnabled(h2c),
                    req -> req.response().setChunked(true).writeHead());
            gw.revision(rev, 0, 3, h2c);
            gw.pods(rev, pod);
            gw.route(rev, rev + ".ns", Map.of(), rev, 100);
            CompletableFuture<Integer> status = new CompletableFuture<>();
            OnContext.call(gw.vertx, () -> client.request(new RequestOptions().setURI("/")
                    .putHeader("Host", rev + ".ns")).compose(r -> r.send()))
                    .onSuccess(resp -> {
                        resp.exceptionHandler(e -> { });
                        status.complete(resp.statusCode());
                    })
                    .onFailure(status::completeExceptionally);
            // with the head held back until a body byte, the timeout's 504 (after 3 s) would be the answer
            assertThat(status.get(20, TimeUnit.SECONDS)).as(rev).isEqualTo(200);
        }
    }

    @Test
    void trailersPassThroughOverH2c() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(new HttpServerOptions().setHttp2ClearTextEnabled(true), req -> {
            req.body().onSuccess(b -> {
                req.response().putHeader("Content-Type", "application/grpc").write("echo:" + b);
                req.response().trailers().add("grpc-status", "0");
                req.response().end();
            });
        });
        gw.revision("grpc-1", 0, 0, true);
        gw.pods("grpc-1", pod);
        gw.route("grpc", "grpc.ns", Map.of(), "grpc-1", 100);
        HttpClient h2 = gw.vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));

        Resp r = OnContext.call(gw.vertx, () -> h2.request(new RequestOptions().setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1").setPort(gw.port()).setURI("/svc/Method").putHeader("Host", "grpc.ns")
                        .putHeader("TE", "trailers"))
                .compose(req -> {
                    req.authority(io.vertx.core.net.HostAndPort.create("grpc.ns", -1));
                    return req.send("ping").compose(resp -> resp.body().map(b -> new Resp(resp.statusCode(),
                            resp.headers(), b.toString(), resp.trailers())));
                }))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("echo:ping");
        assertThat(r.trailers().get("grpc-status")).isEqualTo("0");
    }

    @Test
    void h2cUpgradeFromHttp1IsAccepted() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().end(req.version().name()));
        gw.revision("up-1", 0, 0, false);
        gw.pods("up-1", pod);
        gw.route("up", "up.ns", Map.of(), "up-1", 100);
        HttpClient upgrading = gw.vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true));

        String seen = OnContext.call(gw.vertx, () -> upgrading.request(new RequestOptions().setHost("127.0.0.1")
                        .setPort(gw.port()).setURI("/").putHeader("Host", "up.ns"))
                .compose(req -> {
                    req.authority(io.vertx.core.net.HostAndPort.create("up.ns", -1));
                    return req.send().compose(resp -> resp.body().map(b -> resp.version() + " via " + b));
                }))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // the client upgraded to HTTP/2; the pod (http1 revision) got HTTP/1.1
        assertThat(seen).isEqualTo("HTTP_2 via HTTP_1_1");
    }

    @Test
    void failingRevisionAnswers503WithTheReasonAtOnce() throws Exception {
        start(Activator.Settings.DEFAULT);
        var rev = gw.revision("bad-1", 0, 0, false);
        var status = new io.qnative.api.serving.v1.RevisionStatus();
        status.setConditions(List.of(new io.qnative.api.duck.Condition("ContainerHealthy", "False", null,
                "ImagePullBackOff", "cannot pull image")));
        rev.setStatus(status);
        gw.route("bad", "bad.ns", Map.of(), "bad-1", 100);

        Resp r = get("bad.ns", Map.of());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("ImagePullBackOff").contains("cannot pull image");
        assertThat(r.headers().get("Retry-After")).isEqualTo("1");
    }

    @Test
    void revisionHostIsServedOnTheClusterLocalListenerOnly() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().end(req.getHeader("Knative-Serving-Revision")));
        gw.revision("direct-1", 0, 0, false);
        gw.pods("direct-1", pod);

        assertThat(get("direct-1.ns.svc.cluster.local", Map.of()).body()).isEqualTo("direct-1");
        assertThat(get("direct-1.ns", Map.of()).body()).isEqualTo("direct-1");
        Resp external = OnContext.call(gw.vertx, () -> client.request(new RequestOptions()
                .setPort(gw.bound.externalHttp()).setURI("/").putHeader("Host", "direct-1.ns.svc.cluster.local"))
                .compose(r -> r.send().compose(q -> q.body().map(b -> new Resp(q.statusCode(), q.headers(),
                        b.toString(), q.trailers())))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(external.status()).isEqualTo(404);
    }

    @Test
    void webSocketEchoes() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage)));
        gw.revision("ws-1", 0, 0, false);
        gw.pods("ws-1", pod);
        gw.route("ws", "ws.ns", Map.of(), "ws-1", 100);

        CompletableFuture<String> echo = new CompletableFuture<>();
        gw.vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gw.port())
                .setURI("/").addHeader("Host", "ws.ns")).onSuccess(ws -> {
                    ws.textMessageHandler(echo::complete);
                    ws.writeTextMessage("hi");
                }).onFailure(echo::completeExceptionally);
        assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("hi");
    }

    @Test
    void webSocketIsCutAfterIdleTimeoutButNotWhileFramesFlow() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage)));
        gw.revision("ws-1", 0, 0, false).getSpec().setIdleTimeoutSeconds(2L);
        gw.pods("ws-1", pod);
        gw.route("ws", "ws.ns", Map.of(), "ws-1", 100);
        // the idle timeout counts from arrival until the pod answers, waiting for its first probe included
        gw.awaitHealthy("ws-1", 1);

        AtomicInteger echoes = new AtomicInteger();
        CompletableFuture<Long> closedAt = new CompletableFuture<>();
        var ws = gw.vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(gw.port()).setURI("/").addHeader("Host", "ws.ns"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(m -> echoes.incrementAndGet());
        ws.closeHandler(v -> closedAt.complete(System.nanoTime()));
        // a message every 250 ms for 3 s: longer than the 2 s idle timeout in all, never idle that long (8 times
        // the gap, so a busy machine's late wake-ups do not make it idle)
        long lastSent = 0;
        for (int i = 0; i < 12; i++) {
            ws.writeTextMessage("m" + i);
            lastSent = System.nanoTime();
            Thread.sleep(250);
        }
        assertThat(closedAt).isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> echoes.get() == 12);

        // cut once idle: never sooner than the timeout after the last frame went through
        long closed = closedAt.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(closed - lastSent)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void maxUpgradedConnectionSecondsClosesBothSidesWhileFramesFlow() throws Exception {
        // max-upgraded-connection-seconds: 1 under the revision's default timeoutSeconds (300)
        start(new Activator.Settings(0, 10_000, 300, 1));
        CompletableFuture<Void> podSideClosed = new CompletableFuture<>();
        int pod = gw.backend(req -> req.toWebSocket().onSuccess(ws -> {
            ws.textMessageHandler(ws::writeTextMessage);
            ws.closeHandler(v -> podSideClosed.complete(null));
        }));
        gw.revision("ws-1", 0, 0, false);
        gw.pods("ws-1", pod);
        gw.route("ws", "ws.ns", Map.of(), "ws-1", 100);
        gw.awaitHealthy("ws-1", 1);

        AtomicInteger echoes = new AtomicInteger();
        CompletableFuture<Void> clientSideClosed = new CompletableFuture<>();
        var ws = gw.vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(gw.port()).setURI("/").addHeader("Host", "ws.ns"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(m -> echoes.incrementAndGet());
        ws.closeHandler(v -> clientSideClosed.complete(null));
        // frames keep flowing (no idle timeout is set): only the cap can end the connection
        long ticker = gw.vertx.setPeriodic(100, id -> {
            if (!clientSideClosed.isDone()) {
                ws.writeTextMessage("tick");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> echoes.get() > 0);
            clientSideClosed.get(20, TimeUnit.SECONDS);
            podSideClosed.get(20, TimeUnit.SECONDS);
        } finally {
            gw.vertx.cancelTimer(ticker);
        }
    }

    @Test
    void maxUpgradedConnectionSecondsZeroLiftsTheTimeoutSecondsCap() throws Exception {
        start(new Activator.Settings(0, 10_000, 300, 0));
        int pod = gw.backend(req -> req.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage)));
        // timeoutSeconds 2: without the key the connection would be cut after 2 s
        gw.revision("ws-1", 0, 2, false);
        gw.pods("ws-1", pod);
        gw.route("ws", "ws.ns", Map.of(), "ws-1", 100);
        gw.awaitHealthy("ws-1", 1);

        List<String> echoes = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        var ws = gw.vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(gw.port()).setURI("/").addHeader("Host", "ws.ns"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(echoes::add);
        ws.closeHandler(v -> closed.complete(null));
        // open for more than twice timeoutSeconds, then still echoing
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> !closed.isDone());
        ws.writeTextMessage("still open");
        await().atMost(Duration.ofSeconds(10)).until(() -> echoes.contains("still open"));
        ws.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutTheKeyAnUpgradedConnectionIsCappedAtTimeoutSeconds() throws Exception {
        start(Activator.Settings.DEFAULT);
        CompletableFuture<Void> podSideClosed = new CompletableFuture<>();
        int pod = gw.backend(req -> req.toWebSocket().onSuccess(ws -> {
            ws.textMessageHandler(ws::writeTextMessage);
            ws.closeHandler(v -> podSideClosed.complete(null));
        }));
        gw.revision("ws-1", 0, 2, false);
        gw.pods("ws-1", pod);
        gw.route("ws", "ws.ns", Map.of(), "ws-1", 100);
        gw.awaitHealthy("ws-1", 1);

        CompletableFuture<Void> closed = new CompletableFuture<>();
        var ws = gw.vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(gw.port()).setURI("/").addHeader("Host", "ws.ns"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.closeHandler(v -> closed.complete(null));
        closed.get(20, TimeUnit.SECONDS);
        podSideClosed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void clientDisconnectFreesThePodSlot() throws Exception {
        start(Activator.Settings.DEFAULT);
        AtomicInteger seen = new AtomicInteger();
        int pod = gw.backend(req -> {
            if (seen.incrementAndGet() > 1) {
                req.response().end("second");
            }
        });
        gw.revision("d-1", 1, 0, false);
        gw.pods("d-1", pod);
        gw.route("d", "d.ns", Map.of(), "d-1", 100);

        HttpClient first = gw.vertx.createHttpClient();
        first.request(new RequestOptions().setHost("127.0.0.1").setPort(gw.port()).setURI("/")
                .putHeader("Host", "d.ns")).compose(r -> r.send());
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() == 1);
        first.close();

        assertThat(get("d.ns", Map.of()).body()).isEqualTo("second");
    }

    @Test
    void largeUploadIsNotBufferedByTheGateway() throws Exception {
        start(Activator.Settings.DEFAULT);
        AtomicLong received = new AtomicLong();
        CompletableFuture<io.vertx.core.http.HttpServerRequest> arrived = new CompletableFuture<>();
        int pod = gw.backend(req -> {
            req.pause();
            req.handler(b -> received.addAndGet(b.length()));
            req.endHandler(v -> req.response().end(Long.toString(received.get())));
            arrived.complete(req);
        });
        gw.revision("big-1", 0, 0, false);
        gw.pods("big-1", pod);
        gw.route("big", "big.ns", Map.of(), "big-1", 100);
        long total = 256L * 1024 * 1024;
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        AtomicLong sent = new AtomicLong();

        Future<String> body = OnContext.call(gw.vertx, () -> client.request(new RequestOptions()
                .setMethod(HttpMethod.POST).setURI("/").putHeader("Host", "big.ns")).compose(req -> {
                    req.setChunked(true);
                    writeAll(req, chunk, total / chunk.length(), sent);
                    return req.response().compose(HttpClientResponse::body);
                })).map(Buffer::toString);

        // the pod reads nothing: backpressure must stop the client after the sockets' and queues' few MiB
        var pausedPod = arrived.get(10, TimeUnit.SECONDS);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sent.get() < 64L << 20);
        pausedPod.resume();
        assertThat(body.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS))
                .isEqualTo(Long.toString(total));
        assertThat(sent.get()).isEqualTo(total);
    }

    @Test
    void largeDownloadIsNotBufferedByTheGateway() throws Exception {
        start(Activator.Settings.DEFAULT);
        long total = 256L * 1024 * 1024;
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        AtomicLong written = new AtomicLong();
        int pod = gw.backend(req -> {
            req.response().setChunked(true);
            writeAll(req.response(), chunk, total / chunk.length(), written);
        });
        gw.revision("dl-1", 0, 0, false);
        gw.pods("dl-1", pod);
        gw.route("dl", "dl.ns", Map.of(), "dl-1", 100);
        AtomicLong received = new AtomicLong();
        CompletableFuture<Long> done = new CompletableFuture<>();
        CompletableFuture<HttpClientResponse> head = new CompletableFuture<>();
        OnContext.call(gw.vertx, () -> client.request(new RequestOptions().setURI("/").putHeader("Host", "dl.ns"))
                .compose(r -> r.send().onSuccess(resp -> {
                    resp.pause();
                    resp.handler(b -> received.addAndGet(b.length()));
                    resp.endHandler(v -> done.complete(received.get()));
                    head.complete(resp);
                }))).onFailure(done::completeExceptionally);

        var paused = head.get(10, TimeUnit.SECONDS);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> written.get() < 64L << 20);
        paused.resume();
        assertThat(done.get(120, TimeUnit.SECONDS)).isEqualTo(total);
    }

    @Test
    void podRefusingConnectionsIsEjectedAndTheRequestRetriedElsewhere() throws Exception {
        start(Activator.Settings.DEFAULT);
        int live = gw.backend(req -> req.response().end("live"));
        int dying = gw.backend(req -> req.response().end("dying"));
        gw.revision("e-1", 0, 0, false);
        gw.pods("e-1", live, dying);
        gw.route("e", "e.ns", Map.of(), "e-1", 100);
        gw.awaitHealthy("e-1", 2);
        gw.closeBackend(dying);

        for (int i = 0; i < 10; i++) {
            Resp r = get("e.ns", Map.of());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("live");
        }
    }

    @Test
    void clientLeavingTheQueueFreesItsPlace() throws Exception {
        start(new Activator.Settings(1, 10_000, 300));
        List<io.vertx.core.http.HttpServerRequest> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        int pod = gw.backend(held::add);
        gw.revision("ql-1", 1, 0, false);
        gw.pods("ql-1", pod);
        gw.route("ql", "ql.ns", Map.of(), "ql-1", 100);
        gw.awaitHealthy("ql-1", 1);
        client.request(new RequestOptions().setURI("/").putHeader("Host", "ql.ns")).compose(r -> r.send());
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);

        HttpClient leaving = gw.vertx.createHttpClient();
        leaving.request(new RequestOptions().setHost("127.0.0.1").setPort(gw.port()).setURI("/")
                .putHeader("Host", "ql.ns")).compose(r -> r.send());
        var settings = io.qnative.gateway.activator.RevisionSettings.of(gw.revisions.get("ns/ql-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.activator.throttler(settings).queued() == 1);
        leaving.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.activator.throttler(settings).queued() == 0);

        Future<HttpClientResponse> next = client.request(new RequestOptions().setURI("/").putHeader("Host", "ql.ns"))
                .compose(r -> r.send());
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.activator.throttler(settings).queued() == 1);
        assertThat(next.isComplete()).isFalse();
        held.get(0).response().end();
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 2);
        held.get(1).response().end();
        assertThat(next.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }

    @Test
    void drainingFailsKubeProbesThenRefusesNewRequests() throws Exception {
        start(Activator.Settings.DEFAULT);
        int pod = gw.backend(req -> req.response().end("ok"));
        gw.revision("k-1", 0, 0, false);
        gw.pods("k-1", pod);
        gw.route("k", "k.ns", Map.of(), "k-1", 100);
        assertThat(get("anything", Map.of("User-Agent", "kube-probe/1.20")).status()).isEqualTo(200);

        gw.handler.startDraining();
        assertThat(get("anything", Map.of("User-Agent", "kube-probe/1.20")).status()).isEqualTo(503);
        assertThat(get("k.ns", Map.of()).status()).isEqualTo(200);

        gw.handler.refuseNew();
        Resp refused = get("k.ns", Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
    }

    @Test
    void networkProbeEchoesTheLoadedGeneration() throws Exception {
        start(Activator.Settings.DEFAULT);
        gw.route("np", "np.ns", Map.of(), "np-1", 100);
        Resp r = get("np.ns", Map.of("K-Network-Probe", "probe"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("K-Network-Hash")).isEqualTo("1");
        assertThat(get("other.ns", Map.of("K-Network-Probe", "probe")).status()).isEqualTo(404);
    }

    /** Writes {@code count} chunks honouring backpressure, counting bytes handed to the stream. */
    private static void writeAll(io.vertx.core.streams.WriteStream<Buffer> out, Buffer chunk, long count,
            AtomicLong sent) {
        long n = count;
        while (n > 0 && !out.writeQueueFull()) {
            out.write(chunk.copy());
            sent.addAndGet(chunk.length());
            n--;
        }
        if (n == 0) {
            out.end();
            return;
        }
        long rest = n;
        out.drainHandler(v -> writeAll(out, chunk, rest, sent));
    }

    @Test
    void aPodClosingBeforeItAnswersGetsAGetRetriedElsewhereButNotAPostWithABody() throws Exception {
        start(Activator.Settings.DEFAULT);
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        int dying = gw.backend(req -> {
            closed.incrementAndGet();
            req.connection().close();
        });
        int live = gw.backend(req -> req.response().end("live"));
        gw.revision("rt-1", 0, 0, false);
        gw.pods("rt-1", dying, live);
        gw.route("rt", "rt.ns", Map.of(), "rt-1", 100);
        gw.awaitHealthy("rt-1", 2);
        for (int i = 0; i < 20 && closed.get() == 0; i++) {
            Resp r = get("rt.ns", Map.of());
            assertThat(r.status()).as("GET %d", i).isEqualTo(200);
            assertThat(r.body()).isEqualTo("live");
        }
        assertThat(closed.get()).as("requests that reached the dying pod").isPositive();

        gw.revision("rt-2", 0, 0, false);
        gw.pods("rt-2", dying);
        gw.route("rt2", "rt2.ns", Map.of(), "rt-2", 100);
        gw.awaitHealthy("rt-2", 1);
        HttpClientResponse post = client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/")
                .putHeader("Host", "rt2.ns")).compose(r -> r.send("a body"))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(post.statusCode()).isEqualTo(502);
    }

}
