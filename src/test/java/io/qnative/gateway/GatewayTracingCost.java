package io.qnative.gateway;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.qnative.gateway.activator.Activator;
import io.qnative.observability.TracingSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * What per-request tracing costs the gateway (bench/README.md): the {@link GatewayHarness} gateway, one backend, a
 * Zipkin v2 receiver that drops what it gets, and a closed-loop client of {@code args[1]} connections (default 32),
 * all in this JVM; each mode (tracing off, on at sampling 0, on at sampling 1) runs {@code args[0]} seconds (default
 * 10), the three interleaved over five rounds after a warm-up of twice that per mode. Prints requests per second and
 * the process's CPU time per request, each round's and the medians. A figure for the docs, not a test.
 */
public final class GatewayTracingCost {

    private static final int ROUNDS = 5;

    private GatewayTracingCost() {
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Vertx sideVertx = Vertx.vertx();
        int receiver = sideVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> req.body().onComplete(b -> req.response().setStatusCode(202).end()))
                .listen().toCompletionStage().toCompletableFuture().get().actualPort();
        AtomicReference<TracingSettings> settings = new AtomicReference<>(TracingSettings.OFF);
        AtomicReference<Sampler> sampler = new AtomicReference<>(Sampler.alwaysOff());
        String endpoint = "http://127.0.0.1:" + receiver + "/api/v2/spans";
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(new Sampler() {
            @Override
            public io.opentelemetry.sdk.trace.samplers.SamplingResult shouldSample(
                    io.opentelemetry.context.Context parent, String traceId, String name,
                    io.opentelemetry.api.trace.SpanKind kind, io.opentelemetry.api.common.Attributes attributes,
                    List<io.opentelemetry.sdk.trace.data.LinkData> links) {
                return sampler.get().shouldSample(parent, traceId, name, kind, attributes, links);
            }

            @Override
            public String getDescription() {
                return "switchable";
            }
        }).addSpanProcessor(BatchSpanProcessor.builder(ZipkinSpanExporter.builder()
                .setSender(URLConnectionSender.create(endpoint)).build()).build()).build();
        GatewayHarness gw = new GatewayHarness(Activator.Settings.DEFAULT, GatewayCertificates.NONE, 0,
                provider.get("qnative"), settings::get);
        int backend = gw.backend(req -> req.response().end("Hello World!\n"));
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", backend);
        gw.route("hello", "hello.ns.example.com", Map.of(), "hello-00001", 100);
        gw.awaitHealthy("hello-00001", 1);
        HttpClient client = sideVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));

        String[] modes = {"off", "sampling 0", "sampling 1"};
        Runnable[] switches = {
            () -> {
                settings.set(TracingSettings.OFF);
                sampler.set(Sampler.alwaysOff());
            },
            () -> {
                settings.set(new TracingSettings(Optional.of(endpoint), 0));
                sampler.set(Sampler.parentBased(Sampler.traceIdRatioBased(0)));
            },
            () -> {
                settings.set(new TracingSettings(Optional.of(endpoint), 1));
                sampler.set(Sampler.parentBased(Sampler.traceIdRatioBased(1)));
            }};
        for (int m = 0; m < modes.length; m++) {
            switches[m].run();
            run(client, connections, 2 * seconds);
        }
        double[][] rps = new double[3][ROUNDS];
        double[][] cpu = new double[3][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int m = 0; m < modes.length; m++) {
                switches[m].run();
                double[] r = run(client, connections, seconds);
                rps[m][round] = r[0];
                cpu[m][round] = r[1];
                System.out.printf("round %d, %-10s: %,.0f req/s, %.1f µs CPU/request%n", round + 1, modes[m], r[0],
                        r[1]);
            }
        }
        for (int m = 0; m < modes.length; m++) {
            System.out.printf("median %-10s: %,.0f req/s, %.1f µs CPU/request (process: gateway, client, "
                    + "backend)%n", modes[m], median(rps[m]), median(cpu[m]));
        }
        provider.shutdown().join(10, TimeUnit.SECONDS);
        gw.close();
        sideVertx.close();
    }

    /** A closed loop of {@code connections} requests for {@code seconds}: {req/s, µs of process CPU per request}. */
    private static double[] run(HttpClient client, int connections, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(connections);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            loop(client, done, end, finished);
        }
        finished.await();
        long elapsed = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return new double[] {done.get() * 1e9 / elapsed, cpu / 1e3 / Math.max(1, done.get())};
    }

    private static void loop(HttpClient client, AtomicLong done, long end, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/").putHeader("Host",
                "hello.ns.example.com")).compose(r -> r.send()).compose(r -> r.body()).onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.incrementAndGet();
                    }
                    loop(client, done, end, finished);
                });
    }
}
