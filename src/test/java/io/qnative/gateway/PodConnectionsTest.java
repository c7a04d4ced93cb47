package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.gateway.activator.Activator;
import io.qnative.testing.OnContext;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own HTTP/1.1 pod connections ({@link PodConnections}, {@link PodExchange}) on real sockets: reuse
 * only after a complete exchange on a keep-alive connection, the pod's own framing (chunked with trailers,
 * Content-Length, read until close, HEAD), interim responses, early answers, connections the pod closes (under a
 * request it did not answer: sent again on a new connection when safe) and idle connections closed by the sweep.
 */
class PodConnectionsTest {

    private GatewayHarness gw;
    private HttpClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();

    private record Resp(int status, MultiMap headers, String body, MultiMap trailers) {
    }

    private void start() throws Exception {
        gw = new GatewayHarness(Activator.Settings.DEFAULT);
        client = gw.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gw.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
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

    /** A raw pod serving revision {@code name}, its connections numbered from the gateway's first. */
    private RawPod rawPod(String name, RawPod.Script script) throws Exception {
        RawPod pod = new RawPod(script);
        closing.add(pod);
        revision(name, pod.port());
        return pod;
    }

    /** The first request on each connection is answered, the next one read and its connection closed unanswered. */
    private static RawPod.Reply answerOnceThen(RawPod.Seen head, RawPod.Reply then) {
        if (!head.path().equals("/p") || head.request() == 1) {
            return RawPod.Reply.ok(head.method() + " answered on " + head.connection());
        }
        return then;
    }

    @Test
    void aGetOnAReusedConnectionThePodClosedUnansweredGoesOnceMoreToThatPodOnANewConnection() throws Exception {
        start();
        // two pods answering everything on their keep-alive connections, but for a marked request on a reused one
        RawPod[] pods = new RawPod[2];
        for (int i = 0; i < 2; i++) {
            String name = "pod-" + i;
            pods[i] = new RawPod(head -> head.headers().containsKey("x-close") && head.request() > 1
                    ? RawPod.Reply.close() : RawPod.Reply.ok(name + " answered on " + head.connection()));
            closing.add(pods[i]);
        }
        revision("st", pods[0].port(), pods[1].port());
        for (int i = 0; i < 50 && (pods[0].seen("/p").isEmpty() || pods[1].seen("/p").isEmpty()); i++) {
            assertThat(send("st.ns", HttpMethod.GET, null, Map.of()).status()).isEqualTo(200);
        }
        Resp r = send("st.ns", HttpMethod.GET, null, Map.of("X-Close", "1"));
        assertThat(r.status()).isEqualTo(200);
        RawPod closer = pods[0].seen("/p").stream().anyMatch(s -> s.headers().containsKey("x-close"))
                ? pods[0] : pods[1];
        List<RawPod.Seen> seen = closer.seen("/p");
        RawPod.Seen closed = seen.get(seen.size() - 2);
        RawPod.Seen again = seen.get(seen.size() - 1);
        // read on a reused connection and closed unanswered there, then answered once by the same pod (not ejected
        // for it: the other was not asked), as a new connection's first request
        assertThat(closed.headers()).containsKey("x-close");
        assertThat(closed.request()).isGreaterThan(1);
        assertThat(again.headers()).containsKey("x-close");
        assertThat(again.request()).isEqualTo(1);
        assertThat(again.connection()).isNotEqualTo(closed.connection());
        assertThat(r.body()).endsWith(" answered on " + again.connection());
        RawPod other = closer == pods[0] ? pods[1] : pods[0];
        assertThat(other.seen("/p")).noneMatch(s -> s.headers().containsKey("x-close"));
    }

    @Test
    void aBodylessPutOrDeleteOnAReusedConnectionThePodClosedUnansweredGoesAgainToThatPodWhichIsNotEjected()
            throws Exception {
        start();
        // two pods answering everything on their keep-alive connections, but for a marked request on a reused one
        RawPod[] pods = new RawPod[2];
        for (int i = 0; i < 2; i++) {
            String name = "pod-" + i;
            pods[i] = new RawPod(head -> head.headers().containsKey("x-close") && head.request() > 1
                    ? RawPod.Reply.close() : RawPod.Reply.ok(name + " answered on " + head.connection()));
            closing.add(pods[i]);
        }
        revision("sd", pods[0].port(), pods[1].port());
        for (HttpMethod method : List.of(HttpMethod.DELETE, HttpMethod.PUT)) {
            for (int i = 0; i < 50 && (pods[0].seen("/p").isEmpty() || pods[1].seen("/p").isEmpty()); i++) {
                assertThat(send("sd.ns", HttpMethod.GET, null, Map.of()).status()).isEqualTo(200);
            }
            Resp r = send("sd.ns", method, null, Map.of("X-Close", method.name()));
            assertThat(r.status()).as("%s", method).isEqualTo(200);
            RawPod closer = pods[0].seen("/p").stream().anyMatch(s -> method.name().equals(s.headers().get("x-close")))
                    ? pods[0] : pods[1];
            List<RawPod.Seen> seen = closer.seen("/p");
            RawPod.Seen closed = seen.get(seen.size() - 2);
            RawPod.Seen again = seen.get(seen.size() - 1);
            // closed unanswered on a reused connection, then answered by the same pod on a new one; the other pod
            // never saw it (the stale connection did not eject this pod and send it elsewhere)
            assertThat(closed.method()).isEqualTo(method.name());
            assertThat(closed.request()).isGreaterThan(1);
            assertThat(again.method()).isEqualTo(method.name());
            assertThat(again.headers()).containsEntry("x-close", method.name());
            assertThat(again.request()).isEqualTo(1);
            assertThat(r.body()).endsWith(" answered on " + again.connection());
            RawPod other = closer == pods[0] ? pods[1] : pods[0];
            assertThat(other.seen("/p")).noneMatch(s -> method.name().equals(s.headers().get("x-close")));
        }
    }

    @Test
    void aPostWithAnIdempotencyKeyAndItsWholeBodyGoesAgainWithItsBodyAfterAReset() throws Exception {
        start();
        RawPod pod = rawPod("ik", head -> answerOnceThen(head, RawPod.Reply.reset()));
        assertThat(send("ik.ns", HttpMethod.POST, "first", Map.of()).status()).isEqualTo(200);
        Resp r = send("ik.ns", HttpMethod.POST, "the payload", Map.of("Idempotency-Key", "k-1"));
        assertThat(r.status()).isEqualTo(200);
        List<RawPod.Seen> seen = pod.seen("/p");
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).request()).isEqualTo(2);
        RawPod.Seen again = seen.get(2);
        assertThat(again.request()).isEqualTo(1);
        assertThat(again.body()).isEqualTo("the payload");
        assertThat(again.headers()).containsEntry("idempotency-key", "k-1").containsEntry("content-length", "11");
        assertThat(r.body()).isEqualTo("POST answered on " + again.connection());
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNotSentAgain() throws Exception {
        start();
        RawPod pod = rawPod("nk", head -> answerOnceThen(head, RawPod.Reply.close()));
        assertThat(send("nk.ns", HttpMethod.POST, "first", Map.of()).status()).isEqualTo(200);
        assertThat(send("nk.ns", HttpMethod.POST, "second", Map.of()).status()).isEqualTo(502);
        assertThat(pod.seen("/p")).extracting(RawPod.Seen::request).containsExactly(1, 2);
    }

