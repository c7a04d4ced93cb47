package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's readiness probes against real servers on loopback: gRPC health over h2c, HTTPS, HTTP, TCP. */
class PodProberTest {

    /** Generous: a first TLS handshake in a cold JVM on a busy 2-core machine takes seconds. */
    private static final long TIMEOUT_MS = 30_000;

    /** One self-signed certificate for every HTTPS server here (generating a key takes seconds on a busy machine). */
    private static SelfSignedCertificate cert;
    private Vertx vertx;
    private HttpClient http1;
    private PodProber prober;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** What the servers saw: one entry per request. */
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.create("pod.invalid");
    }

    @AfterAll
    static void deleteCertificate() {
        cert.delete();
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        http1 = vertx.createHttpClient(new HttpClientOptions());
        prober = new PodProber(vertx, http1);
    }

    @AfterEach
    void tearDown() throws Exception {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private int serve(HttpServerOptions options, Handler<HttpServerRequest> handler) throws Exception {
        HttpServer s = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(handler);
        servers.add(s);
        return s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private boolean probe(int userPort, Probe probe) throws Exception {
        return prober.probe("127.0.0.1", userPort, probe, TIMEOUT_MS).toCompletionStage().toCompletableFuture()
                .get(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether one of three probes passes: the gateway repeats a pod's probe every 50-200 ms until one passes
     * (PodProbing), so a pod is healthy when a probe passes, not when the first one does. One CI run saw the first
     * gRPC probe of a fresh h2c connection fail at once against a serving test server (not reproduced in later runs,
     * cause unknown); a prober that cannot speak gRPC fails all three.
     */
    private boolean probeRepeated(int userPort, Probe probe) throws Exception {
        for (int i = 0; i < 3; i++) {
            if (probe(userPort, probe)) {
                return true;
            }
        }
        return false;
    }

    // ---- gRPC

    /**
     * A gRPC health server as grpc-go's health package answers: {@code statuses} maps a service name to its
     * ServingStatus, an unknown name is NOT_FOUND (5), another method UNIMPLEMENTED (12).
     */
    private int grpcHealthServer(Map<String, Integer> statuses) throws Exception {
        return serve(new HttpServerOptions(), req -> req.body().onSuccess(body -> {
            seen.add(Map.of("version", req.version().name(), "path", req.path(),
                    "content-type", String.valueOf(req.getHeader("content-type")),
                    "te", String.valueOf(req.getHeader("te")),
                    "user-agent", String.valueOf(req.getHeader("user-agent")),
                    "service", requestedService(body)));
            var resp = req.response().putHeader("content-type", "application/grpc");
            if (!PodProber.GRPC_HEALTH_CHECK.equals(req.path())) {
                resp.putHeader("grpc-status", "12").end();
                return;
            }
            Integer status = statuses.get(requestedService(body));
            if (status == null) {
                resp.putHeader("grpc-status", "5").putHeader("grpc-message", "unknown service").end();
                return;
            }
            Buffer message = Buffer.buffer().appendByte((byte) 0x08).appendByte(status.byteValue());
            resp.write(Buffer.buffer().appendByte((byte) 0).appendInt(message.length()).appendBuffer(message));
            resp.putTrailer("grpc-status", "0").end();
        }));
    }

    /** The service field of a HealthCheckRequest frame, decoded independently of the prober. */
    private static String requestedService(Buffer frame) {
        if (frame.length() <= 5) {
            return "";
        }
        // 0x0a, one-byte length (names here are short), UTF-8
        int n = frame.getByte(6);
        return frame.getString(7, 7 + n);
    }

    private static Probe grpcProbe(Integer port, String service) {
        return new ProbeBuilder().withNewGrpc().withPort(port).withService(service).endGrpc().build();
    }

    @Test
    void grpcProbePassesWhenTheServiceIsServing() throws Exception {
        int port = grpcHealthServer(Map.of("", 1, "shop.Cart", 1));
        assertThat(probeRepeated(port, grpcProbe(port, "shop.Cart"))).isTrue();
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).containsEntry("version", HttpVersion.HTTP_2.name())
                .containsEntry("path", "/grpc.health.v1.Health/Check")
                .containsEntry("content-type", "application/grpc").containsEntry("te", "trailers")
                .containsEntry("user-agent", PodProber.USER_AGENT).containsEntry("service", "shop.Cart");
    }

    @Test
    void grpcProbeWithoutServiceAsksForTheServerAndUsesTheUserPortForPortZero() throws Exception {
        int port = grpcHealthServer(Map.of("", 1));
        assertThat(probeRepeated(port, grpcProbe(0, null))).isTrue();
        assertThat(seen.get(seen.size() - 1)).containsEntry("service", "");
    }

    @Test
    void grpcProbeFailsWhenNotServingUnknownOrServiceUnknown() throws Exception {
        int port = grpcHealthServer(Map.of("", 2, "a", 0, "b", 3));
        assertThat(probe(port, grpcProbe(port, ""))).as("NOT_SERVING").isFalse();
        assertThat(probe(port, grpcProbe(port, "a"))).as("UNKNOWN").isFalse();
        assertThat(probe(port, grpcProbe(port, "b"))).as("SERVICE_UNKNOWN").isFalse();
        assertThat(probe(port, grpcProbe(port, "missing"))).as("grpc-status NOT_FOUND").isFalse();
    }

    @Test
    void grpcProbeFailsWhenTheCallFails() throws Exception {
        // a non-zero grpc-status in the trailers even though a SERVING message came first
        int failing = serve(new HttpServerOptions(), req -> req.body().onSuccess(b -> {
            var resp = req.response().putHeader("content-type", "application/grpc");
            resp.write(Buffer.buffer(HexFormat.of().parseHex("00000000020801")));
            resp.putTrailer("grpc-status", "14").end();
        }));
        assertThat(probe(failing, grpcProbe(failing, ""))).isFalse();
        // an HTTP error status
        int http500 = serve(new HttpServerOptions(), req -> req.response().setStatusCode(500).end());
        assertThat(probe(http500, grpcProbe(http500, ""))).isFalse();
        // an HTTP/1.1-only server (no h2c)
        int http1Only = serve(new HttpServerOptions().setHttp2ClearTextEnabled(false),
                req -> req.response().end("ok"));
        assertThat(probe(http1Only, grpcProbe(http1Only, ""))).isFalse();
        // nothing listening
        int closed = serve(new HttpServerOptions(), req -> req.response().end());
        servers.get(servers.size() - 1).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(probe(closed, grpcProbe(closed, ""))).isFalse();
    }

    @Test
    void grpcServingOnAnotherPortThanTheUserPort() throws Exception {
        int grpc = grpcHealthServer(Map.of("", 1));
        int user = serve(new HttpServerOptions(), req -> req.response().end());
        assertThat(probeRepeated(user, grpcProbe(grpc, ""))).isTrue();
    }

    @Test
    void healthCheckRequestIsTheProtobufEncodingInAGrpcFrame() {
        assertThat(HexFormat.of().formatHex(PodProber.healthCheckRequest("").getBytes())).isEqualTo("0000000000");
        assertThat(HexFormat.of().formatHex(PodProber.healthCheckRequest(null).getBytes())).isEqualTo("0000000000");
        assertThat(HexFormat.of().formatHex(PodProber.healthCheckRequest("ab").getBytes()))
                .isEqualTo("00000000040a026162");
        // a name of 200 bytes needs a two-byte varint length: 200 = 0xc8 0x01
        Buffer long200 = PodProber.healthCheckRequest("x".repeat(200));
        assertThat(long200.getUnsignedInt(1)).isEqualTo(203);
        assertThat(HexFormat.of().formatHex(long200.getBytes(5, 8))).isEqualTo("0ac801");
    }

    @Test
    void healthStatusReadsFieldOneAndSkipsOthers() {
        assertThat(PodProber.healthStatus(hex("00000000020801"))).isEqualTo(1);
        assertThat(PodProber.healthStatus(hex("00000000020802"))).isEqualTo(2);
        // empty message: protobuf's default, UNKNOWN
        assertThat(PodProber.healthStatus(hex("0000000000"))).isZero();
        // unknown fields before it: a string (field 2), a fixed64 (field 3), a fixed32 (field 4), a varint (5)
        assertThat(PodProber.healthStatus(hex("0000000017" + "12026869" + "190102030405060708" + "2501020304"
                + "28ff01" + "0801"))).isEqualTo(1);
        // compressed, truncated or malformed
        assertThat(PodProber.healthStatus(hex("01000000020801"))).isEqualTo(-1);
        assertThat(PodProber.healthStatus(hex("000000000508"))).isEqualTo(-1);
        assertThat(PodProber.healthStatus(hex("00000000020880"))).isEqualTo(-1);
        assertThat(PodProber.healthStatus(hex("0000000002120a"))).isEqualTo(-1);
        assertThat(PodProber.healthStatus(hex("0000"))).isEqualTo(-1);
    }

    private static Buffer hex(String s) {
        return Buffer.buffer(HexFormat.of().parseHex(s));
    }

    // ---- HTTP and HTTPS

    private Handler<HttpServerRequest> recording(int status) {
        return req -> {
            seen.add(Map.of("ssl", String.valueOf(req.isSSL()), "host", String.valueOf(req.authority()),
                    "path", req.path(), "user-agent", String.valueOf(req.getHeader("user-agent")),
                    "x-probe", String.valueOf(req.getHeader("x-probe"))));
            req.response().setStatusCode(status).end();
        };
    }

    private static Probe httpProbe(String scheme, int port, Map<String, String> headers) {
        var get = new HTTPGetActionBuilder().withScheme(scheme).withPath("/ready").withPort(new IntOrString(port));
        headers.forEach((k, v) -> get.addNewHttpHeader().withName(k).withValue(v).endHttpHeader());
        return new ProbeBuilder().withHttpGet(get.build()).build();
    }

    private int httpsServer(int status) throws Exception {
        return serve(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()),
                recording(status));
    }

    @Test
    void httpsProbeSpeaksTlsWithoutVerifyingTheCertificate() throws Exception {
        int port = httpsServer(204);
        assertThat(probe(port, httpProbe("HTTPS", port, Map.of("Host", "app.example", "X-Probe", "yes"))))
                .isTrue();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsEntry("ssl", "true").containsEntry("path", "/ready")
                .containsEntry("user-agent", PodProber.USER_AGENT).containsEntry("x-probe", "yes");
        assertThat(seen.get(0).get("host")).startsWith("app.example");
    }

    /** An IPv6 pod is dialled on its address and sent a bracketed Host, as the kubelet sends it. */
    @Test
    void anIpv6PodGetsABracketedHost() throws Exception {
        HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost("::1").setPort(0)).requestHandler(req -> {
            seen.add(Map.of("host", String.valueOf(req.getHeader("Host"))));
            req.response().end();
        });
        servers.add(s);
        int port = s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

        boolean passed = prober.probe("::1", port, httpProbe(null, port, Map.of()), TIMEOUT_MS)
                .toCompletionStage().toCompletableFuture().get(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);

        assertThat(passed).isTrue();
        assertThat(seen).containsExactly(Map.of("host", "[::1]:" + port));
    }

    @Test
    void schemeIsCaseInsensitiveAndHttpsStatusCounts() throws Exception {
        int ok = httpsServer(302);
        assertThat(probe(ok, httpProbe("https", ok, Map.of()))).isTrue();
        int failing = httpsServer(503);
        assertThat(probe(failing, httpProbe("HTTPS", failing, Map.of()))).isFalse();
    }

    @Test
    void schemeMustMatchTheServer() throws Exception {
        int tls = httpsServer(200);
        assertThat(probe(tls, httpProbe("HTTP", tls, Map.of()))).as("plain HTTP to a TLS port").isFalse();
        int plain = serve(new HttpServerOptions(), recording(200));
        assertThat(probe(plain, httpProbe("HTTPS", plain, Map.of()))).as("TLS to a plain port").isFalse();
        assertThat(probe(plain, httpProbe(null, plain, Map.of()))).as("no scheme is HTTP").isTrue();
    }

    @Test
    void httpProbeSendsTheHostHeaderAndHeadersOfTheProbe() throws Exception {
        int port = serve(new HttpServerOptions(), recording(200));
        assertThat(probe(port, httpProbe("HTTP", port, Map.of("Host", "app.example", "X-Probe", "1")))).isTrue();
        assertThat(seen.get(0)).containsEntry("ssl", "false").containsEntry("x-probe", "1");
        assertThat(seen.get(0).get("host")).startsWith("app.example");
        int failing = serve(new HttpServerOptions(), recording(404));
        assertThat(probe(failing, httpProbe("HTTP", failing, Map.of()))).isFalse();
    }

    // ---- TCP

    @Test
    void tcpProbeConnects() throws Exception {
        int port = serve(new HttpServerOptions(), req -> req.response().end());
        assertThat(probe(port, null)).isTrue();
        assertThat(probe(port, new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(0)).endTcpSocket()
                .build())).isTrue();
    }

    @Test
    void tcpProbeFailsOnAPortNobodyListensOn() throws Exception {
        // a socket bound and never listening holds the port, so the connection is refused whatever else runs in this
        // JVM (a closed server's port may still accept for a moment while its listener is torn down, or be taken by
        // another test's server)
        try (java.net.Socket reserved = new java.net.Socket()) {
            reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            assertThat(probe(reserved.getLocalPort(), null)).isFalse();
        }
    }

    // ---- named ports

    private boolean probe(int userPort, Probe probe, List<ContainerPort> ports) throws Exception {
        return prober.probe("127.0.0.1", userPort, probe, ports, TIMEOUT_MS).toCompletionStage()
                .toCompletableFuture().get(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void namedHttpAndTcpPortsAreLookedUpAmongTheContainerPorts() throws Exception {
        int web = serve(new HttpServerOptions(), recording(200));
        List<ContainerPort> ports = List.of(new ContainerPortBuilder().withName("web").withContainerPort(web).build());
        // the user port given here refuses connections: a pass means the name was resolved to the web port
        try (java.net.Socket reserved = new java.net.Socket()) {
            reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int refused = reserved.getLocalPort();
            Probe named = new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString("web"))
                    .endHttpGet().build();
            assertThat(probe(refused, named, ports)).as("httpGet port web").isTrue();
            assertThat(seen).hasSize(1);
            assertThat(probe(refused, new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("web"))
                    .endTcpSocket().build(), ports)).as("tcpSocket port web").isTrue();
            assertThat(probe(refused, named, List.of())).as("no port carries the name: the user port").isFalse();
        }
    }

    @Test
    void aNameNoPortCarriesIsTheUserPortAsTheQueueProxyProbesIt() throws Exception {
        int user = serve(new HttpServerOptions(), recording(200));
        List<ContainerPort> ports = List.of(new ContainerPortBuilder().withContainerPort(user).build());
        assertThat(probe(user, new ProbeBuilder().withNewHttpGet().withPort(new IntOrString("http")).endHttpGet()
                .build(), ports)).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void probePortResolution() {
        List<ContainerPort> ports = List.of(new ContainerPortBuilder().withName("a").withContainerPort(81).build(),
                new ContainerPortBuilder().withName("b").withContainerPort(82).build());
        assertThat(PodProber.port(null, 8080, ports)).isEqualTo(8080);
        assertThat(PodProber.port(new IntOrString(0), 8080, ports)).isEqualTo(8080);
        assertThat(PodProber.port(new IntOrString(9000), 8080, ports)).isEqualTo(9000);
        assertThat(PodProber.port(new IntOrString("b"), 8080, ports)).isEqualTo(82);
        assertThat(PodProber.port(new IntOrString("c"), 8080, ports)).isEqualTo(8080);
        assertThat(PodProber.port(new IntOrString("a"), 8080, null)).isEqualTo(8080);
    }
}
