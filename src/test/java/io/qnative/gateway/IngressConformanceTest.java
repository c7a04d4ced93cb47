package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.certs.CertificateBundle;
import io.qnative.certs.CertificateIssuer;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.tls.KeyMaterial;
import io.qnative.gateway.tls.SniCertificates;
import io.qnative.reconciler.ingress.RoutingEntries;
import io.qnative.testing.Admission;
import io.qnative.testing.OnContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Knative's ingress conformance suite (knative/networking {@code test/conformance/ingress/*.go}) replayed against
 * the gateway: one method per Knative test function, named after it. Each builds the KIngress the Go test creates
 * (as JSON, as Knative's client writes it: a zero {@code percent} is omitted), converts it with
 * {@link RoutingEntries} as the KIngress controller does, and sends real HTTP to the gateway's real listeners; the
 * Kubernetes Services the suite creates ({@code CreateRuntimeService} and friends in {@code util.go}) are plain
 * Services whose Endpoints are loopback stand-in pods. A runtime pod answers with what it saw (protocol, Host,
 * headers) as the suite's {@code runtime} image does. Which Knative tests apply and how: docs/ingress-conformance.md.
 */
class IngressConformanceTest {

    private static final String NS = GatewayHarness.NS;

    private GatewayHarness gw;
    private HttpClient client;
    private final AtomicInteger names = new AtomicInteger();

    private void start() throws Exception {
        start(GatewayCertificates.NONE);
    }

    private void start(GatewayCertificates certificates) throws Exception {
        gw = new GatewayHarness(Activator.Settings.DEFAULT, certificates);
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"),
                new PoolOptions().setHttp1MaxSize(8));
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    // ---- the suite's Services and KIngresses ----

    /** A Service the suite created: its name and the Service port a split names. */
    private record Svc(String name, int port) {
    }

    /** What a runtime pod saw, as the suite's runtime image reports it. */
    private record Seen(int status, String proto, String host, JsonObject headers) {
        String header(String name) {
            for (String k : headers.fieldNames()) {
                if (k.equalsIgnoreCase(name)) {
                    return headers.getString(k);
                }
            }
            return null;
        }
    }

    /**
     * A Kubernetes Service named {@code name} with one port ({@code portName}, a low port number as util.go picks)
     * whose ready endpoints are the given loopback pods.
     */
    private Svc service(String portName, HttpServerOptions options, io.vertx.core.Handler<HttpServerRequest> pod)
            throws Exception {
        int n = names.incrementAndGet();
        String name = "svc-" + n;
        int port = 50 + n;
        int podPort = gw.backend(options, pod);
        String endpointPortName = portName.isEmpty() ? null : portName;
        gw.services.put(NS + "/" + name, new ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build())
                .withNewSpec().withType("ClusterIP").addNewPort().withName(endpointPortName).withPort(port)
                .withNewTargetPort(podPort).endPort().endSpec().build());
        gw.endpoints.put(NS + "/" + name, new EndpointsBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build())
                .withSubsets(new EndpointSubsetBuilder().withAddresses(new EndpointAddressBuilder()
                        .withIp("127.0.0.1").build()).withPorts(new EndpointPortBuilder().withName(endpointPortName)
                        .withPort(podPort).build()).build()).build());
        return new Svc(name, port);
    }

    /** {@code CreateRuntimeService}: a pod that answers 200 with what it saw. */
    private Svc runtime(String portName) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(true);
        return service(portName, options, this::runtimeAnswer);
    }

    /** Requests a runtime pod (by its port) is answering now. */
    private final Map<Integer, AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    private void runtimeAnswer(HttpServerRequest req) {
        AtomicInteger busy = inFlight.computeIfAbsent(req.localAddress().port(), p -> new AtomicInteger());
        busy.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        Runnable finished = () -> {
            if (done.compareAndSet(false, true)) {
                busy.decrementAndGet();
            }
        };
        req.response().endHandler(v -> finished.run());
        req.response().closeHandler(v -> finished.run());
        req.body().onSuccess(b -> {
            JsonObject headers = new JsonObject();
            req.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
            req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("proto", req.version().name()).put("host", req.host()).put("headers", headers).encode());
        });
    }

    /** A split as Knative's Go client serializes it: {@code percent} 0 is left out ({@code omitempty}). */
    private static JsonObject split(Svc svc, int percent, Map<String, String> appendHeaders) {
        JsonObject s = new JsonObject().put("serviceName", svc.name()).put("serviceNamespace", NS)
                .put("servicePort", svc.port());
        if (percent != 0) {
            s.put("percent", percent);
        }
        if (!appendHeaders.isEmpty()) {
            s.put("appendHeaders", new JsonObject(new HashMap<>(appendHeaders)));
        }
        return s;
    }

    private static JsonObject split(Svc svc) {
        return split(svc, 0, Map.of());
    }

    private static JsonObject path(JsonObject... splits) {
        return new JsonObject().put("splits", new JsonArray(List.of((Object[]) splits)));
    }

    private static JsonObject rule(String visibility, List<String> hosts, JsonObject... paths) {
        return new JsonObject().put("hosts", new JsonArray(new ArrayList<>(hosts))).put("visibility", visibility)
                .put("http", new JsonObject().put("paths", new JsonArray(List.of((Object[]) paths))));
    }

    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    /** A KIngress of qnative's class named {@code name} with {@code spec}. */
    private static Ingress ingress(String name, JsonObject spec) {
        JsonObject json = new JsonObject().put("apiVersion", "networking.internal.knative.dev/v1alpha1")
                .put("kind", "Ingress").put("metadata", new JsonObject().put("name", name).put("namespace", NS)
                        .put("generation", GENERATIONS.incrementAndGet())
                        .put("annotations", new JsonObject().put(NetworkingKeys.INGRESS_CLASS,
                                NetworkingKeys.INGRESS_CLASS_QNATIVE)))
                .put("spec", spec);
        return Admission.yaml(Ingress.class, json.encode());
    }

    /** {@code CreateIngressReady}: the KIngress loaded as the controller loads it (ready once in the table). */
    private Ingress createIngressReady(String name, JsonObject... rules) {
        return apply(ingress(name, new JsonObject().put("rules", new JsonArray(List.of((Object[]) rules)))));
    }

    private Ingress apply(Ingress ingress) {
        gw.table.put(RoutingEntries.of(ingress));
        return ingress;
    }

    // ---- the suite's client ----

    private record Resp(int status, String body, HttpVersion version) {
        Seen seen() {
            JsonObject o = new JsonObject(body);
            return new Seen(status, o.getString("proto"), o.getString("host"), o.getJsonObject("headers"));
        }
    }

    private Resp send(int port, String host, String uri, Map<String, String> headers) throws Exception {
        RequestOptions o = new RequestOptions().setPort(port).setURI(uri.isEmpty() ? "/" : uri)
                .putHeader("Host", host);
        headers.forEach(o::putHeader);
        return OnContext.call(gw.vertx, () -> client.request(o).compose(r -> r.send().compose(q -> q.body()
                .map(b -> new Resp(q.statusCode(), b.toString(), q.version())))))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** {@code RuntimeRequest} on the external listener: the request must succeed (200), and says what the pod saw. */
    private Seen runtimeRequest(String host, String uri, Map<String, String> headers) throws Exception {
        Resp r = send(gw.bound.externalHttp(), host, uri, headers);
        assertThat(r.status()).as("status of %s%s: %s", host, uri, r.body()).isEqualTo(200);
        return r.seen();
    }

    private Seen runtimeRequest(String host) throws Exception {
        return runtimeRequest(host, "/", Map.of());
    }

    /** {@code count} requests, {@code concurrency} at a time as the suite's pool sends them; the header each saw. */
    private List<String> requests(String host, String uri, int count, String header) throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        for (int sent = 0; sent < count; sent += 50) {
            List<Future<Resp>> batch = new ArrayList<>();
            for (int i = sent; i < Math.min(count, sent + 50); i++) {
                RequestOptions o = new RequestOptions().setPort(gw.bound.externalHttp()).setURI(uri)
                        .putHeader("Host", host);
                batch.add(OnContext.call(gw.vertx, () -> client.request(o).compose(r -> r.send()
                        .compose(q -> q.body().map(b -> new Resp(q.statusCode(), b.toString(), q.version()))))));
            }
            for (Future<Resp> f : batch) {
                Resp r = f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                out.add(r.seen().header(header));
            }
        }
        return out;
    }

    // ---- basic.go ----

    /** basic.go TestBasics: a no-frills KIngress exposes a Service on the public listener. */
    @Test
    void testBasics() throws Exception {
        start();
        Svc svc = runtime("http");
        createIngressReady("basics", rule("ExternalIP", List.of(svc.name() + ".example.com"), path(split(svc))));

        Seen seen = runtimeRequest(svc.name() + ".example.com");

        assertThat(seen.proto()).isEqualTo("HTTP_1_1");
        assertThat(seen.host()).isEqualTo(svc.name() + ".example.com");
    }

    /** basic.go TestBasicsHTTP2: the same KIngress over a Service port named h2c: the pod sees HTTP/2. */
    @Test
    void testBasicsHTTP2() throws Exception {
        start();
        Svc svc = runtime("h2c");
        createIngressReady("basics-h2", rule("ExternalIP", List.of(svc.name() + ".example.com"), path(split(svc))));

        assertThat(runtimeRequest(svc.name() + ".example.com").proto()).isEqualTo("HTTP_2");
    }

    // ---- emptyport.go ----

    /** emptyport.go TestHTTP1AndEmptyPort: an unnamed Service port is HTTP/1. */
    @Test
    void testHTTP1AndEmptyPort() throws Exception {
        start();
        Svc svc = runtime("");
        createIngressReady("empty", rule("ExternalIP", List.of(svc.name() + ".example.com"), path(split(svc))));

        assertThat(runtimeRequest(svc.name() + ".example.com").proto()).isEqualTo("HTTP_1_1");
    }

    // ---- grpc.go ----

    /** {@code CreateGRPCService}: an h2c pod echoing each message of a stream with {@code suffix}, gRPC style. */
    private Svc grpc(String suffix) throws Exception {
        return service("h2c", new HttpServerOptions().setHttp2ClearTextEnabled(true), req -> {
            var resp = req.response().putHeader("Content-Type", "application/grpc");
            req.handler(buf -> resp.write(buf.toString() + suffix));
            req.endHandler(v -> {
                resp.trailers().add("grpc-status", "0");
                resp.end();
            });
        });
    }

    /**
     * One gRPC-style bidirectional stream over h2c to {@code host}: {@code rounds} messages, each sent after the
     * previous echo came back (the pod answers every message as it arrives, so nothing may be buffered in between).
     *
     * @return the first echo
     */
    private String grpcStream(String host, int rounds) throws Exception {
        HttpClient h2 = gw.vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        StringBuffer received = new StringBuffer();
        CompletableFuture<String> status = new CompletableFuture<>();
        HttpClientRequest req = OnContext.call(gw.vertx, () -> h2.request(new RequestOptions()
                .setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gw.bound.externalHttp())
                .setURI("/ping.PingService/PingStream").putHeader("Content-Type", "application/grpc")
                .putHeader("TE", "trailers")).map(r -> {
                    r.authority(HostAndPort.create(host, 80));
                    r.setChunked(true);
                    r.response().onSuccess(resp -> {
                        resp.handler(b -> received.append(b.toString()));
                        resp.endHandler(v -> status.complete(resp.trailers().get("grpc-status")));
                    }).onFailure(status::completeExceptionally);
                    return r;
                })).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String first = null;
        for (int i = 0; i < rounds; i++) {
            String msg = "ping-" + i;
            int before = received.length();
            gw.vertx.runOnContext(v -> req.write(Buffer.buffer(msg)));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.length() > before
                    && received.indexOf(msg, before) == before && received.length() > before + msg.length());
            String echo = received.substring(before);
            if (first == null) {
                first = echo;
            }
            // every message of a stream is echoed by the same pod, with its suffix
            assertThat(echo).isEqualTo(msg + first.substring("ping-0".length()));
        }
        gw.vertx.runOnContext(v -> req.end());
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo("0");
        h2.close();
        return first;
    }

    /** grpc.go TestGRPC: a streaming gRPC round trip, 100 messages, through the gateway. */
    @Test
    void testGRPC() throws Exception {
        start();
        Svc svc = grpc("- pong");
        createIngressReady("grpc", rule("ExternalIP", List.of(svc.name() + ".example.com"), path(split(svc))));

        assertThat(grpcStream(svc.name() + ".example.com", 100)).isEqualTo("ping-0- pong");
    }

    /** grpc.go TestGRPCSplit: two gRPC backends at 50% each; streams reach both, each staying on its pod. */
    @Test
    void testGRPCSplit() throws Exception {
        start();
        Svc a = grpc("- a");
        Svc b = grpc("- b");
        String host = "grpc-split.example.com";
        createIngressReady("grpc-split", rule("ExternalIP", List.of(host), path(split(a, 50, Map.of()),
                split(b, 50, Map.of()))));

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100 && seen.size() < 2; i++) {
            seen.add(grpcStream(host, 11));
        }
        assertThat(seen).containsExactlyInAnyOrder("ping-0- a", "ping-0- b");
    }

    // ---- headers.go ----

    /** headers.go TestPreSplitSetHeaders: a path's appendHeaders are set (replacing a client's value). */
    @Test
    void testPreSplitSetHeaders() throws Exception {
        start();
        Svc svc = runtime("http");
        String host = svc.name() + ".example.com";
        createIngressReady("pre", rule("ExternalIP", List.of(host), path(split(svc))
                .put("appendHeaders", new JsonObject().put("Foo-Bar-Baz", svc.name()))));

        assertThat(runtimeRequest(host).header("Foo-Bar-Baz")).isEqualTo(svc.name());
        Seen withHeader = runtimeRequest(host, "/", Map.of("Foo-Bar-Baz", "bogus"));
        assertThat(withHeader.headers().stream().filter(e -> e.getKey().equalsIgnoreCase("Foo-Bar-Baz")))
                .hasSize(1);
        assertThat(withHeader.header("Foo-Bar-Baz")).isEqualTo(svc.name());
    }

    /** headers.go TestPostSplitSetHeaders: each of 4 splits (25%) sets its own header; 100 requests see all 4. */
    @Test
    void testPostSplitSetHeaders() throws Exception {
        start();
        List<JsonObject> splits = new ArrayList<>();
        Set<String> want = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Svc svc = runtime("http");
            splits.add(split(svc, 25, Map.of("Foo-Bar-Baz", svc.name())));
            want.add(svc.name());
        }
        String host = "post.example.com";
        createIngressReady("post", rule("ExternalIP", List.of(host), path(splits.toArray(JsonObject[]::new))));

        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Foo-Bar-Baz", "bogus"))) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 100 && !seen.equals(want); i++) {
                seen.add(runtimeRequest(host, "/", headers).header("Foo-Bar-Baz"));
            }
            assertThat(seen).isEqualTo(want);
        }
    }

    /** headers.go TestTagHeaders: a path matching {@code Knative-Serving-Tag} exactly, else the default path. */
    @Test
    void testTagHeaders() throws Exception {
        start();
        Svc svc = runtime("http");
        String host = svc.name() + ".example.com";
        createIngressReady("tags", rule("ExternalIP", List.of(host),
                path(split(svc)).put("headers", new JsonObject().put("Knative-Serving-Tag",
                        new JsonObject().put("exact", "the-tag"))).put("appendHeaders",
                        new JsonObject().put("Which-Backend", "tag")),
                path(split(svc)).put("appendHeaders", new JsonObject().put("Which-Backend", "no-tag"))));

        assertThat(runtimeRequest(host, "/", Map.of("Knative-Serving-Tag", "the-tag")).header("Which-Backend"))
                .isEqualTo("tag");
        assertThat(runtimeRequest(host).header("Which-Backend")).isEqualTo("no-tag");
        assertThat(runtimeRequest(host, "/", Map.of("Knative-Serving-Tag", "")).header("Which-Backend"))
                .isEqualTo("no-tag");
        assertThat(runtimeRequest(host, "/", Map.of("Knative-Serving-Tag", "not-the-tag")).header("Which-Backend"))
                .isEqualTo("no-tag");
    }

    /**
     * headers.go TestProbeHeaders, qnative's way (docs/ingress-conformance.md): Knative's contract forwards a
     * {@code K-Network-Probe} request to the pod with {@code K-Network-Hash} overwritten by the KIngress's hash;
     * qnative's gateway answers the probe itself with the generation of the KIngress it has loaded, whatever hash
     * the prober sent, and the pod never sees it.
     */
    @Test
    void testProbeHeaders() throws Exception {
        start();
        AtomicInteger podRequests = new AtomicInteger();
        Svc svc = service("http", new HttpServerOptions(), req -> {
            podRequests.incrementAndGet();
            runtimeAnswer(req);
        });
        String host = svc.name() + ".example.com";
        Ingress ing = createIngressReady("probe", rule("ExternalIP", List.of(host), path(split(svc))));
        String generation = Long.toString(ing.getMetadata().getGeneration());

        for (String hash : List.of("override", "0123abcd", generation)) {
            RequestOptions o = new RequestOptions().setPort(gw.bound.externalHttp()).setURI("/")
                    .putHeader("Host", host).putHeader("K-Network-Probe", "probe").putHeader("K-Network-Hash", hash);
            String got = OnContext.call(gw.vertx, () -> client.request(o).compose(r -> r.send()
                    .map(q -> q.statusCode() + " " + q.getHeader("K-Network-Hash"))))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(got).isEqualTo("200 " + generation);
        }
        assertThat(podRequests).hasValue(0);
    }

    // ---- hosts.go ----

    /** hosts.go TestMultipleHosts: one rule with four hosts; each is served. */
    @Test
    void testMultipleHosts() throws Exception {
        start();
        Svc svc = runtime("http");
        List<String> hosts = List.of("foo.com", "www.foo.com", "a-b-1.something-really-really-long.knative.dev",
                "add.your.interesting.domain.here.io").stream().map(h -> svc.name() + "." + h).toList();
        createIngressReady("hosts", rule("ExternalIP", hosts, path(split(svc))));

        for (String host : hosts) {
            assertThat(runtimeRequest(host).host()).isEqualTo(host);
        }
    }

    // ---- path.go ----

    private static JsonObject which(Svc svc, int percent) {
        return split(svc, percent, Map.of("Which-Backend", svc.name()));
    }

    /** path.go TestPath: /foo, /bar, /baz to their own Services, anything else to the default path. */
    @Test
    void testPath() throws Exception {
        start();
        Svc foo = runtime("http");
        Svc bar = runtime("http");
        Svc baz = runtime("http");
        Svc main = runtime("http");
        String host = main.name() + ".example.com";
        createIngressReady("path", rule("ExternalIP", List.of(host), path(which(foo, 100)).put("path", "/foo"),
                path(which(bar, 100)).put("path", "/bar"), path(which(baz, 100)).put("path", "/baz"),
                path(which(main, 100))));

        Map<String, String> cases = Map.of("/foo", foo.name(), "/bar", bar.name(), "/baz", baz.name(),
                "", main.name(), "/asdf", main.name());
        for (var c : cases.entrySet()) {
            assertThat(runtimeRequest(host, c.getKey(), Map.of()).header("Which-Backend")).as(c.getKey())
                    .isEqualTo(c.getValue());
        }
    }

    /** path.go TestPathAndPercentageSplit: /foo split 50/50; 1,000 requests, each half within ±15%. */
    @Test
    void testPathAndPercentageSplit() throws Exception {
        start();
        Svc foo = runtime("http");
        Svc bar = runtime("http");
        Svc main = runtime("http");
        String host = main.name() + ".example.com";
        createIngressReady("path-pct", rule("ExternalIP", List.of(host),
                path(which(foo, 50), which(bar, 50)).put("path", "/foo"), path(which(main, 100))));

        Map<String, Integer> got = count(requests(host, "/foo", 1000, "Which-Backend"));

        assertThat(got.keySet()).containsExactlyInAnyOrder(foo.name(), bar.name());
        got.values().forEach(v -> assertThat((double) v).isCloseTo(500, within(150.0)));
    }

    private static Map<String, Integer> count(List<String> values) {
        Map<String, Integer> out = new LinkedHashMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    // ---- percentage.go ----

    /**
     * The suite's ten splits: 1, 2, 4, 8, 16, 32, 37 and then 0% three times (their percent omitted, as Knative's
     * client writes a zero), each appending {@code Foo-Bar-Baz: <its Service>}.
     */
    private Map<String, Integer> doublingSplits(List<JsonObject> splits) throws Exception {
        Map<String, Integer> weights = new LinkedHashMap<>();
        int percent = 1;
        int total = 0;
        for (int i = 0; i < 10; i++) {
            Svc svc = runtime("http");
            splits.add(split(svc, percent, Map.of("Foo-Bar-Baz", svc.name())));
            weights.put(svc.name(), percent);
            total += percent;
            percent *= 2;
            if (total + percent > 100) {
                percent = 100 - total;
            }
        }
        return weights;
    }

    /** 1,000 requests to {@code host}: each split within 10 points of its percent, a 0% split never reached. */
    private void assertPercentages(String host, Map<String, Integer> weights) throws Exception {
        Map<String, Integer> seen = count(requests(host, "/", 1000, "Foo-Bar-Baz"));
        for (var w : weights.entrySet()) {
            double got = seen.getOrDefault(w.getKey(), 0) / 10.0;
            if (w.getValue() == 0) {
                assertThat(got).as("0%% target %s", w.getKey()).isZero();
            } else {
                assertThat(got).as("target %s", w.getKey()).isCloseTo(w.getValue(), within(10.0));
            }
        }
    }

    /** percentage.go TestPercentage: ten splits at doubling percents; 1,000 requests follow them. */
    @Test
    void testPercentage() throws Exception {
        start();
        List<JsonObject> splits = new ArrayList<>();
        Map<String, Integer> weights = doublingSplits(splits);
        String host = "percentage.example.com";
        createIngressReady("percentage", rule("ExternalIP", List.of(host), path(splits.toArray(JsonObject[]::new))));

        assertPercentages(host, weights);
    }

    /**
     * Not one of Knative's tests: TestPercentage's splits in reverse order, so the 0% splits (percent omitted) come
     * first, where reading a missing percent as 100 would send them everything.
     */
    @Test
    void percentageWithTheZeroSplitsListedFirst() throws Exception {
        start();
        List<JsonObject> splits = new ArrayList<>();
        Map<String, Integer> weights = doublingSplits(splits);
        java.util.Collections.reverse(splits);
        String host = "zero-first.example.com";
        createIngressReady("zero-first", rule("ExternalIP", List.of(host), path(splits.toArray(JsonObject[]::new))));

        assertPercentages(host, weights);
    }

    // ---- retry.go ----

    /** retry.go TestRetry: the gateway does not retry a failed answer; the pod fails its first request only. */
    @Test
    void testRetry() throws Exception {
        start();
        AtomicInteger calls = new AtomicInteger();
        Svc svc = service("http", new HttpServerOptions(), req -> req.response()
                .setStatusCode(calls.incrementAndGet() == 1 ? 503 : 200).end());
        String host = svc.name() + ".example.com";
        createIngressReady("retry", rule("ExternalIP", List.of(host), path(split(svc))));

        assertThat(send(gw.bound.externalHttp(), host, "/", Map.of()).status()).isNotEqualTo(200);
        assertThat(calls).hasValue(1);
        assertThat(send(gw.bound.externalHttp(), host, "/", Map.of()).status()).isEqualTo(200);
    }

    // ---- rewrite.go ----

    /**
     * rewrite.go TestRewriteHost: a cluster-local KIngress for a private host, an ExternalName Service of that name
     * pointing at the private load balancer, and a KIngress whose path rewrites two vanity hosts to the private host
     * with a split naming that ExternalName Service: both vanity hosts are served by the private KIngress's Service.
     */
    @Test
    void testRewriteHost() throws Exception {
        start();
        Svc svc = runtime("http");
        String privateService = "private-" + svc.name();
        String privateHost = privateService + "." + NS + ".svc.cluster.local";
        createIngressReady("private", rule("ClusterLocal", List.of(privateHost), path(split(svc))));
        gw.services.put(NS + "/" + privateService, new ServiceBuilder().withMetadata(new ObjectMetaBuilder()
                .withNamespace(NS).withName(privateService).build()).withNewSpec().withType("ExternalName")
                .withExternalName(Gateway.INTERNAL_SERVICE + ".knative-serving.svc.cluster.local").endSpec()
                .build());
        List<String> hosts = List.of(svc.name() + ".vanity.ismy.name", svc.name() + ".vanity.isalsomy.number");
        createIngressReady("vanity", rule("ExternalIP", hosts, path(split(new Svc(privateService, 80)))
                .put("rewriteHost", privateHost)));

        for (String host : hosts) {
            runtimeRequest(host);
        }
    }

    // ---- timeout.go ----

    /** timeout.go TestTimeout: "no timeout": a pod taking 25 s before its headers is answered 200. */
    @Test
    void testTimeout() throws Exception {
        start();
        Svc svc = service("http", new HttpServerOptions(), req -> gw.vertx.setTimer(25_000,
                t -> req.response().end("slow")));
        String host = svc.name() + ".example.com";
        createIngressReady("timeout", rule("ExternalIP", List.of(host), path(split(svc))));

        assertThat(send(gw.bound.externalHttp(), host, "/?initialTimeout=25000", Map.of()).status()).isEqualTo(200);
    }

    // ---- tls.go and httpoption.go ----

    private HttpClient httpsClient(CertificateBundle b) {
        return gw.vertx.createHttpClient(new HttpClientOptions().setSsl(true).setForceSni(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(b.caPem()))));
    }

    /** The KIngress's TLS blocks, loaded as the gateway's TLS Secret watch loads them. */
    private static void loadTls(SniCertificates certs, Ingress ing) {
        List<SniCertificates.Block> blocks = new ArrayList<>();
        ing.getSpec().getTls().forEach(t -> blocks.add(new SniCertificates.Block(t.getHosts(),
                t.getSecretNamespace(), t.getSecretName())));
        certs.putIngress(NS, ing.getMetadata().getName(), blocks);
    }

    private String httpsGet(HttpClient https, String host) throws Exception {
        return OnContext.call(gw.vertx, () -> https.request(new RequestOptions().setHost(host)
                .setPort(gw.bound.externalHttps()).setURI("/")
                .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(gw.bound.externalHttps(), "127.0.0.1")))
                .compose(r -> r.send().compose(q -> q.body().map(b -> q.statusCode() + " " + b))))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /**
     * A KIngress for {@code host} with {@code httpOption} and a TLS block naming a Secret with a certificate for the
     * host: HTTPS answers 200 with the certificate, plain HTTP answers {@code httpCode}.
     */
    private void checkHTTPOption(String httpOption, int httpCode) throws Exception {
        SniCertificates certs = new SniCertificates();
        String host = "tls-" + (httpOption.isEmpty() ? "default" : httpOption.toLowerCase(java.util.Locale.ROOT))
                + ".example.com";
        CertificateBundle b = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1), List.of(host), List.of());
        certs.putSecret(NS, "tls-secret", Map.of(KeyMaterial.TLS_CRT, b.certPem(), KeyMaterial.TLS_KEY,
                b.keyPem()));
        // the HTTPS listeners start with the gateway when it has a certificate to serve
        certs.putIngress(NS, "tls", List.of(new SniCertificates.Block(List.of(host), NS, "tls-secret")));
        start(certs);
        Svc svc = runtime("http");
        JsonObject spec = new JsonObject().put("tls", new JsonArray().add(new JsonObject()
                        .put("hosts", new JsonArray().add(host)).put("secretName", "tls-secret")
                        .put("secretNamespace", NS)))
                .put("rules", new JsonArray().add(rule("ExternalIP", List.of(host), path(split(svc)))));
        if (!httpOption.isEmpty()) {
            spec.put("httpOption", httpOption);
        }
        Ingress ing = apply(ingress("tls", spec));
        loadTls(certs, ing);

        String https = httpsGet(httpsClient(b), host);
        assertThat(https).startsWith("200 ");
        assertThat(new JsonObject(https.substring(4)).getString("host")).startsWith(host);
        assertThat(send(gw.bound.externalHttp(), host, "/", Map.of()).status()).isEqualTo(httpCode);
    }

    /** tls.go TestIngressTLS: a KIngress with a TLS block for its host is served over HTTPS with that certificate. */
    @Test
    void testIngressTLS() throws Exception {
        checkHTTPOption("", 200);
    }

    /** httpoption.go TestHTTPOption, "enabled": HTTPS and plain HTTP both answer 200. */
    @Test
    void testHTTPOptionEnabled() throws Exception {
        checkHTTPOption("Enabled", 200);
    }

    /** httpoption.go TestHTTPOption, "redirected": HTTPS answers 200, plain HTTP 301. */
    @Test
    void testHTTPOptionRedirected() throws Exception {
        checkHTTPOption("Redirected", 301);
    }

    // ---- update.go ----

    /**
     * update.go TestUpdate: a prober requests the host all along while the KIngress is updated ten times with a
     * new sentinel header (same Service), then ten times to a fresh Service, the previous one torn down after each
     * rollout. The first request after each update sees its sentinel; the prober never sees a failure.
     */
    @Test
    void testUpdate() throws Exception {
        start();
        String host = "update.example.com";
        List<Integer> podPorts = new ArrayList<>();
        Svc first = runtime("http");
        podPorts.add(podPort(first));
        createIngressReady("update", rule("ExternalIP", List.of(host), path(split(first, 0,
                Map.of("Who-Are-You", first.name())))));

        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger probes = new AtomicInteger();
        Thread prober = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Resp r = send(gw.bound.externalHttp(), host, "/", Map.of());
                    probes.incrementAndGet();
                    if (r.status() != 200) {
                        failures.add(r.status() + " " + r.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        prober.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> probes.get() > 0);
            for (int i = 0; i < 10; i++) {
                String sentinel = "sentinel-" + i;
                createIngressReady("update", rule("ExternalIP", List.of(host), path(split(first, 0,
                        Map.of("Who-Are-You", sentinel)))));
                assertThat(runtimeRequest(host).header("Who-Are-You")).isEqualTo(sentinel);
            }
            for (int i = 0; i < 10; i++) {
                String sentinel = "fresh-" + i;
                Svc next = runtime("http");
                podPorts.add(podPort(next));
                createIngressReady("update", rule("ExternalIP", List.of(host), path(split(next, 0,
                        Map.of("Who-Are-You", sentinel)))));
                assertThat(runtimeRequest(host).header("Who-Are-You")).isEqualTo(sentinel);
                // the previous pod is deleted as Kubernetes deletes it: it finishes what it is answering first
                int previous = podPorts.get(podPorts.size() - 2);
                await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.getOrDefault(previous,
                        new AtomicInteger()).get() <= 0);
                gw.closeBackend(previous);
            }
        } finally {
            stop.set(true);
            prober.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(probes.get()).isPositive();
    }

    private int podPort(Svc svc) {
        return gw.endpoints.get(NS + "/" + svc.name()).getSubsets().get(0).getPorts().get(0).getPort();
    }

    // ---- visibility.go ----

    /**
     * {@code CreateProxyService}: a pod that forwards every request to the gateway's cluster-local listener as
     * {@code target} (the suite's httpproxy image, reaching the private load balancer through an ExternalName
     * Service), answering what it got back.
     */
    private Svc proxy(String target) throws Exception {
        HttpClient toGateway = gw.vertx.createHttpClient();
        return service("", new HttpServerOptions(), req -> req.body().onSuccess(body -> toGateway.request(
                new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(gw.bound.internalHttp())
                        .setURI(req.uri()).putHeader("Host", target))
                .compose(up -> up.send(body).compose(resp -> resp.body().map(b -> {
                    req.response().setStatusCode(resp.statusCode()).end(b);
                    return b;
                }))).onFailure(t -> req.response().setStatusCode(502).end(t.toString()))));
    }

    /**
     * visibility.go TestVisibility: a ClusterLocal rule with the fqdn, {@code .svc} and shortest private hosts is
     * 404 on the public listener; each is reached through a public KIngress to a proxy in the cluster.
     */
    @Test
    void testVisibility() throws Exception {
        start();
        Svc svc = runtime("http");
        Map<String, String> privateHosts = Map.of("fqdn", "priv-fqdn." + NS + ".svc.cluster.local",
                "short", "priv-short." + NS + ".svc", "shortest", "priv-shortest." + NS);
        createIngressReady("private", rule("ClusterLocal", List.copyOf(privateHosts.values()), path(split(svc))));

        for (String privateHost : privateHosts.values()) {
            assertThat(send(gw.bound.externalHttp(), privateHost, "/", Map.of()).status()).as(privateHost)
                    .isEqualTo(404);
        }
        for (var e : privateHosts.entrySet()) {
            Svc proxy = proxy(e.getValue());
            String publicHost = e.getKey() + ".publicproxy.example.com";
            createIngressReady("public-" + e.getKey(), rule("ExternalIP", List.of(publicHost), path(split(proxy))));
            assertThat(runtimeRequest(publicHost).host()).isEqualTo(e.getValue());
        }
    }

    /** visibility.go TestVisibilitySplit: TestPercentage's splits behind a ClusterLocal host and a public proxy. */
    @Test
    void testVisibilitySplit() throws Exception {
        start();
        List<JsonObject> splits = new ArrayList<>();
        Map<String, Integer> weights = doublingSplits(splits);
        String privateHost = "vis-split." + NS + ".svc.cluster.local";
        createIngressReady("private", rule("ClusterLocal", List.of(privateHost),
                path(splits.toArray(JsonObject[]::new))));
        assertThat(send(gw.bound.externalHttp(), privateHost, "/", Map.of()).status()).isEqualTo(404);

        Svc proxy = proxy(privateHost);
        String publicHost = "vis-split.example.com";
        createIngressReady("public", rule("ExternalIP", List.of(publicHost), path(split(proxy))));

        assertPercentages(publicHost, weights);
    }

    /** visibility.go TestVisibilityPath: TestPath's paths behind a ClusterLocal host and a public proxy. */
    @Test
    void testVisibilityPath() throws Exception {
        start();
        Svc foo = runtime("http");
        Svc bar = runtime("http");
        Svc baz = runtime("http");
        Svc main = runtime("http");
        String privateHost = "vis-path." + NS + ".svc.cluster.local";
        createIngressReady("private", rule("ClusterLocal", List.of(privateHost),
                path(which(foo, 100)).put("path", "/foo"), path(which(bar, 100)).put("path", "/bar"),
                path(which(baz, 100)).put("path", "/baz"), path(which(main, 100))));
        for (String p : List.of("", "/foo", "/bar", "/baz")) {
            assertThat(send(gw.bound.externalHttp(), privateHost, p, Map.of()).status()).as(p).isEqualTo(404);
        }
        Svc proxy = proxy(privateHost);
        String publicHost = "vis-path.example.com";
        createIngressReady("public", rule("ExternalIP", List.of(publicHost), path(split(proxy))));

        Map<String, String> cases = Map.of("/foo", foo.name(), "/bar", bar.name(), "/baz", baz.name(),
                "", main.name(), "/asdf", main.name());
        for (var c : cases.entrySet()) {
            assertThat(runtimeRequest(publicHost, c.getKey(), Map.of()).header("Which-Backend")).as(c.getKey())
                    .isEqualTo(c.getValue());
        }
    }

    // ---- class.go ----

    /**
     * class.go TestIngressClass: a KIngress whose class annotation is nil, omitted, incorrect or empty is not
     * qnative's: the controller leaves it alone (IngressReconcilerIT checks no status is written) and its host is
     * not served.
     */
    @Test
    void testIngressClass() throws Exception {
        start();
        Svc svc = runtime("http");
        String host = svc.name() + ".example.com";
        List<Map<String, String>> annotations = new ArrayList<>();
        annotations.add(null);
        annotations.add(Map.of());
        annotations.add(Map.of(NetworkingKeys.INGRESS_CLASS, "incorrect"));
        annotations.add(Map.of(NetworkingKeys.INGRESS_CLASS, ""));
        for (Map<String, String> a : annotations) {
            Ingress ing = ingress("class", new JsonObject().put("rules", new JsonArray().add(rule("ExternalIP",
                    List.of(host), path(split(svc))))));
            ing.getMetadata().setAnnotations(a);
            assertThat(RoutingEntries.isQnativeClass(ing)).as(String.valueOf(a)).isFalse();
        }
        assertThat(send(gw.bound.externalHttp(), host, "/", Map.of()).status()).isEqualTo(404);
    }

    // ---- websocket.go ----

    /** {@code CreateWebsocketService}: a pod echoing each WebSocket message with {@code suffix}. */
    private Svc websocket(String suffix) throws Exception {
        return service("http", new HttpServerOptions(), req -> req.toWebSocket()
                .onSuccess(ws -> ws.textMessageHandler(m -> ws.writeTextMessage(m + " " + suffix))));
    }

    /** Dials {@code host}'s WebSocket and round-trips {@code messages}; returns the echoes. */
    private List<String> wsRoundTrips(String host, int messages) throws Exception {
        List<String> echoes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        var wsClient = gw.vertx.createWebSocketClient();
        OnContext.call(gw.vertx, () -> wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(gw.bound.externalHttp()).setURI("/").addHeader("Host", host)).map(ws -> {
                    AtomicInteger n = new AtomicInteger();
                    ws.textMessageHandler(m -> {
                        echoes.add(m);
                        if (n.incrementAndGet() == messages) {
                            ws.close();
                            done.complete(null);
                        } else {
                            ws.writeTextMessage("hello-" + n.get());
                        }
                    });
                    ws.writeTextMessage("hello-0");
                    return ws;
                })).onFailure(done::completeExceptionally);
        done.get(20, TimeUnit.SECONDS);
        wsClient.close();
        return echoes;
    }

    /** websocket.go TestWebsocket: 100 messages round-trip through one upgraded connection. */
    @Test
    void testWebsocket() throws Exception {
        start();
        Svc svc = websocket("- pong");
        String host = svc.name() + ".example.com";
        createIngressReady("ws", rule("ExternalIP", List.of(host), path(split(svc))));

        List<String> echoes = wsRoundTrips(host, 100);

        List<String> want = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            want.add("hello-" + i + " - pong");
        }
        assertThat(echoes).isEqualTo(want);
    }

    /**
     * websocket.go TestWebsocketSplit: two WebSocket backends at 50% each; connections reach both, and each
     * connection's further ten round trips stay on its backend.
     */
    @Test
    void testWebsocketSplit() throws Exception {
        start();
        Svc a = websocket("- a");
        Svc b = websocket("- b");
        String host = "ws-split.example.com";
        createIngressReady("ws-split", rule("ExternalIP", List.of(host), path(split(a, 50, Map.of()),
                split(b, 50, Map.of()))));

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100 && seen.size() < 2; i++) {
            List<String> echoes = wsRoundTrips(host, 11);
            String suffix = echoes.get(0).substring("hello-0 ".length());
            for (int j = 0; j < echoes.size(); j++) {
                assertThat(echoes.get(j)).isEqualTo("hello-" + j + " " + suffix);
            }
            seen.add(suffix);
        }
        assertThat(seen).containsExactlyInAnyOrder("- a", "- b");
    }
}
