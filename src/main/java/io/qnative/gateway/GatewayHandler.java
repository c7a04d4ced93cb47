package io.qnative.gateway;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.activator.ClusterView;
import io.qnative.gateway.metrics.GatewayMetrics;
import io.qnative.gateway.metrics.StatReporter;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.observability.TracingSettings;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one place the gateway's handler chain is composed (as Knative's cmd/activator/main.go): probe, route,
 * trace, metrics, throttle, proxy; a plain Service backend leaves after routing for the proxy directly (untraced,
 * counted under its Service's name). Also keeps the count of requests in flight and the drain switches the
 * listeners use.
 */
public final class GatewayHandler {

    private final Vertx vertx;
    private final LongSupplier nanos;
    private final Consumer<Exchange> chain;
    private final BooleanSupplier ready;
    private final Upstreams shared;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable decrement = inFlight::decrementAndGet;
    private volatile boolean draining;
    private volatile boolean refusing;

    /**
     * @param ready whether this replica may be sent traffic (caches synced); draining turns it false
     * @param http1 the client to HTTP/1.1 pods of {@link #handler(boolean)}
     * @param h2c the client to h2c pods (prior knowledge) of {@link #handler(boolean)}
     */
    public GatewayHandler(Vertx vertx, RoutingTable table, ClusterView cluster, Activator activator,
            StatReporter reporter, GatewayMetrics metrics, BooleanSupplier ready, HttpClient http1, HttpClient h2c,
            RandomGenerator random, LongSupplier nanos) {
        this(vertx, table, cluster, activator, reporter, metrics, ready, http1, h2c, random, nanos,
                TracerProvider.noop().get("qnative"), () -> TracingSettings.OFF);
    }

    /**
     * @param tracer  the tracer of the per-request spans ({@link TraceStep})
     * @param tracing the current tracing settings, read once per request
     */
    public GatewayHandler(Vertx vertx, RoutingTable table, ClusterView cluster, Activator activator,
            StatReporter reporter, GatewayMetrics metrics, BooleanSupplier ready, HttpClient http1, HttpClient h2c,
            RandomGenerator random, LongSupplier nanos, Tracer tracer, Supplier<TracingSettings> tracing) {
        this.vertx = vertx;
        this.nanos = nanos;
        this.ready = ready;
        this.shared = new Upstreams(http1, h2c, new PodConnections(vertx, 100));
        ThrottleStep throttle = new ThrottleStep(vertx, activator, nanos);
        ProxyStep proxy = new ProxyStep(throttle);
        ServiceStep services = new ServiceStep(random, ex -> proxy.handle(ex, null), metrics, nanos);
        proxy.services(services);
        this.chain = Step.chain(List.of(
                new ProbeStep(this::ready, table),
                new RouteStep(table, cluster, random),
                services,
                new TraceStep(tracer, tracing),
                new MetricsStep(reporter, metrics, nanos),
                (ex, next) -> {
                    ex.throttler = activator.throttler(ex.revision);
                    if (!metrics.tracked(ex.revision)) {
                        metrics.track(ex.revision, ex.throttler, reporter);
                    }
                    next.accept(ex);
                },
                throttle,
                proxy));
    }

    /** Whether the kubelet should see this replica ready: synced and not draining. */
    public boolean ready() {
        return !draining && ready.getAsBoolean();
    }

    /** The request handler of the external ({@code true}) or cluster-local listener, with the shared clients. */
    public Handler<HttpServerRequest> handler(boolean external) {
        return handler(external, shared);
    }

    /**
     * The request handler of the external ({@code true}) or cluster-local listener of one event loop, sending to
     * pods with {@code upstreams} (that loop's own clients).
     */
    Handler<HttpServerRequest> handler(boolean external, Upstreams upstreams) {
        return req -> {
            if (refusing) {
                req.response().setStatusCode(503).putHeader("Connection", "close").putHeader("Retry-After", "1")
                        .putHeader("Content-Type", "text/plain").end("gateway is shutting down\n");
                return;
            }
            Exchange ex = new Exchange(req, external, nanos.getAsLong(), vertx.getOrCreateContext(), upstreams);
            if (Headers.mayHaveBody(req)) {
                // held until the proxy streams it; a request without a body ends on its own, nothing to hold
                req.pause();
                ex.paused = true;
            }
            inFlight.incrementAndGet();
            ex.onEnd(decrement);
            req.response().endHandler(v -> ex.finish());
            req.response().closeHandler(v -> ex.abort());
            req.response().exceptionHandler(t -> ex.abort());
            try {
                chain.accept(ex);
            } catch (RuntimeException e) {
                ex.fail(500, "internal error");
            }
        };
    }

    /** Requests in flight (queued included). */
    public int inFlight() {
        return inFlight.get();
    }

    /** First drain phase: readiness turns false, requests are still served. */
    public void startDraining() {
        draining = true;
    }

    /** Second drain phase: new requests are refused with 503 and {@code Connection: close}. */
    public void refuseNew() {
        draining = true;
        refusing = true;
    }
}
