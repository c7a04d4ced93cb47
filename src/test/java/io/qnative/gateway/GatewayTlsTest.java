package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qnative.certs.CertificateBundle;
import io.qnative.certs.CertificateIssuer;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.gateway.tls.KeyMaterial;
import io.qnative.gateway.tls.SniCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's HTTPS listeners on real TLS: certificates issued by the PKI, fed to {@link SniCertificates} as the
 * KIngress TLS Secrets would be, real listeners and a real backend pod, and a JDK TLS client sending SNI and
 * checking the certificate it was served.
 */
class GatewayTlsTest {

    private static final String A = "a.ns.example.com";
    private static final String B = "b.ns.example.com";
    private static final String NO_ROUTE = "c.ns.example.com";

    private final List<CertificateBundle> issued = new ArrayList<>();
    private final SniCertificates certs = new SniCertificates();
    private GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        secret("a-cert", A);
        secret("b-cert", B);
        secret("c-cert", NO_ROUTE);
        certs.putIngress(GatewayHarness.NS, "a", List.of(block("a-cert", A), block("c-cert", NO_ROUTE)));
        certs.putIngress(GatewayHarness.NS, "b", List.of(block("b-cert", B)));
        gw = new GatewayHarness(Activator.Settings.DEFAULT, certs);
        int pod = gw.backend(req -> req.response()
                .end("hello " + req.host() + " " + req.getHeader("X-Forwarded-Proto")));
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", pod);
        gw.route("a", A, Map.of(), "hello-00001", 100);
        gw.route("b", B, Map.of(), "hello-00001", 100);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
    }

    /** Issues a certificate for {@code host} and stores it as Secret {@code name}; returns its leaf. */
    private X509Certificate secret(String name, String host) throws Exception {
        CertificateBundle b = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1), List.of(host), List.of());
        issued.add(b);
        certs.putSecret(GatewayHarness.NS, name, Map.of(KeyMaterial.TLS_CRT, b.certPem(), KeyMaterial.TLS_KEY,
                b.keyPem()));
        return KeyMaterial.parse(b.certPem(), b.keyPem()).chain()[0];
    }

    private static SniCertificates.Block block(String secret, String... hosts) {
        return new SniCertificates.Block(List.of(hosts), GatewayHarness.NS, secret);
    }

    @Test
    void eachHostIsServedItsOwnCertificateBySni() throws Exception {
        assertThat(gw.bound.externalHttps()).isPositive();
        try (Conn a = connect(gw.bound.externalHttps(), A)) {
            assertThat(a.served().getSubjectX500Principal().getName()).contains("CN=" + A);
            assertThat(a.get(A, "/")).startsWith("HTTP/1.1 200").endsWith("hello " + A + " https");
        }
        try (Conn b = connect(gw.bound.externalHttps(), B)) {
            assertThat(b.served().getSubjectX500Principal().getName()).contains("CN=" + B);
            assertThat(b.get(B, "/")).startsWith("HTTP/1.1 200");
        }
        try (Conn c = connect(gw.bound.externalHttps(), NO_ROUTE)) {
            assertThat(c.served().getSubjectX500Principal().getName()).contains("CN=" + NO_ROUTE);
            assertThat(c.get(NO_ROUTE, "/")).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void h2IsNegotiatedByAlpn() throws Exception {
        io.vertx.core.net.PemTrustOptions trust = new io.vertx.core.net.PemTrustOptions();
        issued.forEach(b -> trust.addCertValue(io.vertx.core.buffer.Buffer.buffer(b.caPem())));
        io.vertx.core.http.HttpClient h2 = gw.vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setSsl(true).setUseAlpn(true).setForceSni(true).setTrustOptions(trust)
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2));
        io.vertx.core.http.RequestOptions o = new io.vertx.core.http.RequestOptions().setHost(A)
                .setPort(gw.bound.externalHttps()).setURI("/h2")
                .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(gw.bound.externalHttps(), "127.0.0.1"));
        String answer = io.qnative.testing.OnContext.call(gw.vertx, () -> h2.request(o).compose(r -> r.send()
                .compose(q -> q.body().map(b -> q.version() + " " + q.statusCode() + " " + b))))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(answer).isEqualTo("HTTP_2 200 hello " + A + ":" + gw.bound.externalHttps() + " https");
    }

    @Test
    void theClusterLocalHttpsListenerServesToo() throws Exception {
        assertThat(gw.bound.internalHttps()).isPositive();
        try (Conn a = connect(gw.bound.internalHttps(), A)) {
            assertThat(a.served().getSubjectX500Principal().getName()).contains("CN=" + A);
            assertThat(a.get(A, "/")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anUnknownServerNameOrNoneFailsTheHandshake() {
        assertThatThrownBy(() -> connect(gw.bound.externalHttps(), "nobody.example.com").close())
                .isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> connect(gw.bound.externalHttps(), null).close())
                .isInstanceOf(SSLException.class);
    }

    @Test
    void aRotatedSecretIsServedToNewHandshakesWithoutDroppingOpenConnections() throws Exception {
        try (Conn before = connect(gw.bound.externalHttps(), A)) {
            X509Certificate old = before.served();
            assertThat(before.get(A, "/")).startsWith("HTTP/1.1 200");

            X509Certificate renewed = secret("a-cert", A);

            try (Conn after = connect(gw.bound.externalHttps(), A)) {
                assertThat(after.served().getSerialNumber()).isEqualTo(renewed.getSerialNumber())
                        .isNotEqualTo(old.getSerialNumber());
                assertThat(after.get(A, "/")).startsWith("HTTP/1.1 200");
            }
            assertThat(before.get(A, "/again")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRemovedTlsBlockStopsServingItsHostsUntilItIsBack() throws Exception {
        try (Conn b = connect(gw.bound.externalHttps(), B)) {
            assertThat(b.get(B, "/")).startsWith("HTTP/1.1 200");
        }
        certs.putIngress(GatewayHarness.NS, "b", List.of());
        assertThatThrownBy(() -> connect(gw.bound.externalHttps(), B).close()).isInstanceOf(SSLException.class);
        try (Conn a = connect(gw.bound.externalHttps(), A)) {
            assertThat(a.get(A, "/")).startsWith("HTTP/1.1 200");
        }
        certs.putIngress(GatewayHarness.NS, "b", List.of(block("b-cert", B)));
        try (Conn b = connect(gw.bound.externalHttps(), B)) {
            assertThat(b.served().getSubjectX500Principal().getName()).contains("CN=" + B);
        }
    }

    @Test
    void redirectedHostsAnswer301OnHttpAndServeOnHttps() throws Exception {
        RoutingTable.Split split = new RoutingTable.Split(new RoutingTable.Backend(GatewayHarness.NS, "hello-00001",
                80), 100, Map.of("Knative-Serving-Revision", "hello-00001"));
        RoutingTable.Path path = new RoutingTable.Path("", Map.of(), List.of(split), Map.of(), null);
        gw.table.put(new RoutingTable.Entry(GatewayHarness.NS, "a", 2, List.of(
                new RoutingTable.Rule(List.of(A), RoutingTable.EXTERNAL_IP, List.of(path))), "Redirected"));

        String plain = plainGet(gw.bound.externalHttp(), A, "/p?q=1");
        assertThat(plain).startsWith("HTTP/1.1 301").contains("location: https://" + A + "/p?q=1");
        try (Conn a = connect(gw.bound.externalHttps(), A)) {
            assertThat(a.get(A, "/p")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theHttpsListenersStartLaterOnTheFirstCertificate() throws Exception {
        SniCertificates none = new SniCertificates();
        try (GatewayHarness late = new GatewayHarness(Activator.Settings.DEFAULT, none)) {
            assertThat(late.bound.externalHttps()).isZero();
            java.util.concurrent.CompletableFuture<GatewayListeners.Bound> started =
                    new java.util.concurrent.CompletableFuture<>();
            none.onChange(() -> late.listeners.startHttps(late.handler, "127.0.0.1",
                    new Gateway.Ports(0, 0, 0, 0), none).onSuccess(started::complete));
            CertificateBundle b = CertificateIssuer.issue(Instant.now(), Duration.ofDays(1), List.of(A), List.of());
            issued.add(b);
            none.putSecret(GatewayHarness.NS, "a-cert", Map.of(KeyMaterial.TLS_CRT, b.certPem(),
                    KeyMaterial.TLS_KEY, b.keyPem()));
            assertThat(started).isNotDone();
            none.putIngress(GatewayHarness.NS, "a", List.of(block("a-cert", A)));
            GatewayListeners.Bound tls = started.get(10, TimeUnit.SECONDS);
            try (Conn a = connect(tls.externalHttps(), A)) {
                assertThat(a.served().getSubjectX500Principal().getName()).contains("CN=" + A);
            }
        }
    }

    // ---- a JDK TLS client ----

    private Conn connect(int port, String sni) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < issued.size(); i++) {
            trust.setCertificateEntry("ca" + i, cf.generateCertificate(new ByteArrayInputStream(
                    issued.get(i).caPem().getBytes(StandardCharsets.UTF_8))));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new Conn(s);
    }

    /** One TLS connection: the certificate served and HTTP/1.1 requests over it (keep-alive). */
    private record Conn(SSLSocket socket) implements AutoCloseable {

        X509Certificate served() throws Exception {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }

        String get(String host, String path) throws IOException {
            return exchange(socket.getOutputStream(), socket.getInputStream(), host, path);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String plainGet(int port, String host, String path) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            return exchange(s.getOutputStream(), s.getInputStream(), host, path);
        }
    }

    /** Sends a GET and reads one response: status line and headers (lower-cased names) and the body. */
    private static String exchange(OutputStream out, InputStream in, String host, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(c);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        String lowered = headers.lines().map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')).toLowerCase()
                + l.substring(l.indexOf(':')) : l).reduce((a, b) -> a + "\r\n" + b).orElse("");
        return lowered + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8);
    }
}
