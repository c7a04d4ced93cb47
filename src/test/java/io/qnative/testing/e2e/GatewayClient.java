package io.qnative.testing.e2e;

import io.qnative.testing.OnContext;
import io.qnative.testing.nodeagent.GrpcEcho;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client of qnative's gateway for E2E tests: requests to a listener on 127.0.0.1 with any {@code Host} (the
 * route's, a tag's, an unknown one), over HTTP/1.1 or h2c with prior knowledge, WebSockets, gRPC calls framed as
 * {@link GrpcEcho} reads them, and bounded load loops that record every request's start, end and outcome.
 */
public final class GatewayClient implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    /**
     * One request: its answer (null when it failed without one) or failure, and when it started and ended.
     *
     * @param status the HTTP status, 0 when the request failed
     * @param headers response headers (empty on failure)
     * @param trailers response trailers (empty on failure)
     * @param body the response body as text
     * @param failure why no response came, or null
     * @param startNanos {@link System#nanoTime()} when the request was sent
     * @param endNanos {@link System#nanoTime()} when it completed
     */
    public record Outcome(int status, MultiMap headers, MultiMap trailers, Buffer body, Throwable failure,
            long startNanos, long endNanos) {

        /** True for a 200. */
        public boolean ok() {
            return status == 200;
        }

        /** The body as UTF-8 text. */
        public String text() {
            return body == null ? "" : body.toString();
        }

        /** How long the request took. */
        public Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    private final Vertx vertx;
    private final HttpClient http1;
    private final HttpClient h2c;

    /** A client with room for {@code connections} parallel HTTP/1.1 requests. */
    public GatewayClient(int connections) {
        this.vertx = Vertx.vertx();
        this.http1 = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(connections)
                .setConnectTimeout(10_000).setMaxWebSockets(connections));
        this.h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setConnectTimeout(10_000));
    }

    /** Request options for {@code uri} on the listener at {@code port}, with {@code Host: host}. */
    public static RequestOptions to(int port, String host, String uri) {
        return to("127.0.0.1", port, host, uri);
    }

    /** Request options for {@code uri} on the listener at {@code address:port}, with {@code Host: host}. */
    public static RequestOptions to(String address, int port, String host, String uri) {
        return new RequestOptions().setServer(SocketAddress.inetSocketAddress(port, address)).setHost(host)
                .setPort(80).setURI(uri).setIdleTimeout(CALL_TIMEOUT.toMillis());
    }

    /** Sends a GET over HTTP/1.1; never fails: a failure is an {@link Outcome} with status 0. */
    public Future<Outcome> send(RequestOptions options) {
        return send(http1, options.setMethod(options.getMethod() == null ? HttpMethod.GET : options.getMethod()),
                null);
    }

    /** {@link #send(RequestOptions)} and wait for it. */
    public Outcome get(int port, String host, String uri) {
        return await(send(to(port, host, uri)));
    }

    /**
     * Sends a GET over HTTP/1.1 and completes with the response's status as soon as its head arrives, as Go's
     * {@code client.Do} returns (the body is drained and ignored, however it ends); 0 when no head came.
     */
    public Future<Integer> status(RequestOptions options) {
        return OnContext.call(vertx, () -> http1.request(options.setMethod(HttpMethod.GET)).compose(req -> req.send()
                .map(resp -> {
                    resp.exceptionHandler(e -> { });
                    resp.handler(b -> { });
                    return resp.statusCode();
                }))).recover(e -> Future.succeededFuture(0));
    }

    private Future<Outcome> send(HttpClient client, RequestOptions options, Buffer body) {
        long start = System.nanoTime();
        return OnContext.call(vertx, () -> client.request(options)
                .compose(req -> (body == null ? req.send() : req.send(body)).compose(resp -> resp.body()
                        .map(b -> new Outcome(resp.statusCode(), resp.headers(), resp.trailers(), b, null, start,
                                System.nanoTime())))))
                .recover(e -> Future.succeededFuture(new Outcome(0, MultiMap.caseInsensitiveMultiMap(),
                        MultiMap.caseInsensitiveMultiMap(), null, e, start, System.nanoTime())));
    }

    /** Opens a WebSocket through the listener at {@code port} with {@code Host: host}. */
    public WebSocket webSocket(int port, String host, String uri) {
        // the WebSocket client resolves the host of its options (no server address): connect to 127.0.0.1 and
        // name the route in the Host header, which the handshake keeps
        WebSocketConnectOptions options = new WebSocketConnectOptions();
        options.setHost("127.0.0.1").setPort(port).setURI(uri).putHeader("Host", host);
        return await(http1.webSocket(options));
    }

    /**
     * A gRPC call over h2c with prior knowledge: {@code messages} framed in one request body; the outcome's body
     * is the raw answer, {@link #messages(Outcome)} deframes it.
     */
    public Outcome grpc(int port, String host, String path, Map<String, String> metadata, String... messages) {
        Buffer body = Buffer.buffer();
        for (String m : messages) {
            body.appendBuffer(GrpcEcho.frame(Buffer.buffer(m)));
        }
        RequestOptions options = to(port, host, path).setMethod(HttpMethod.POST)
                .putHeader("content-type", "application/grpc").putHeader("te", "trailers");
        metadata.forEach(options::putHeader);
        return await(send(h2c, options, body));
    }

    /** The messages of a gRPC answer. */
    public static List<String> messages(Outcome outcome) {
        List<String> out = new ArrayList<>();
        if (outcome.body() != null) {
            new GrpcEcho.Deframer(m -> out.add(m.toString())).feed(outcome.body());
        }
        return out;
    }

    /**
     * A bounded load: {@code clients} loops, each sending {@code perClient} requests one after another; returns
     * every outcome once all are done.
     */
    public List<Outcome> load(int clients, int perClient, Supplier<RequestOptions> request) {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            loops.add(loop(perClient, request, outcomes));
        }
        Future<?> all = Future.join(new ArrayList<>(loops));
        try {
            all.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("load did not finish: " + e, e);
        }
        return List.copyOf(outcomes);
    }

    private Future<Void> loop(int remaining, Supplier<RequestOptions> request, List<Outcome> outcomes) {
        if (remaining == 0) {
            return Future.succeededFuture();
        }
        return send(request.get()).compose(o -> {
            outcomes.add(o);
            return loop(remaining - 1, request, outcomes);
        });
    }

    /** Waits for a future of this client (two minutes at most). */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
