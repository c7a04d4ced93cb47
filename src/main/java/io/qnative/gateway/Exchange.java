package io.qnative.gateway;

import io.qnative.gateway.activator.PodTracker;
import io.qnative.gateway.activator.RevisionSettings;
import io.qnative.gateway.activator.RevisionThrottler;
import io.qnative.gateway.activator.Ticket;
import io.qnative.gateway.routing.RoutingTable;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's way through the handler chain: the client request, what routing decided, the slot it holds and
 * what must happen when it ends. Touched only on the request's own event-loop context; {@link #finish} runs the
 * end hooks exactly once (response written, client gone, or aborted).
 */
public final class Exchange {

    final HttpServerRequest request;
    final boolean external;
    final long arrivalNanos;
    final Context context;
    /** The clients of the event loop the request arrived on. */
    final Upstreams upstreams;
    final List<Runnable> onEnd = new ArrayList<>(4);
    String host;
    RoutingTable.Match match;
    RoutingTable.Split split;
    /** The revision the request goes to; null for a plain Service backend ({@link #service}). */
    RevisionSettings revision;
    /** The plain Kubernetes Service the request goes to, when the split's backend is not a revision. */
    ServiceBackend.Target service;
    /** The Host sent upstream: the client's, or a path's {@code rewriteHost} for a Service backend. */
    String authority;
    RevisionThrottler throttler;
    Ticket ticket;
    PodTracker pod;
    /** The span the pod's trace headers name as parent (tracing on and sampled), or null. */
    io.opentelemetry.api.trace.SpanContext span;
    /** The B3 form the client used, for the pod's trace headers. */
    TraceHeaders.B3 spanForm;
    /** The {@code X-Request-Id} the gateway generated for the pod (kept for a retry), or null. */
    String requestId;
    HttpClientRequest upstream;
    /** The request on a pooled pod connection ({@link PodConnections}), when not sent through {@link #upstream}. */
    PodExchange podRequest;
    RequestTimer timer;
    /** Whether the gateway paused the client's request on arrival (one that may have a body or switch protocols). */
    boolean paused;
    boolean retried;
    boolean upgraded;
    /** Whether any request body byte was read from the client (a request that cannot be sent again). */
    boolean bodyRead;
    int status;
    /** Response body bytes still to come from an HTTP/1.x pod that sent Content-Length, else -1. */
    long bodyLeft = -1;
    private boolean finished;

    Exchange(HttpServerRequest request, boolean external, long arrivalNanos, Context context, Upstreams upstreams) {
        this.request = request;
        this.upstreams = upstreams;
        this.external = external;
        this.arrivalNanos = arrivalNanos;
        this.context = context;
    }

    /** Whether the backend speaks h2c. */
    boolean h2c() {
        return service != null ? service.h2c() : revision.h2c();
    }

    /** The backend, for error bodies: {@code revision <name>} or {@code service <ns>/<name>}. */
    String backendName() {
        return service != null ? "service " + service.id() : "revision " + revision.name();
    }

    HttpServerResponse response() {
        return request.response();
    }

    boolean finished() {
        return finished;
    }

    /** Registers work for the end of the exchange (runs at once if it already ended). */
    void onEnd(Runnable hook) {
        if (finished) {
            hook.run();
        } else {
            onEnd.add(hook);
        }
    }

    /** Ends the exchange: releases its slot, stops its timer, runs the hooks. Idempotent. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel();
        }
        if (throttler != null && ticket != null) {
            throttler.release(ticket);
        }
        for (int i = 0; i < onEnd.size(); i++) {
            onEnd.get(i).run();
        }
        if (paused && !upgraded && !request.isEnded()) {
            // a body nobody forwarded (error answered by the gateway) is read and dropped, so keep-alive goes on
            try {
                request.resume();
            } catch (IllegalStateException alreadyRead) {
                // the body was consumed meanwhile: nothing to drop
            }
        }
    }

    /**
     * Sends a gateway-generated error ({@code text/plain}, a short reason; 503 with {@code Retry-After}) when no
     * header went out yet, else aborts the stream; then finishes.
     */
    void fail(int code, String reason) {
        HttpServerResponse resp = response();
        if (!resp.headWritten() && !resp.ended() && !resp.closed()) {
            status = code;
            resp.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8");
            if (code == 503) {
                resp.putHeader("Retry-After", "1");
            }
            resp.end(reason + "\n");
        } else {
            abort();
        }
        finish();
    }

    /** Cuts the client stream (HTTP/2 RST_STREAM, HTTP/1 connection close) and any upstream request. */
    void abort() {
        if (finished) {
            return;
        }
        if (upstream != null) {
            upstream.reset();
        }
        if (podRequest != null) {
            podRequest.reset();
        }
        HttpServerResponse resp = response();
        if (!resp.ended()) {
            if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
                resp.reset();
            } else {
                request.connection().close();
            }
        }
        finish();
    }
}
