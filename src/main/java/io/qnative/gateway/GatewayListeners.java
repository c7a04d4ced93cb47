package io.qnative.gateway;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.tracing.TracingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The gateway's listeners and upstream clients on Vert.x: HTTP/1.1 and h2c (prior knowledge and Upgrade) on the
 * external and cluster-local ports, HTTPS with SNI on 8443/8444 only when certificates exist, and the pooled
 * clients to pods (100 connections per pod and event loop as Knative's transport; Vert.x's default is 5). The
 * proxied requests are not traced by Quarkus' Vert.x instrumentation ({@link TracingPolicy#IGNORE}): even with
 * sampling off it cost about a sixth of an event loop's time per request. The gateway traces them itself
 * ({@link TraceStep}), at no cost while nothing is sampled.
 */
public final class GatewayListeners {

    /** The bound ports (0 when a listener is not started). */
    public record Bound(int externalHttp, int internalHttp, int externalHttps, int internalHttps) {
    }

    /** TLS 1.2 and 1.3 only. */
    static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /** One event loop's context and its clients to pods; its listeners run there. */
    private record Loop(ContextInternal context, Upstreams upstreams) {
    }

    private final Vertx vertx;
    private final int instances;
    private final int perPod;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Upstreams> clients = new ArrayList<>();
    private final List<Loop> loops = new ArrayList<>();
    private Future<Bound> https;

    /**
     * @param eventLoops how many event loops serve the listeners, each with its own server and clients ({@code <= 0}:
     *     every event loop of {@code vertx})
     * @param perPod HTTP/1.1 connections each event loop keeps per pod
     */
    public GatewayListeners(Vertx vertx, int eventLoops, int perPod) {
        this.vertx = vertx;
        this.instances = eventLoops > 0 ? eventLoops : eventLoops(vertx);
        this.perPod = perPod;
    }

    /** The event loops of {@code vertx}. */
    static int eventLoops(Vertx vertx) {
        int n = 0;
        for (var ignored : vertx.nettyEventLoopGroup()) {
            n++;
        }
        return Math.max(1, n);
    }

    /** How many event loops serve the listeners. */
    public int instances() {
        return instances;
    }