    @Test
    void aRequestWhoseBodyIsStillStreamingIsNotSentAgain() throws Exception {
        start();
        RawPod pod = rawPod("sb", head -> answerOnceThen(head, RawPod.Reply.close()));
        assertThat(send("sb.ns", HttpMethod.POST, "first", Map.of()).status()).isEqualTo(200);
        // an Idempotency-Key, but the body is not known in full when the pod closes: it cannot be sent again
        io.vertx.core.http.HttpClientResponse r = OnContext.call(gw.vertx, () -> client.request(new RequestOptions()
                .setMethod(HttpMethod.POST).setURI("/p").putHeader("Host", "sb.ns")
                .putHeader("Idempotency-Key", "k-2")).compose(req -> {
                    req.setChunked(true);
                    req.write("part one");
                    return req.response();
                })).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(pod.seen("/p")).extracting(RawPod.Seen::request).containsExactly(1, 2);
    }

    @Test
    void aConnectionThePodAnsweredWithConnectionCloseOrHttp10IsNotReused() throws Exception {
        start();
        // the pod keeps each connection open after its answer: only the answer's head says it is not kept alive
        RawPod pod = rawPod("nc", head -> {
            String q = head.headers().getOrDefault("x-answer", "");
            return switch (q) {
                case "close" -> RawPod.Reply.raw("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
                case "1.0" -> RawPod.Reply.raw("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
                case "1.0-keep-alive" ->
                        RawPod.Reply.raw("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok");
                default -> RawPod.Reply.ok("ok");
            };
        });
        for (String answer : List.of("close", "1.0", "1.0-keep-alive", "1.0-keep-alive", "")) {
            assertThat(send("nc.ns", HttpMethod.GET, null, Map.of("X-Answer", answer)).body()).isEqualTo("ok");
        }
        List<RawPod.Seen> seen = pod.seen("/p");
        // close, 1.0: one connection each; the HTTP/1.0 keep-alive one carries the two after it
        assertThat(seen).extracting(RawPod.Seen::request).containsExactly(1, 1, 1, 2, 3);
        assertThat(seen.get(0).connection()).isNotEqualTo(seen.get(1).connection());
        assertThat(seen.get(1).connection()).isNotEqualTo(seen.get(2).connection());
    }

    @Test
    void aResponseHeadWithAForbiddenCharacterIsA502WithNoneOfItsHeaders() throws Exception {
        start();
        RawPod pod = rawPod("bh", head -> head.path().equals("/p")
                ? RawPod.Reply.raw("HTTP/1.1 200 OK\r\nX-Fine: yes\r\nX-Bad: a\u007fb\r\nContent-Length: 2\r\n\r\nok")
                : RawPod.Reply.ok("ok"));
        Resp r = send("bh.ns", HttpMethod.POST, "body", Map.of());
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.headers().names()).doesNotContain("X-Fine", "X-Bad");
        assertThat(pod.seen("/p")).hasSize(1);
        // the connection is not reused after it
        Resp again = send("bh.ns", HttpMethod.POST, "body", Map.of());
        assertThat(again.status()).isEqualTo(502);
        assertThat(pod.seen("/p")).extracting(RawPod.Seen::request).containsExactly(1, 1);
    }

    /** A request written straight on a {@link PodConnections} connection, its outcome as a line. */
    private static final class Recorder implements PodConnections.Request {
        final java.util.concurrent.CompletableFuture<String> outcome = new java.util.concurrent.CompletableFuture<>();
        private final StringBuilder body = new StringBuilder();
        private int status;
        private io.netty.channel.Channel channel;

        @Override
        public void connected(PodChannel pod) {
            channel = pod.channel();
            pod.channel().writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(
                    "GET /p HTTP/1.1\r\nHost: pod\r\n\r\n", StandardCharsets.US_ASCII));
            pod.requestDone();
        }

        @Override
        public void connectFailed(Throwable cause) {
            outcome.complete("connect failed");
        }

        @Override
        public void head(io.netty.handler.codec.http.HttpResponse head) {
            status = head.status().code();
        }

        @Override
        public void content(io.netty.buffer.ByteBuf content) {
            body.append(content.toString(StandardCharsets.US_ASCII));
            content.release();
        }

        @Override
        public void end(io.netty.handler.codec.http.HttpHeaders trailers) {
            // told once the connection went back to its pool (after this call returns)
            channel.eventLoop().execute(() -> outcome.complete(status + " " + body));
        }

        @Override
        public void failed(Throwable cause, boolean unanswered) {
            outcome.complete(unanswered ? "failed unanswered" : "failed");
        }

        @Override
        public void writable() {
        }
    }

