package io.qnative.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Forwards the request to the pod the throttler reserved (the proxy of Knative's activator and queue-proxy): a plain
 * HTTP/1.x request to an HTTP/1.1 pod over the gateway's own pod connections ({@link PodExchange}), the rest (HTTP/2
 * clients, h2c pods, upgrades) on Vert.x's client directly. Either way bodies stream both ways with backpressure (a
 * full write queue pauses the other side), response trailers pass through (gRPC), HTTP/1.1 upgrades (WebSocket)
 * become a byte tunnel after the pod's 101.
 * A connection the pod refuses (nothing sent yet) ejects the pod and retries once on another; any other upstream
 * failure is 502 before the response started and an aborted stream after. A plain Service backend
 * ({@link ServiceStep}) has no request timer and retries on another of its endpoints.
 */
final class ProxyStep implements Step {

    /** Methods a pod may see twice (RFC 9110 9.2.2) without a body: retried once when a pod fails before answering. */
    static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    /**
     * Methods sent again on a new connection when the pod closed a reused one before answering (Go's
     * {@code isReplayable}, net/http's {@code request.go}); a request with an {@code Idempotency-Key} or
     * {@code X-Idempotency-Key} header is too.
     */
    static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    private final ThrottleStep throttle;
    private ServiceStep services;

    ProxyStep(ThrottleStep throttle) {
        this.throttle = throttle;
    }

