package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.qnative.testing.e2e.LocalCluster;
import io.qnative.testing.e2e.QnativeProcess;
import io.qnative.testing.e2e.SystemConfigMaps;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.nodeagent.SampleImages;
import io.qnative.testing.nodeagent.StandinApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS end to end on the local cluster (docs/tls.md, docs/certificates.md): with {@code external-domain-tls} on, a
 * ksvc's Route gets a Knative Certificate issued by qnative's built-in CA, and the gateway's external HTTPS listener
 * serves the ksvc's host with that certificate to a client that trusts only the CA published in the ConfigMap
 * {@code knative-serving/qnative-ca}; a name no KIngress holds fails the handshake; {@code http-protocol: Redirected}
 * answers plain HTTP with 301 to https (Knative's pkg/reconciler/route/resources/ingress.go sets the KIngress's
 * httpOption); certificates issued with a short validity are renewed and the next handshake gets the new one while a
 * request in flight on a connection opened before completes; with tracing on, a Zipkin v2 receiver gets the request's
 * span in the client's trace (the pod's parent) and the certificate spans. Also logs the time from ksvc Ready to
 * Certificate Ready over 20 ksvcs (a figure, not an assertion).
 */
@LocalCluster
class TlsE2E {

    private static final Duration READY = Duration.ofSeconds(180);
    private static final String DOMAIN = "tls-e2e.example.com";
    /** Serving certificates live 45 s and are renewed 30 s before expiry: a new one every 15 s. */
    private static final List<String> SHORT_CERTIFICATES = List.of("-Dqnative.certificates.validity=45s",
            "-Dqnative.certificates.renew-before=30s");
    private static QnativeProcess qnative;
    private static GatewayClient http;

    @BeforeAll
    static void start(ClusterSession cluster) throws Exception {
        qnative = QnativeProcess.start(cluster, "tls", SHORT_CERTIFICATES);
        http = new GatewayClient(4);
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (qnative != null) {
            qnative.close();
        }
    }

    @Test
    void aKsvcIsServedOverHttpsWithItsOwnCertificateRenewedUnderAnOpenRequest(KubernetesClient client,
            TestNamespace ns) throws Exception {
        withTls(client, Map.of(), () -> {
            create(client, ksvc(ns.name(), "secure"));
            String host = "secure." + ns.name() + "." + DOMAIN;
            Service ready = await("ksvc Ready on https").atMost(READY).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.resources(Service.class).inNamespace(ns.name()).withName("secure").get(),
                            s -> s != null && s.isReady() && ("https://" + host).equals(s.getStatus().getUrl()));
            assertThat(ready.getStatus().getUrl()).isEqualTo("https://" + host);
            Certificate cert = awaitCertificateReady(client, ns.name(), "secure");
            assertThat(cert.getSpec().getDnsNames()).containsExactly(host);

            String ca = caPem(client);
            SSLContext onlyCa = trusting(ca);
            int port = qnative.gatewayPorts().externalHttps();
            await("gateway serves " + host + " over https").atMost(READY).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().untilAsserted(() -> assertThat(get(onlyCa, port, host, "/"))
                            .startsWith("HTTP/1.1 200").contains("Hello World!\n"));
            curlWhenInstalled(client, port, host);

            X509Certificate served = handshake(onlyCa, port, host, s -> { });
            assertThat(sans(served)).containsExactly(host);

            // a name the gateway holds no certificate for: no default certificate, the handshake fails even for a
            // client that trusts anything
            assertThatThrownBy(() -> handshake(trustingAnything(), port, "unknown." + DOMAIN, s -> { }))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> handshake(onlyCa, port, host, s -> {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of());
                s.setSSLParameters(p);
            })).as("no SNI").isInstanceOf(IOException.class);

