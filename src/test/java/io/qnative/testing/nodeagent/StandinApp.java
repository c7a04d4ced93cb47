package io.qnative.testing.nodeagent;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * What every stand-in container answers besides its image's app (see {@link SampleImages}): the {@code
 * /_standin/*} paths for data-plane tests, WebSocket and gRPC echo, a per-request delay, and a count of the
 * requests in flight.
 *
 * <ul>
 *   <li>{@value #CONCURRENCY_PATH}: {@code {"inFlight":n,"max":n,"requests":n}} — requests being served now,
 *       the most ever in flight at once and how many arrived, since start or the last {@code ?reset=true}
 *       (which answers the values before the reset). Not counted itself, nor is {@value SampleImages#ENV_PATH}.
 *   <li>{@value #HEADERS_PATH}: the request as the container saw it, as JSON: {@code method}, {@code uri},
 *       {@code version}, {@code authority}, {@code local} (the pod IP), {@code remote} and {@code headers}
 *       (lower-case name → list of values).
 *   <li>{@value #STREAM_PATH}{@code ?bytes=n}: a chunked body of n bytes, byte i being {@link #patternByte},
 *       written with backpressure.
 *   <li>{@value #ECHO_PATH}: the request body streamed back as it arrives (chunked, with backpressure).
 *   <li>{@value #UPLOAD_PATH}: reads the whole body and answers {@code {"bytes":n,"crc32":c}}.
 *   <li>{@value #TIMEOUT_PATH}{@code ?initialTimeout=ms&timeout=ms}: Knative's {@code timeout} test image
 *       ({@code test/test_images/timeout}): waits {@code initialTimeout}, sends the 200 and its headers, waits
 *       {@code timeout}, then answers {@code Slept for <initialTimeout + timeout> milliseconds}.
 *   <li>a WebSocket upgrade on any path: every text and binary message is sent back.
 *   <li>{@code content-type: application/grpc} on any path: {@link GrpcEcho}.
 * </ul>
 *
 * <p>{@value #DELAY_MS} in the container's env delays every counted request by that many milliseconds (a
 * timer; the request counts as in flight while it waits). {@value #SINGLE_THREADED} {@code true} makes the container
 * Knative's {@code singlethreaded} test image: a counted request that arrives while another is in flight is answered
 * {@code 500 concurrent request} at once.
 */
public final class StandinApp implements Handler<HttpServerRequest> {

    /** Milliseconds every request waits before it is answered. */
    public static final String DELAY_MS = "QNATIVE_STANDIN_DELAY_MS";
    /** {@code true}: a request arriving while another is in flight gets a 500. */
    public static final String SINGLE_THREADED = "QNATIVE_STANDIN_SINGLE_THREADED";
    /** The body of the 500 a single-threaded container answers to a second request in flight. */
    public static final String CONCURRENT_BODY = "concurrent request\n";
    /** Knative's timeout image: {@code ?initialTimeout=ms&timeout=ms}. */
    public static final String TIMEOUT_PATH = "/_standin/timeout";
    /** Requests in flight now and at most. */
    public static final String CONCURRENCY_PATH = "/_standin/concurrency";
    /** The request as seen by the container. */
    public static final String HEADERS_PATH = "/_standin/headers";
    /** A generated body of {@code ?bytes=n}. */
    public static final String STREAM_PATH = "/_standin/stream";
    /** The request body sent back. */
    public static final String ECHO_PATH = "/_standin/echo";
    /** The request body counted. */
    public static final String UPLOAD_PATH = "/_standin/upload";

    private static final int CHUNK = 64 * 1024;

    private final Handler<HttpServerRequest> app;
    private final Runnable onProcessStart;
    private final String envJson;
    private final long delayMs;
    private final boolean singleThreaded;
    private final Vertx vertx;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();

    /** @param onProcessStart resets the app's own state at each start of the container's process */
    StandinApp(Handler<HttpServerRequest> app, Runnable onProcessStart, Map<String, String> env, Vertx vertx) {
        this.app = app;
        this.onProcessStart = onProcessStart;
        this.envJson = new JsonObject(new TreeMap<String, Object>(env)).encode();
        this.delayMs = Math.max(0, SampleImages.Behaviour.longOr(env.get(DELAY_MS), 0));
        this.singleThreaded = Boolean.parseBoolean(env.getOrDefault(SINGLE_THREADED, "false").trim());
        this.vertx = vertx;
    }

    /** Byte {@code i} of a {@value #STREAM_PATH} body. */
    public static byte patternByte(long i) {
        return (byte) (i % 251);
    }

    /** The container's process (re)started: the app's own state is a new process's. */
    void processStarted() {
        onProcessStart.run();
    }

    /** Requests being served now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests ever in flight at once (since the last reset). */
    public int maxInFlight() {
        return max.get();
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        if (CONCURRENCY_PATH.equals(path)) {
            concurrency(request);
            return;
        }
        if (SampleImages.ENV_PATH.equals(path)) {
            request.response().putHeader("content-type", "application/json").end(envJson);
            return;
        }
        Runnable release = track();
        if (singleThreaded && inFlight.get() > 1) {
            request.response().closeHandler(v -> release.run());
            request.response().setStatusCode(500).putHeader("content-type", "text/plain; charset=utf-8")
                    .end(CONCURRENT_BODY).onComplete(v -> release.run());
            return;
        }
        if (delayMs == 0) {
            dispatch(request, release);
            return;
        }
        request.pause();
        request.response().closeHandler(v -> release.run());
        vertx.setTimer(delayMs, id -> {
            if (request.response().closed()) {
                release.run();
                return;
            }
            dispatch(request, release);
            request.resume();
        });
    }

