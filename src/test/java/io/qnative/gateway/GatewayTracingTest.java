package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.qnative.gateway.activator.Activator;
import io.qnative.observability.TracingSettings;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Per-request spans on the real gateway (listeners, routing, proxy to a backend "pod" on loopback), exported by the
 * real Zipkin exporter to a Zipkin v2 receiver this test runs (a Vert.x server collecting the POSTed spans): the
 * span continues the client's W3C or B3 context, and the pod gets the trace with the gateway's span as its parent.
 */
class GatewayTracingTest {

    private static final String HOST = "hello.ns.example.com";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private final AtomicReference<TracingSettings> settings = new AtomicReference<>(TracingSettings.OFF);
    private final AtomicReference<Sampler> sampler = new AtomicReference<>(Sampler.alwaysOff());
    private final AtomicInteger spansBuilt = new AtomicInteger();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<MultiMap> podSaw = new CopyOnWriteArrayList<>();
    private SdkTracerProvider provider;
    private HttpServer zipkin;
    private GatewayHarness gw;
    private HttpClient client;
    private String endpoint;
    private io.vertx.core.Vertx zipkinVertx;

    @BeforeEach
    void start() throws Exception {
        io.vertx.core.Vertx receiverVertx = io.vertx.core.Vertx.vertx();
        zipkin = receiverVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setDecompressionSupported(true)).requestHandler(req -> req.body().onSuccess(body -> {
                    if (req.method() == HttpMethod.POST && req.path().equals("/api/v2/spans")) {
                        new JsonArray(body).forEach(s -> received.add((JsonObject) s));
                    }
                    req.response().setStatusCode(202).end();
                }));
        int port = zipkin.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        endpoint = "http://127.0.0.1:" + port + "/api/v2/spans";
        provider = SdkTracerProvider.builder()
                .setSampler(new io.opentelemetry.sdk.trace.samplers.Sampler() {
                    @Override
                    public io.opentelemetry.sdk.trace.samplers.SamplingResult shouldSample(
                            io.opentelemetry.context.Context parent, String traceId, String name,
                            io.opentelemetry.api.trace.SpanKind kind,
                            io.opentelemetry.api.common.Attributes attributes,
                            List<io.opentelemetry.sdk.trace.data.LinkData> links) {
                        return sampler.get().shouldSample(parent, traceId, name, kind, attributes, links);
                    }

                    @Override
                    public String getDescription() {
                        return "switchable";
                    }
                })
                // batched off the event loops, as Quarkus exports (quarkus.otel.bsp.*)
                .addSpanProcessor(BatchSpanProcessor.builder(ZipkinSpanExporter.builder()
                        .setSender(URLConnectionSender.create(endpoint)).build())
                        .setScheduleDelay(Duration.ofMillis(50)).build())
                .build();
        Tracer real = provider.get("qnative");
        Tracer counting = name -> {
            spansBuilt.incrementAndGet();
            return real.spanBuilder(name);
        };
        gw = new GatewayHarness(Activator.Settings.DEFAULT, GatewayCertificates.NONE, 0, counting, settings::get);
        int pod = gw.backend(req -> {
            podSaw.add(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            req.response().end("traced");
        });
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        gw.route("hello", HOST, Map.of(), "hello-00001", 100);
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()));
        zipkinVertx = receiverVertx;
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        if (zipkinVertx != null) {
            zipkinVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Tracing on at the given rate, as {@link io.qnative.observability.Tracing#apply} switches it. */
    private void tracing(double rate) {
        settings.set(new TracingSettings(Optional.of(endpoint), rate));
        sampler.set(Sampler.parentBased(Sampler.traceIdRatioBased(rate)));
    }

    private MultiMap get(String path, Map<String, String> headers) throws Exception {
        int before = podSaw.size();
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Host", HOST);
        headers.forEach(o::putHeader);
        int status = client.request(o).compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode()))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(200);
        assertThat(podSaw).hasSize(before + 1);
        return podSaw.get(before);
    }

    private JsonObject awaitSpan(String traceId) {
        await("span of trace " + traceId + " at the Zipkin receiver").atMost(Duration.ofSeconds(30))
                .until(() -> received.stream().anyMatch(s -> traceId.equals(traceId(s))));
        return received.stream().filter(s -> traceId.equals(traceId(s))).findFirst().orElseThrow();
    }

    /** A received span's trace id as 32 hex digits (Zipkin writes a 128-bit id whose high half is 0 as 16). */
    private static String traceId(JsonObject span) {
        String id = span.getString("traceId");
        return id.length() == 16 ? "0000000000000000" + id : id;
    }

    @Test
    void continuesW3cTraceContextAndIsThePodsParent() throws Exception {
        tracing(1.0);
        MultiMap pod = get("/w3c?x=1", Map.of("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01",
                "tracestate", "vendor=1"));

        JsonObject span = awaitSpan(TRACE);
        assertThat(span.getString("parentId")).isEqualTo(CLIENT_SPAN);
        assertThat(span.getString("kind")).isEqualTo("SERVER");
        assertThat(span.getString("name")).isEqualTo(TraceStep.SPAN_NAME);
        JsonObject tags = span.getJsonObject("tags");
        assertThat(tags.getString("http.request.method")).isEqualTo("GET");
        assertThat(tags.getString("server.address")).isEqualTo(HOST);
        assertThat(tags.getString("url.path")).isEqualTo("/w3c");
        assertThat(tags.getString("k8s.namespace.name")).isEqualTo(GatewayHarness.NS);
        assertThat(tags.getString("qnative.revision")).isEqualTo("hello-00001");
        assertThat(tags.getString("http.response.status_code")).isEqualTo("200");
        assertThat(tags.containsKey("error")).isFalse();

        String gatewaySpan = span.getString("id");
        assertThat(gatewaySpan).isNotEqualTo(CLIENT_SPAN);
        assertThat(pod.get("traceparent")).isEqualTo("00-" + TRACE + "-" + gatewaySpan + "-01");
        assertThat(pod.get("tracestate")).isEqualTo("vendor=1");
        assertThat(pod.get("X-B3-TraceId")).isEqualTo(TRACE);
        assertThat(pod.get("X-B3-SpanId")).isEqualTo(gatewaySpan);
        assertThat(pod.get("X-B3-Sampled")).isEqualTo("1");
    }

    @Test
    void continuesB3SingleAndMultiHeaders() throws Exception {
        tracing(1.0);
        MultiMap single = get("/b3", Map.of("b3", TRACE + "-" + CLIENT_SPAN + "-1"));
        JsonObject one = awaitSpan(TRACE);
        assertThat(one.getString("parentId")).isEqualTo(CLIENT_SPAN);
        assertThat(single.get("b3")).isEqualTo(TRACE + "-" + one.getString("id") + "-1");
        assertThat(single.get("traceparent")).isEqualTo("00-" + TRACE + "-" + one.getString("id") + "-01");
        assertThat(single.contains("X-B3-TraceId")).isFalse();

        // a 64-bit B3 trace id continues as the same trace, left-padded to 128 bits
        String shortTrace = "a3ce929d0e0e4736";
        MultiMap multi = get("/b3", Map.of("X-B3-TraceId", shortTrace, "X-B3-SpanId", CLIENT_SPAN,
                "X-B3-Sampled", "1"));
        JsonObject two = awaitSpan("0000000000000000" + shortTrace);
        assertThat(two.getString("parentId")).isEqualTo(CLIENT_SPAN);
        assertThat(multi.get("X-B3-TraceId")).isEqualTo("0000000000000000" + shortTrace);
        assertThat(multi.get("X-B3-SpanId")).isEqualTo(two.getString("id"));
        assertThat(multi.get("X-B3-Sampled")).isEqualTo("1");
    }

    @Test
    void samplingZeroBuildsNoSpanAndLeavesHeadersAloneButFollowsASampledClient() throws Exception {
        tracing(0.0);
        MultiMap plain = get("/zero", Map.of());
        assertThat(spansBuilt).as("spans built at sampling 0 without client context").hasValue(0);
        assertThat(plain.contains("traceparent")).isFalse();
        assertThat(plain.contains("X-B3-TraceId")).isFalse();

        settings.set(TracingSettings.OFF);
        sampler.set(Sampler.alwaysOff());
        MultiMap off = get("/off", Map.of("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01"));
        assertThat(spansBuilt).as("spans built with tracing off").hasValue(0);
        assertThat(off.get("traceparent")).as("passed on as sent").isEqualTo("00-" + TRACE + "-" + CLIENT_SPAN
                + "-01");

        // switched without a restart: at rate 0 a client's sampled trace is still followed
        tracing(0.0);
        String sampledTrace = "11111111111111111111111111111111";
        MultiMap followed = get("/followed", Map.of("traceparent", "00-" + sampledTrace + "-" + CLIENT_SPAN
                + "-01"));
        JsonObject span = awaitSpan(sampledTrace);
        assertThat(followed.get("traceparent")).isEqualTo("00-" + sampledTrace + "-" + span.getString("id")
                + "-01");
        // spans are exported in the order they ended: nothing earlier reached the receiver
        assertThat(received).extracting(GatewayTracingTest::traceId).containsExactly(sampledTrace);
    }

    @Test
    void aPodsServerErrorIsAnErrorSpan() throws Exception {
        tracing(1.0);
        int pod = gw.backend(req -> req.response().setStatusCode(503).end("down"));
        gw.revision("bad-00001", 0, 0, false);
        gw.pods("bad-00001", pod);
        gw.route("bad", "bad.ns.example.com", Map.of(), "bad-00001", 100);
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setURI("/").putHeader("Host",
                "bad.ns.example.com").putHeader("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01");
        int status = client.request(o).compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(503);
        JsonObject span = awaitSpan(TRACE);
        assertThat(span.getJsonObject("tags").getString("http.response.status_code")).isEqualTo("503");
        assertThat(span.getJsonObject("tags").getString("qnative.revision")).isEqualTo("bad-00001");
        assertThat(span.getJsonObject("tags").getString("error")).isEqualTo("status 503");
    }
}