            renewalUnderAnOpenRequest(ca, port, host, served.getSerialNumber());
        });
    }

    /**
     * Opens a connection, starts an upload with half its body, waits until a new handshake gets a renewed
     * certificate, then sends the rest on the old connection: the request completes.
     */
    private static void renewalUnderAnOpenRequest(String ca, int port, String host, BigInteger first)
            throws Exception {
        SSLContext onlyCa = trusting(ca);
        byte[] half = new byte[64 * 1024];
        Arrays.fill(half, (byte) 'q');
        try (SSLSocket open = connect(onlyCa, port, host)) {
            open.setSoTimeout(120_000);
            open.startHandshake();
            BigInteger before = ((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber();
            OutputStream out = open.getOutputStream();
            out.write(("POST " + StandinApp.UPLOAD_PATH + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: "
                    + 2 * half.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(half);
            out.flush();

            BigInteger renewed = await("a renewed certificate on a new handshake").atMost(READY)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> handshake(trusting(ca), port, host, s -> { }).getSerialNumber(),
                            serial -> !serial.equals(before) && !serial.equals(first));
            X509Certificate fresh = handshake(trusting(ca), port, host, s -> { });
            assertThat(fresh.getSerialNumber()).isNotEqualTo(before);
            assertThat(sans(fresh)).containsExactly(host);
            System.out.printf("TlsE2E: certificate %s renewed as %s while a request was open%n", before, renewed);

            out.write(half);
            out.flush();
            String response = new String(open.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"bytes\":" + 2 * half.length);
            assertThat(((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .as("the open connection kept its certificate").isEqualTo(before);
        }
    }

    @Test
    void redirectedHttpProtocolAnswersPlainHttpWith301ToHttps(KubernetesClient client, TestNamespace ns)
            throws Exception {
        withTls(client, Map.of("http-protocol", "Redirected"), () -> {
            create(client, ksvc(ns.name(), "moved"));
            String host = "moved." + ns.name() + "." + DOMAIN;
            await("ksvc Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.resources(Service.class).inNamespace(ns.name()).withName("moved").get(),
                            s -> s != null && s.isReady() && ("https://" + host).equals(s.getStatus().getUrl()));
            await("plain http is redirected").atMost(READY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Outcome o = http.get(qnative.gatewayPorts().externalHttp(), host, "/some/path?x=1");
                assertThat(o.status()).as("%s", o).isEqualTo(301);
                assertThat(o.headers().get("Location")).isEqualTo("https://" + host + "/some/path?x=1");
            });
            SSLContext onlyCa = trusting(caPem(client));
            await("the https side answers").atMost(READY).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(get(onlyCa, qnative.gatewayPorts().externalHttps(), host,
                            "/some/path?x=1")).startsWith("HTTP/1.1 200").contains("Hello World!\n"));
        });
    }

    /**
     * With config-observability exporting to a Zipkin v2 receiver this test runs, a request through the gateway with
     * a client's W3C trace context is a {@code gateway.request} span of that trace, whose id the pod sees as its
     * parent in {@code traceparent} and {@code X-B3-SpanId}; certificate operations are spans too.
     */
    @Test
    void requestAndCertificateSpansReachAZipkinReceiver(KubernetesClient client, TestNamespace ns) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<JsonObject> spans = new CopyOnWriteArrayList<>();
        try {
            HttpServer receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                    .setDecompressionSupported(true)).requestHandler(req -> req.body().onSuccess(body -> {
                        if (req.path().equals("/api/v2/spans")) {
                            new JsonArray(body).forEach(o -> spans.add((JsonObject) o));
                        }
                        req.response().setStatusCode(202).end();
                    }));
            int port = receiver.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
            SystemConfigMaps.with(client, "config-observability", Map.of("tracing-protocol", "zipkin", "tracing-endpoint",
                    "http://127.0.0.1:" + port + "/api/v2/spans", "tracing-sampling-rate", "1"), () -> withTls(client,
                            Map.of(), () -> {
                                create(client, ksvc(ns.name(), "traced"));
                                String host = "traced." + ns.name() + "." + DOMAIN;
                                await("ksvc Ready").atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> client
                                        .resources(Service.class).inNamespace(ns.name()).withName("traced").get(),
                                        s -> s != null && s.isReady());
                                tracedRequest(spans, host);
                                await("a certificate span of " + ns.name()).atMost(READY).untilAsserted(() -> assertThat(
                                        spans).anySatisfy(s -> {
                                            assertThat(s.getString("name")).isIn("certificate.issue",
                                                    "certificate.renew");
                                            JsonObject tags = s.getJsonObject("tags");
                                            assertThat(tags.getString("k8s.namespace.name")).isEqualTo(ns.name());
                                            assertThat(tags.getString("qnative.certificate.dns_names")).isEqualTo(host);
                                            assertThat(tags.getString("qnative.certificate.issuer"))
                                                    .isEqualTo("qnative-ca");
                                            assertThat(tags.getString("qnative.certificate.outcome")).isIn("issued",
                                                    "renewed");
                                        }));
                            }));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void tracedRequest(List<JsonObject> spans, String host) {
        String trace = "5bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "10f067aa0ba902b7";
        // tracing switches on when qnative reads config-observability: a request before that is not traced
        JsonObject headers = await("a request traced by the gateway").atMost(READY).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Outcome o = GatewayClient.await(http.send(GatewayClient.to(qnative.gatewayPorts().externalHttp(),
                            host, StandinApp.HEADERS_PATH).putHeader("traceparent", "00-" + trace + "-" + clientSpan
                                    + "-01")));
                    return o.status() == 200 ? new JsonObject(o.text()).getJsonObject("headers") : null;
                }, h -> h != null && h.containsKey("x-b3-spanid"));
        String parent = headers.getJsonArray("traceparent").getString(0);
        assertThat(parent).startsWith("00-" + trace + "-").endsWith("-01");
        String gatewaySpan = parent.split("-")[2];
        assertThat(gatewaySpan).isNotEqualTo(clientSpan);
        assertThat(headers.getJsonArray("x-b3-traceid").getList()).containsExactly(trace);
        assertThat(headers.getJsonArray("x-b3-spanid").getList()).containsExactly(gatewaySpan);
        JsonObject span = await("span " + gatewaySpan + " at the receiver").atMost(Duration.ofSeconds(60))
                .until(() -> spans.stream().filter(s -> gatewaySpan.equals(s.getString("id"))).findFirst()
                        .orElse(null), java.util.Objects::nonNull);
        assertThat(span.getString("traceId")).isEqualTo(trace);
        assertThat(span.getString("parentId")).isEqualTo(clientSpan);
        assertThat(span.getString("name")).isEqualTo("gateway.request");
        assertThat(span.getString("kind")).isEqualTo("SERVER");
        JsonObject tags = span.getJsonObject("tags");
        assertThat(tags.getString("server.address")).isEqualTo(host);
        assertThat(tags.getString("http.request.method")).isEqualTo("GET");
        assertThat(tags.getString("k8s.namespace.name")).isEqualTo(host.split("\\.")[1]);
        assertThat(tags.getString("http.response.status_code")).isEqualTo("200");
        assertThat(tags.getString("qnative.revision")).startsWith("traced-");
    }

    /**
     * The closing note's figure: for 20 ksvcs created one after the other, the time from the ksvc first seen Ready
     * to its Certificate first seen Ready (negative when the Certificate was first), from the ksvc's creation, and
     * from the Certificate's first watch event to its Ready one (the issuing), all from watch events. Logged.
     */
    @Test
    void ksvcReadyToCertificateReadyIsMeasured(KubernetesClient client, TestNamespace ns) throws Exception {
        Map<String, Long> ksvcReady = new ConcurrentHashMap<>();
        Map<String, Long> certReady = new ConcurrentHashMap<>();
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> certSeen = new ConcurrentHashMap<>();
        withTls(client, Map.of(), () -> {
            SharedIndexInformer<Service> ksvcs = client.resources(Service.class).inNamespace(ns.name())
                    .inform(GatewayServer.handler(s -> {
                        if (s.isReady()) {
                            ksvcReady.putIfAbsent(s.getMetadata().getName(), System.nanoTime());
                        }
                    }, s -> { }));
            SharedIndexInformer<Certificate> certs = client.resources(Certificate.class).inNamespace(ns.name())
                    .inform(GatewayServer.handler(c -> {
                        String route = c.getMetadata().getLabels() == null ? null
                                : c.getMetadata().getLabels().get(ServingKeys.ROUTE);
                        if (route != null) {
                            certSeen.putIfAbsent(route, System.nanoTime());
                        }
                        if (route != null && c.isReady()) {
                            certReady.putIfAbsent(route, System.nanoTime());
                        }
                    }, c -> { }));
            try {
                for (int i = 0; i < 20; i++) {
                    String name = "m" + i;
                    created.put(name, System.nanoTime());
                    create(client, ksvc(ns.name(), name));
                    await(name + " and its Certificate Ready").atMost(READY).pollInterval(Duration.ofMillis(50))
                            .until(() -> ksvcReady.containsKey(name) && certReady.containsKey(name));
                    // one ksvc at a time: its pod goes, so the next one is measured on an idle machine
                    client.resources(Service.class).inNamespace(ns.name()).withName(name).delete();
                }
            } finally {
                ksvcs.close();
                certs.close();
            }
        });
        List<Double> fromReady = new ArrayList<>();
        List<Double> fromCreate = new ArrayList<>();
        List<Double> issuing = new ArrayList<>();
        ksvcReady.forEach((name, t) -> {
            fromReady.add((certReady.get(name) - t) / 1e6);
            fromCreate.add((certReady.get(name) - created.get(name)) / 1e6);
            issuing.add((certReady.get(name) - certSeen.get(name)) / 1e6);
        });
        assertThat(fromReady).hasSize(20);
        System.out.println("TlsE2E: ksvc Ready -> Certificate Ready (negative: the Certificate was first), "
                + summary(fromReady));
        System.out.println("TlsE2E: ksvc created -> Certificate Ready, " + summary(fromCreate));
        System.out.println("TlsE2E: Certificate first seen -> Certificate Ready (issuing), " + summary(issuing));
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("%d ksvcs: p50 %.0f ms, min %.0f ms, max %.0f ms (all: %s)", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.stream()
                        .map(d -> String.format("%.0f", d)).toList());
    }

    // --- cluster setup ---

    /** Runs {@code body} with external-domain-tls on (plus {@code network}) and the external domain DOMAIN. */
    private static void withTls(KubernetesClient client, Map<String, String> network, ThrowingRunnable body)
            throws Exception {
        Map<String, String> tls = new HashMap<>(network);
        tls.put("external-domain-tls", "Enabled");
        SystemConfigMaps.with(client, "config-domain", Map.of(DOMAIN, ""),
                () -> SystemConfigMaps.with(client, "config-network", tls, body::run));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Service ksvc(String namespace, String name) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(SampleImages.HELLOWORLD).build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(spec);
        ServiceSpec serviceSpec = new ServiceSpec();
        serviceSpec.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        s.setSpec(serviceSpec);
        return s;
    }

    private static void create(KubernetesClient client, Service s) {
        client.resources(Service.class).inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    private static Certificate awaitCertificateReady(KubernetesClient client, String ns, String route) {
        return await("Certificate of Route " + route + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(Certificate.class).inNamespace(ns).withLabel(ServingKeys.ROUTE, route)
                        .list().getItems(), l -> l.size() == 1 && l.get(0).isReady()).get(0);
    }

    /** The CA certificate qnative publishes for clients (docs/certificates.md, "Trusting the CA"). */
    private static String caPem(KubernetesClient client) {
        ConfigMap ca = await("ConfigMap qnative-ca").atMost(READY).until(() -> client.configMaps()
                .inNamespace(QnativeProcess.SYSTEM_NAMESPACE).withName("qnative-ca").get(), c -> c != null
                        && c.getData() != null && c.getData().containsKey("ca.crt"));
        return ca.getData().get("ca.crt");
    }

    // --- TLS clients ---

    /**
     * A TLS context whose only trust anchor is the PEM CA. Each has its own session cache: a handshake that must see
     * the certificate served now uses a new context, as a resumed session would report the old one.
     */
    private static SSLContext trusting(String caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (var c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        assertThat(i).as("certificates in qnative-ca's ca.crt").isEqualTo(1);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static SSLContext trustingAnything() throws Exception {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {any}, null);
        return ctx;
    }

    /**
     * A TLS socket to 127.0.0.1:port for {@code host}: SNI is {@code host} and the certificate is checked against
     * it (endpoint identification HTTPS), as a browser resolving the host to the gateway would.
     */
    private static SSLSocket connect(SSLContext ctx, int port, String host) throws IOException {
        Socket plain = new Socket("127.0.0.1", port);
        plain.setSoTimeout(30_000);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        return s;
    }

    /** A completed handshake's leaf certificate; {@code tweak} adjusts the socket before it. */
    private static X509Certificate handshake(SSLContext ctx, int port, String host, Consumer<SSLSocket> tweak)
            throws IOException {
        try (SSLSocket s = connect(ctx, port, host)) {
            tweak.accept(s);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    /** A GET over its own TLS connection: the raw HTTP/1.1 response. */
    private static String get(SSLContext ctx, int port, String host, String uri) throws IOException {
        try (SSLSocket s = connect(ctx, port, host)) {
            s.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static List<String> sans(X509Certificate cert) throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            names.add(san.get(0) + ":" + san.get(1));
        }
        return names.stream().map(n -> n.startsWith("2:") ? n.substring(2) : n).toList();
    }

    /** The issue's own check, {@code curl --cacert <CA> --resolve host:port:127.0.0.1}, where curl is installed. */
    private static void curlWhenInstalled(KubernetesClient client, int port, String host) throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        if (!Files.isExecutable(curl)) {
            System.out.println("TlsE2E: no /usr/bin/curl; the Java TLS client checked the same");
            return;
        }
        Path ca = Path.of("target/e2e/tls-e2e-ca.crt").toAbsolutePath();
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, caPem(client));
        Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "30", "--cacert", ca.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "https://" + host + ":" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl: %s", out).isZero();
        assertThat(out).isEqualTo("Hello World!\n");
    }
}