    private Runnable track() {
        int now = inFlight.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
        requests.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
    }

    private void dispatch(HttpServerRequest request, Runnable release) {
        if ("websocket".equalsIgnoreCase(request.getHeader("upgrade"))) {
            webSocketEcho(request, release);
            return;
        }
        HttpServerResponse response = request.response();
        response.closeHandler(v -> release.run());
        response.bodyEndHandler(v -> release.run());
        if (GrpcEcho.isGrpc(request)) {
            GrpcEcho.handle(request);
            return;
        }
        switch (request.path()) {
            case HEADERS_PATH -> headers(request);
            case STREAM_PATH -> stream(request);
            case ECHO_PATH -> echo(request);
            case UPLOAD_PATH -> upload(request);
            case TIMEOUT_PATH -> timeout(request, vertx);
            default -> app.handle(request);
        }
    }

    private void concurrency(HttpServerRequest request) {
        JsonObject report = new JsonObject().put("inFlight", inFlight.get()).put("max", max.get())
                .put("requests", requests.get());
        if ("true".equals(request.getParam("reset"))) {
            max.set(inFlight.get());
            requests.set(0);
        }
        request.response().putHeader("content-type", "application/json").end(report.encode());
    }

    private static void headers(HttpServerRequest request) {
        TreeMap<String, Object> headers = new TreeMap<>();
        MultiMap all = request.headers();
        for (String name : all.names()) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), new JsonArray(all.getAll(name)));
        }
        JsonObject json = new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                .put("version", request.version().name())
                .put("authority", request.authority() == null ? null : request.authority().toString())
                .put("local", request.localAddress().hostAddress())
                .put("remote", request.remoteAddress().hostAddress())
                .put("headers", new JsonObject(headers));
        request.response().putHeader("content-type", "application/json").end(json.encode());
    }

    private static void stream(HttpServerRequest request) {
        long total;
        try {
            total = Long.parseLong(request.getParam("bytes", "0"));
        } catch (NumberFormatException e) {
            total = -1;
        }
        HttpServerResponse response = request.response();
        if (total < 0) {
            response.setStatusCode(400).end("bytes must be a number ≥ 0\n");
            return;
        }
        response.setChunked(true).putHeader("content-type", "application/octet-stream");
        writeFrom(response, 0, total);
    }

    /** Writes bytes [from, total) in chunks, pausing while the connection's write queue is full. */
    private static void writeFrom(HttpServerResponse response, long from, long total) {
        long at = from;
        while (at < total && !response.writeQueueFull()) {
            int n = (int) Math.min(CHUNK, total - at);
            Buffer chunk = Buffer.buffer(n);
            for (int i = 0; i < n; i++) {
                chunk.appendByte(patternByte(at + i));
            }
            response.write(chunk);
            at += n;
        }
        if (at >= total) {
            response.end();
        } else if (!response.closed()) {
            long next = at;
            response.drainHandler(v -> writeFrom(response, next, total));
        }
    }

    private static void echo(HttpServerRequest request) {
        HttpServerResponse response = request.response().setChunked(true);
        String type = request.getHeader("content-type");
        if (type != null) {
            response.putHeader("content-type", type);
        }
        request.pipeTo(response);
    }

    private static void upload(HttpServerRequest request) {
        AtomicLong bytes = new AtomicLong();
        CRC32 crc = new CRC32();
        request.handler(chunk -> {
            bytes.addAndGet(chunk.length());
            crc.update(chunk.getBytes());
        });
        request.endHandler(v -> request.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("bytes", bytes.get()).put("crc32", crc.getValue()).encode()));
    }

    private static void timeout(HttpServerRequest request, Vertx vertx) {
        long initial = Math.max(0, SampleImages.Behaviour.longOr(request.getParam("initialTimeout"), 0));
        long then = Math.max(0, SampleImages.Behaviour.longOr(request.getParam("timeout"), 0));
        HttpServerResponse response = request.response();
        vertx.setTimer(Math.max(1, initial), a -> {
            if (response.closed()) {
                return;
            }
            // the status line and headers go out now (Knative's image flushes them), the body after the second wait
            response.setChunked(true).putHeader("content-type", "text/plain; charset=utf-8").writeHead();
            vertx.setTimer(Math.max(1, then), b -> {
                if (!response.closed()) {
                    response.end("Slept for " + (initial + then) + " milliseconds");
                }
            });
        });
    }

    private static void webSocketEcho(HttpServerRequest request, Runnable release) {
        request.toWebSocket().onSuccess(ws -> {
            ws.closeHandler(v -> release.run());
            ws.textMessageHandler(ws::writeTextMessage);
            ws.binaryMessageHandler(ws::writeBinaryMessage);
        }).onFailure(e -> release.run());
    }
}