    /** The HTTP/1.1 client to pods; its idle connections are kept as long as {@link PodConnections}' are. */
    public static HttpClient http1Client(Vertx vertx, int perPod) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setKeepAliveTimeout((int) PodConnections.IDLE.toSeconds())
                        .setConnectTimeout(2000).setTryUseCompression(false).setDecompressionSupported(false)
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(perPod).setMaxWaitQueueSize(-1));
    }

    /** The h2c (prior knowledge) client to pods. */
    public static HttpClient h2cClient(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false).setKeepAlive(true).setConnectTimeout(2000)
                        .setHttp2MultiplexingLimit(1000).setDecompressionSupported(false)
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp2MaxSize(4).setMaxWaitQueueSize(-1));
    }

    /**
     * Starts the HTTP listeners (and the HTTPS ones when {@code certificates} has any, see {@link #startHttps}) on
     * {@link #instances()} event loops: one listener set per loop, each created on a context of its own loop, sharing the ports (Vert.x hands
     * each accepted connection to the next one), so every loop serves connections, as Quarkus' own HTTP server does.
     * A port of 0 picks a free port that all loops share (Vert.x shares a random port among servers asking for the
     * same negative port).
     *
     * @param host the bind address
     */
    public Future<Bound> start(GatewayHandler handler, String host, Gateway.Ports ports,
            GatewayCertificates certificates) {
        Gateway.Ports shared = new Gateway.Ports(sharedPort(ports.externalHttp(), 1),
                sharedPort(ports.externalHttps(), 2), sharedPort(ports.internalHttp(), 3),
                sharedPort(ports.internalHttps(), 4));
        List<Future<Bound>> started = new ArrayList<>();
        var eventLoops = vertx.nettyEventLoopGroup().iterator();
        for (int i = 0; i < instances; i++) {
            if (!eventLoops.hasNext()) {
                eventLoops = vertx.nettyEventLoopGroup().iterator();
            }
            // a context pinned to this loop (Vert.x's public API hands out loops round robin, shared with every
            // other context being created, which can put two listener sets on one loop)
            ContextInternal context = ((VertxInternal) vertx).createEventLoopContext((EventLoop) eventLoops.next(),
                    null, Thread.currentThread().getContextClassLoader());
            Loop loop = new Loop(context, new Upstreams(http1Client(vertx, perPod), h2cClient(vertx),
                    new PodConnections(vertx, perPod)));
            synchronized (servers) {
                clients.add(loop.upstreams());
                loops.add(loop);
            }
            started.add(onLoop(loop, () -> {
                Future<HttpServer> ext = listen(handler, loop.upstreams(), true, host, shared.externalHttp(), null);
                Future<HttpServer> in = listen(handler, loop.upstreams(), false, host, shared.internalHttp(), null);
                return Future.all(ext, in).map(v -> new Bound(port(ext), port(in), 0, 0));
            }));
        }
        Future<Bound> http = Future.all(started).map(all -> started.get(0).result());
        if (!certificates.available()) {
            return http;
        }
        return http.compose(plain -> startHttps(handler, host, ports, certificates).map(tls -> new Bound(
                plain.externalHttp(), plain.internalHttp(), tls.externalHttps(), tls.internalHttps())));
    }

    /**
     * Starts the HTTPS listeners (8443 external, 8444 cluster-local) on every loop {@link #start} set up, once;
     * later calls return the first start. The certificate is chosen per handshake by SNI, so certificates added
     * later need no restart.
     *
     * @return the bound HTTPS ports (the HTTP ones 0)
     */
    public synchronized Future<Bound> startHttps(GatewayHandler handler, String host, Gateway.Ports ports,
            GatewayCertificates certificates) {
        if (https == null) {
            List<Loop> started;
            synchronized (servers) {
                started = List.copyOf(loops);
            }
            if (started.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("the HTTP listeners are not started"));
            }
            int ext = sharedPort(ports.externalHttps(), 2);
            int in = sharedPort(ports.internalHttps(), 4);
            List<Future<Bound>> bound = started.stream().map(loop -> onLoop(loop, () -> {
                Future<HttpServer> exts = listen(handler, loop.upstreams(), true, host, ext, certificates);
                Future<HttpServer> ins = listen(handler, loop.upstreams(), false, host, in, certificates);
                return Future.all(exts, ins).map(v -> new Bound(0, 0, port(exts), port(ins)));
            })).toList();
            https = Future.all(bound).map(all -> bound.get(0).result());
        }
        return https;
    }

    /** Runs {@code listen} on {@code loop}'s context. */
    private static Future<Bound> onLoop(Loop loop, Supplier<Future<Bound>> listen) {
        Promise<Bound> bound = Promise.promise();
        loop.context().runOnContext(v -> listen.get().onComplete(bound));
        return bound.future();
    }

    /** A configured port, or for 0 the negative key under which Vert.x binds one random port for every loop. */
    private static int sharedPort(int port, int key) {
        return port == 0 ? -key : port;
    }

    private Future<HttpServer> listen(GatewayHandler handler, Upstreams upstreams, boolean external, String host,
            int port, GatewayCertificates certificates) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(true).setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false).setDecompressionSupported(false).setTcpNoDelay(true)
                // WebSockets are tunnelled as bytes after the pod's 101 (ProxyStep), so the pod negotiates its own
                // extensions: Vert.x's permessage/per-frame deflate would only put netty's WebSocket extension
                // handler in every HTTP/1 connection's pipeline, inspecting each request and response head
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)
                .setTracingPolicy(TracingPolicy.IGNORE);
        if (certificates != null) {
            options.setSsl(true).setSni(true).setUseAlpn(true).setKeyCertOptions(new SniKeyCertOptions(certificates))
                    .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(handler.handler(external, upstreams));
        synchronized (servers) {
            servers.add(server);
        }
        return server.listen();
    }

    private static int port(Future<HttpServer> f) {
        return f.result() == null ? 0 : f.result().actualPort();
    }

    /** Closes every listener (and its connections), then the event loops' clients to pods. */
    public Future<Void> close() {
        List<Future<Void>> closes = new ArrayList<>();
        List<Upstreams> upstreams;
        synchronized (servers) {
            servers.forEach(s -> closes.add(s.close()));
            servers.clear();
            upstreams = new ArrayList<>(clients);
            clients.clear();
            loops.clear();
        }
        return Future.all(closes).transform(ar -> Future.all(upstreams.stream().map(Upstreams::close).toList()))
                .mapEmpty();
    }

}