    /** Where a request to a plain Service gets another endpoint when the first one fails. */
    void services(ServiceStep services) {
        this.services = services;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        HttpServerRequest req = ex.request;
        if (!ex.h2c() && req.version() != HttpVersion.HTTP_2 && !Headers.isUpgrade(req.headers())) {
            // the common case, before anything of Vert.x's client is built: the pod connection writes ex.authority
            PodExchange pod = new PodExchange(this, ex);
            ex.podRequest = pod;
            ex.upstreams.pods().acquire(((ContextInternal) ex.context).nettyEventLoop(), ex.pod.ip(),
                    ex.pod.port(), pod, false);
            return;
        }
        // the client's own authority (the common case: RouteStep.host built ex.host from it) is the one Vert.x parsed
        // for the request already
        HostAndPort own = ex.authority == ex.host ? req.authority() : null;
        HostAndPort authority = own != null && own.port() != 0 ? own : HostAndPort.parseAuthority(ex.authority, -1);
        RequestOptions options = new RequestOptions().setMethod(req.method())
                .setServer(SocketAddress.inetSocketAddress(ex.pod.port(), ex.pod.ip()))
                .setHost(authority == null ? ex.authority : authority.host())
                .setPort(authority == null || authority.port() < 0 ? 80 : authority.port())
                .setURI(req.uri());
        HttpClient client = ex.h2c() ? ex.upstreams.h2c() : ex.upstreams.http1();
        io.vertx.core.Future<HttpClientRequest> pending;
        try {
            pending = client.request(options);
        } catch (IllegalStateException closed) {
            ex.fail(503, "gateway is shutting down");
            return;
        }
        pending.onComplete(ar -> {
            if (ex.finished()) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                connectFailed(ex);
                return;
            }
            HttpClientRequest up = ar.result();
            ex.upstream = up;
            if (authority != null) {
                up.authority(authority);
            }
            writeHead(ex, up.headers());
            up.exceptionHandler(t -> {
                if (ex.upstream == up) {
                    upstreamFailed(ex);
                }
            });
            if (Headers.isUpgrade(req.headers()) && req.version() != HttpVersion.HTTP_2) {
                up.connect().onComplete(r -> upgradeResponse(ex, r));
                return;
            }
            up.response().onComplete(r -> {
                if (ex.upstream == up) {
                    response(ex, r);
                }
            });
            pumpRequest(ex, up);
        });
    }

    /**
     * The head the pod gets, written straight into the upstream request's headers (which Vert.x hands to netty's
     * encoder as they are): the client's headers without hop-by-hop and internal ones, the forwarding headers, the
     * route's appended headers and, when traced, the span's trace headers. A retry writes it again for its new
     * request, with the same generated {@code X-Request-Id}.
     */
    static void writeHead(Exchange ex, MultiMap headers) {
        HttpServerRequest req = ex.request;
        String generated = Headers.forwardRequest(req.headers(), headers, Headers.isUpgrade(req.headers()),
                peer(req.remoteAddress()), req.isSSL() ? "https" : "http", ex.host,
                ex.requestId == null ? Headers::requestId : () -> ex.requestId);
        if (generated != null) {
            ex.requestId = generated;
        }
        Headers.append(headers, ex.match.path().appendHeaders());
        Headers.append(headers, ex.split.appendHeaders());
        if (ex.span != null) {
            TraceHeaders.inject(ex.span, headers, ex.spanForm);
        }
    }

    /**
     * The client's address as text: the one Vert.x keeps with the connection's address when that was an IP literal
     * (an accepted socket's, which has no host name), so a request does not format the address again.
     */
    static String peer(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String host = remote.host();
        return host != null && remote.hostName() == null ? host : remote.hostAddress();
    }

    /** Whether the request may be sent again when its body (if any) is known in full: Go's {@code isReplayable}. */
    static boolean replayable(HttpServerRequest req) {
        if (REPLAYABLE.contains(req.method())) {
            return true;
        }
        MultiMap headers = req.headers();
        return headers.contains("Idempotency-Key") || headers.contains("X-Idempotency-Key");
    }

    /**
     * Sends the request again, once, on a new connection to the same pod: the pod closed the reused connection it
     * went out on before any byte of an answer, most likely as idle just as the request was written (Go's Transport,
     * {@code shouldRetryRequest} with {@code errServerClosedIdle} in net/http's {@code transport.go}); the pod is not
     * ejected for it. Only for a {@link #replayable} request whose body is {@code body} in full, or an {@link
     * #IDEMPOTENT} one without a body (a PUT or DELETE, which Go would not send again but which would otherwise go to
     * another pod, ejecting this one).
     */
    void resend(Exchange ex, List<Buffer> body) {
        PodExchange again = new PodExchange(this, ex, body);
        ex.podRequest = again;
        ex.upstreams.pods().acquire(((ContextInternal) ex.context).nettyEventLoop(), ex.pod.ip(), ex.pod.port(),
                again, true);
    }

    void connectFailed(Exchange ex) {
        if (!ex.retried) {
            ex.retried = true;
            retry(ex);
        } else {
            ex.fail(502, "cannot connect to " + ex.backendName());
        }
    }

    /** Another pod of the revision (the throttler ejects the failed one), or another endpoint of the Service. */
    private void retry(Exchange ex) {
        if (ex.service != null) {
            services.retry(ex, e -> handle(e, null));
        } else {
            throttle.reacquire(ex, e -> handle(e, null));
        }
    }

    /**
     * The pod failed the request before answering. A request that can be sent again unchanged (idempotent method, no
     * body read from the client, no upgrade) goes to another pod once, as after a refused connection: a pooled
     * connection to a pod that has just died fails this way before the gateway learns the pod is gone.
     */
    void upstreamFailed(Exchange ex) {
        if (ex.finished()) {
            return;
        }
        if (!ex.retried && ex.status == 0 && !ex.bodyRead && IDEMPOTENT.contains(ex.request.method())
                && !Headers.isUpgrade(ex.request.headers())) {
            ex.retried = true;
            HttpClientRequest failed = ex.upstream;
            ex.upstream = null;
            if (failed != null) {
                failed.reset();
            }
            PodExchange pod = ex.podRequest;
            ex.podRequest = null;
            if (pod != null) {
                pod.reset();
            }
            retry(ex);
            return;
        }
        ex.fail(502, "error from " + ex.backendName());
    }

    private static void pumpRequest(Exchange ex, HttpClientRequest up) {
        HttpServerRequest req = ex.request;
        if (req.isEnded()) {
            // a retry: the client's request (without a body, or it would not be retried) ended on the first try
            up.end();
            return;
        }
        boolean sized = req.headers().contains("Content-Length");
        req.handler(buf -> {
            if (!sized && !up.isChunked()) {
                // HTTP/1.1 sends the body chunked; HTTP/2 has no chunked coding, but Vert.x's client still refuses to
                // stream a body of unknown length (a gRPC stream) unless the request is flagged chunked
                up.setChunked(true);
            }
            if (buf.length() > 0) {
                ex.bodyRead = true;
            }
            up.write(buf);
            if (up.writeQueueFull()) {
                req.pause();
                up.drainHandler(v -> req.resume());
            }
        });
        req.endHandler(v -> up.end());
        req.resume();
    }

    private void response(Exchange ex, AsyncResult<HttpClientResponse> ar) {
        if (ex.finished()) {
            return;
        }
        if (ar.failed()) {
            upstreamFailed(ex);
            return;
        }
        HttpClientResponse resp = ar.result();
        HttpServerResponse out = ex.response();
        copyHead(ex, resp, out);
        RequestTimer timer = ex.timer;
        // an HTTP/1.x body of known length (no trailers possible) ends with its last byte: that chunk is written with
        // the end of the response, so the client gets head, body and end in one write instead of two
        ex.bodyLeft = resp.version() == HttpVersion.HTTP_2 ? -1 : contentLength(resp.headers());
        resp.handler(buf -> {
            if (ex.bodyLeft >= 0 && ex.finished()) {
                return; // ended with its last byte (the decoder sends no more than Content-Length)
            }
            if (writeBody(ex, out, timer, buf)) {
                resp.pause();
                out.drainHandler(v -> resp.resume());
            }
        });
        resp.exceptionHandler(t -> {
            if (!ex.finished()) {
                ex.abort();
            }
        });
        resp.endHandler(v -> {
            if (ex.finished()) {
                return;
            }
            if (!resp.trailers().isEmpty()) {
                out.trailers().addAll(resp.trailers());
            }
            out.end();
        });
    }

    /**
     * Writes a piece of the pod's response body to the client, the last piece of a Content-Length body with the end
     * of the response (head, body and end in one write); {@code true} when the client's write queue is full and the
     * caller pauses the pod's side until the response drains.
     */
    static boolean writeBody(Exchange ex, HttpServerResponse out, RequestTimer timer, Buffer buf) {
        if (timer != null) {
            timer.activity();
        }
        if (ex.bodyLeft >= 0) {
            ex.bodyLeft -= buf.length();
            if (ex.bodyLeft <= 0) {
                out.end(buf);
                return false;
            }
        }
        out.write(buf);
        return out.writeQueueFull();
    }

    /** The {@code Content-Length} of a head, or -1 when absent or not one number. */
    static long contentLength(MultiMap headers) {
        return contentLength(headers.get(HttpHeaders.CONTENT_LENGTH));
    }

    /** A {@code Content-Length} value as a number, or -1 when absent or not one number. */
    static long contentLength(String v) {
        if (v == null || v.isEmpty() || v.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static void copyHead(Exchange ex, HttpClientResponse resp, HttpServerResponse out) {
        ex.status = resp.statusCode();
        if (ex.timer != null) {
            ex.timer.responseStarted();
        }
        out.setStatusCode(resp.statusCode());
        String message = resp.statusMessage();
        // the code's standard reason phrase is what the server writes anyway: setting it again builds a status object
        if (message != null && ex.request.version() != HttpVersion.HTTP_2
                && !message.equals(HttpResponseStatus.valueOf(resp.statusCode()).reasonPhrase())) {
            out.setStatusMessage(message);
        }
        MultiMap headers = out.headers();
        Headers.copyResponse(resp.headers(), headers);
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            if (ex.request.version() != HttpVersion.HTTP_2) {
                out.setChunked(true);
            }
            sendStreamedHead(out);
        }
    }

    /**
     * Sends the head of a response of unknown length to the client now rather than with its first body bytes, as
     * Knative's activator and queue-proxy (Go's httputil.ReverseProxy, which flushes a streamed response's head at
     * once) do: a pod that answers its status and streams the body later has started its response in the client's
     * eyes, so timeoutSeconds then cuts the stream instead of turning it into a 504 (Knative's TestRevisionTimeout,
     * test/conformance/api/v1/revision_timeout_test.go). A response with a Content-Length keeps head and body in one
     * write.
     */
    static void sendStreamedHead(HttpServerResponse out) {
        if (!out.headWritten()) {
            out.writeHead();
        }
    }

    /** Copies {@code from} to {@code to} with backpressure, noting each chunk as activity on the tunnel's timer. */
    private static void relay(NetSocket from, NetSocket to, RequestTimer timer) {
        from.handler(buf -> {
            if (timer != null) {
                timer.activity();
            }
            to.write(buf);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.endHandler(v -> to.end());
    }

    private void upgradeResponse(Exchange ex, AsyncResult<HttpClientResponse> ar) {
        if (ex.finished()) {
            return;
        }
        if (ar.failed()) {
            upstreamFailed(ex);
            return;
        }
        HttpClientResponse resp = ar.result();
        if (resp.statusCode() != 101) {
            response(ex, ar);
            ex.request.resume();
            return;
        }
        // the 101 is the response's start: timeoutSeconds and responseStartTimeoutSeconds end here, before the
        // client's side is switched, so a deadline falling in between cannot cut the upgrade
        if (ex.timer != null) {
            ex.timer.upgraded();
        }
        NetSocket back = resp.netSocket();
        HttpServerResponse out = ex.response();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
        out.headers().addAll(headers);
        ex.request.toNetSocket().onComplete(f -> {
            if (f.failed()) {
                back.close();
                ex.fail(502, "cannot upgrade the client connection");
                return;
            }
            NetSocket front = f.result();
            ex.status = 101;
            ex.upgraded = true;
            // Knative cuts WebSockets at the request's timeouts (knative/serving#16169, #16638); here, after the 101,
            // only idleTimeoutSeconds applies, counted on bytes in either direction, within config-network's
            // max-upgraded-connection-seconds from the upgrade (the revision's timeoutSeconds when unset, 0 no cap;
            // docs/differences-from-knative.md)
            // a plain Service's tunnel has no gateway timer (ex.revision is null: no revision timeouts apply)
            RequestTimer tunnel = ex.revision == null ? null : throttle.tunnelTimer(ex, () -> {
                front.close();
                back.close();
            });
            relay(front, back, tunnel);
            relay(back, front, tunnel);
            front.closeHandler(v -> {
                if (tunnel != null) {
                    tunnel.cancel();
                }
                back.close();
                ex.finish();
            });
            back.closeHandler(v -> {
                if (tunnel != null) {
                    tunnel.cancel();
                }
                front.close();
                ex.finish();
            });
        });
    }
}