    @Test
    void onlyAReusedConnectionClosedBeforeAnyByteOfTheAnswerIsReportedUnanswered() throws Exception {
        Vertx vertx = Vertx.vertx();
        closing.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        PodConnections pods = new PodConnections(vertx, 10);
        closing.add(0, pods::close);
        RawPod pod = new RawPod(head -> switch (head.connection() + "/" + head.request()) {
            case "1/1", "3/1", "4/1" -> RawPod.Reply.ok("fine");
            case "2/1", "3/2" -> RawPod.Reply.close();
            case "4/2" -> RawPod.Reply.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
            default -> RawPod.Reply.reset();
        });
        closing.add(pod);
        EventLoopPin pin = new EventLoopPin(vertx);
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        // the reused connection, reset before any byte of the answer
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("failed unanswered");
        // a new connection closed unanswered: the pod saw the request, nothing says it closed the connection as idle
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("failed");
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("failed unanswered");
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        // part of the answer came: the pod did answer
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("failed");
    }

    @Test
    void theSweepClosesConnectionsIdleLongerThanTheBound() throws Exception {
        Vertx vertx = Vertx.vertx();
        closing.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        PodConnections pods = new PodConnections(vertx, 10, java.time.Duration.ofMillis(200), System::nanoTime);
        closing.add(0, pods::close);
        RawPod pod = new RawPod(head -> RawPod.Reply.ok("fine"));
        closing.add(pod);
        EventLoopPin pin = new EventLoopPin(vertx);
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        // the pod never closes a connection: the gateway closes it once idle past the bound
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> pod.closedByPeer.contains(1));
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        assertThat(pod.seen("/p")).extracting(RawPod.Seen::connection).containsExactly(1, 2);
    }

    @Test
    void aConnectionIdleLongerThanTheBoundIsNotTakenBeforeTheSweepCloses() throws Exception {
        Vertx vertx = Vertx.vertx();
        closing.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        // an hour's bound: the sweep, a quarter of it apart, does not run during the test
        PodConnections pods = new PodConnections(vertx, 10, java.time.Duration.ofHours(1), now::get);
        closing.add(0, pods::close);
        RawPod pod = new RawPod(head -> RawPod.Reply.ok("fine"));
        closing.add(pod);
        EventLoopPin pin = new EventLoopPin(vertx);
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        now.addAndGet(TimeUnit.MINUTES.toNanos(59));
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        now.addAndGet(TimeUnit.MINUTES.toNanos(61));
        assertThat(pin.exchange(pods, pod.port())).isEqualTo("200 fine");
        assertThat(pod.seen("/p")).extracting(RawPod.Seen::connection).containsExactly(1, 1, 2);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> pod.closedByPeer.contains(1));
    }

    /** Exchanges sent from one event loop, so they share its pool. */
    private static final class EventLoopPin {
        final io.netty.channel.EventLoop loop;

        EventLoopPin(Vertx vertx) {
            loop = ((io.vertx.core.impl.VertxInternal) vertx).nettyEventLoopGroup().next();
        }

        String exchange(PodConnections pods, int port) throws Exception {
            Recorder r = new Recorder();
            pods.acquire(loop, "127.0.0.1", port, r, false);
            return r.outcome.get(20, TimeUnit.SECONDS);
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
