package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.gateway.activator.Activator;
import io.qnative.testing.OnContext;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own HTTP/1.1 pod connections ({@link PodConnections}, {@link PodExchange}) on real sockets: reuse
 * only after a complete exchange, the pod's own framing (chunked with trailers, Content-Length, read until close,
 * HEAD), interim responses, early answers and connections the pod closes.
 */
class PodConnectionsTest {

    private GatewayHarness gw;
    private HttpClient client;

    private record Resp(int status, MultiMap headers, String body, MultiMap trailers) {
    }

    private void start() throws Exception {
        gw = new GatewayHarness(Activator.Settings.DEFAULT);
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private void revision(String name, int... pods) {
        gw.revision(name + "-1", 0, 0, false);
        gw.pods(name + "-1", pods);
        gw.route(name, name + ".ns", Map.of(), name + "-1", 100);
        gw.awaitHealthy(name + "-1", pods.length);
    }

    private Resp send(String host, HttpMethod method, String body, Map<String, String> headers) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(method).setURI("/p?q=1").putHeader("Host", host);
        headers.forEach(o::putHeader);
        return OnContext.call(gw.vertx, () -> client.request(o).compose(r -> (body == null ? r.send() : r.send(body))
                .compose(q -> q.body().map(b -> new Resp(q.statusCode(), q.headers(), b.toString(), q.trailers())))))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aPodConnectionIsReusedAfterEachCompleteExchange() throws Exception {
        start();
        Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
        int pod = gw.backend(req -> {
            if (req.path().equals("/p")) {
                connections.add(req.connection());
            }
            req.body().onSuccess(b -> req.response().end(req.method() + " " + req.uri() + " " + b));
        });
        revision("ka", pod);
        for (int i = 0; i < 5; i++) {
            assertThat(send("ka.ns", HttpMethod.GET, null, Map.of()).body()).isEqualTo("GET /p?q=1 ");
            assertThat(send("ka.ns", HttpMethod.POST, "body " + i, Map.of()).body())
                    .isEqualTo("POST /p?q=1 body " + i);
        }
        // the harness' health checks use their own client: every proxied request went over one pod connection
        assertThat(connections).hasSize(1);
    }

    @Test
    void chunkedResponsesKeepTheirTrailersAndHeadHasNoBody() throws Exception {
        start();
        int pod = gw.backend(req -> {
            if (req.method() == HttpMethod.HEAD) {
                req.response().putHeader("Content-Length", "1000").end();
                return;
            }
            var out = req.response().setChunked(true);
            out.write("first ");
            out.write("second");
            out.trailers().add("grpc-status", "0").add("x-sum", "11");
            out.end();
        });
        revision("tr", pod);
        Resp r = send("tr.ns", HttpMethod.GET, null, Map.of("TE", "trailers"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("first second");
        assertThat(r.trailers().get("grpc-status")).isEqualTo("0");
        assertThat(r.trailers().get("x-sum")).isEqualTo("11");
        Resp head = send("tr.ns", HttpMethod.HEAD, null, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers().get("Content-Length")).isEqualTo("1000");
        assertThat(head.body()).isEmpty();
        // the connection after a HEAD is in step: the next response is the GET's own
        assertThat(send("tr.ns", HttpMethod.GET, null, Map.of()).body()).isEqualTo("first second");
    }

    @Test
    void aPodClosingAfterItsAnswerGetsANewConnectionForTheNext() throws Exception {
        start();
        Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
        int pod = gw.backend(req -> {
            if (req.path().equals("/p")) {
                connections.add(req.connection());
            }
            req.response().putHeader("Connection", "close").end("bye");
        });
        revision("cl", pod);
        for (int i = 0; i < 3; i++) {
            Resp r = send("cl.ns", HttpMethod.GET, null, Map.of());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("bye");
            assertThat(r.headers().get("Connection")).isNotEqualToIgnoringCase("close");
        }
        assertThat(connections).hasSize(3);
    }

    @Test
    void anInterimContinueIsNotTheAnswer() throws Exception {
        start();
        int pod = gw.backend(req -> {
            assertThat(req.getHeader("Expect")).isEqualTo("100-continue");
            req.response().writeContinue();
            req.body().onSuccess(b -> req.response().end("got " + b));
        });
        revision("co", pod);
        Resp r = send("co.ns", HttpMethod.PUT, "payload", Map.of("Expect", "100-continue"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("got payload");
        assertThat(send("co.ns", HttpMethod.PUT, "again", Map.of("Expect", "100-continue")).body())
                .isEqualTo("got again");
    }

    @Test
    void anAnswerBeforeTheWholeBodyIsPassedOnAndItsConnectionNotReused() throws Exception {
        start();
        Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        int pod = gw.backend(req -> {
            if (req.path().equals("/p")) {
                connections.add(req.connection());
            }
            if (calls.incrementAndGet() == 1) {
                // answers at once, reading nothing of the body still coming
                req.response().setStatusCode(413).end("too large");
            } else {
                req.body().onSuccess(b -> req.response().end("read " + b.length()));
            }
        });
        revision("ea", pod);
        io.vertx.core.http.HttpClientResponse first = OnContext.call(gw.vertx, () -> client.request(
                new RequestOptions().setMethod(HttpMethod.POST).setURI("/").putHeader("Host", "ea.ns")).compose(req -> {
                    req.setURI("/p");
                    req.setChunked(true);
                    req.write("part one");
                    // the rest never comes: the answer must arrive without it
                    return req.response();
                })).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(first.statusCode()).isEqualTo(413);
        client.close();
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()));
        assertThat(send("ea.ns", HttpMethod.POST, "12345", Map.of()).body()).isEqualTo("read 5");
        assertThat(connections).hasSize(2);
    }

    @Test
    void aBodyReadUntilThePodClosesArrivesWhole() throws Exception {
        start();
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                // the gateway's readiness probes of the pod get the same answer
                while (true) {
                    try (Socket s = raw.accept()) {
                        readHead(s.getInputStream());
                        OutputStream out = s.getOutputStream();
                        // no Content-Length, not chunked: the body ends when the connection does
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                                + "until close, " + "x".repeat(20_000)).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "raw-pod");
            t.setDaemon(true);
            t.start();
            gw.revision("rc-1", 0, 0, false);
            gw.pods("rc-1", raw.getLocalPort());
            gw.route("rc", "rc.ns", Map.of(), "rc-1", 100);
            gw.awaitHealthy("rc-1", 1);
            for (int i = 0; i < 2; i++) {
                Resp r = send("rc.ns", HttpMethod.GET, null, Map.of());
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("until close, " + "x".repeat(20_000));
            }
        }
    }

    private static void readHead(InputStream in) throws java.io.IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
