package io.qnative.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The gateway's listeners and upstream clients on Vert.x: HTTP/1.1 and h2c (prior knowledge and Upgrade) on the
 * external and cluster-local ports, HTTPS with SNI on 8443/8444 only when certificates exist, and the pooled
 * clients to pods (100 connections per pod as Knative's transport; Vert.x's default is 5).
 */
public final class GatewayListeners {

    /** The bound ports (0 when a listener is not started). */
    public record Bound(int externalHttp, int internalHttp, int externalHttps, int internalHttps) {
    }

    /** TLS 1.2 and 1.3 only. */
    static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private Future<Bound> https;

    public GatewayListeners(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The HTTP/1.1 client to pods. */
    public static HttpClient http1Client(Vertx vertx, int perPod) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
                        .setConnectTimeout(2000).setTryUseCompression(false).setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(perPod).setMaxWaitQueueSize(-1));
    }

    /** The h2c (prior knowledge) client to pods. */
    public static HttpClient h2cClient(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false).setKeepAlive(true).setConnectTimeout(2000)
                        .setHttp2MultiplexingLimit(1000).setDecompressionSupported(false),
                new PoolOptions().setHttp2MaxSize(4).setMaxWaitQueueSize(-1));
    }

    /**
     * Starts the HTTP listeners (and the HTTPS ones when {@code certificates} has any).
     *
     * @param host the bind address
     */
    public Future<Bound> start(GatewayHandler handler, String host, Gateway.Ports ports,
            GatewayCertificates certificates) {
        Future<HttpServer> ext = listen(handler, true, host, ports.externalHttp(), null);
        Future<HttpServer> in = listen(handler, false, host, ports.internalHttp(), null);
        Future<Bound> tls = certificates.available() ? startHttps(handler, host, ports, certificates)
                : Future.succeededFuture(new Bound(0, 0, 0, 0));
        return Future.all(ext, in, tls).map(v -> new Bound(port(ext), port(in), tls.result().externalHttps(),
                tls.result().internalHttps()));
    }

    /**
     * Starts the HTTPS listeners (8443 external, 8444 cluster-local) once; later calls return the first start. The
     * certificate is chosen per handshake by SNI, so certificates added later need no restart.
     *
     * @return the bound HTTPS ports (the HTTP ones 0)
     */
    public synchronized Future<Bound> startHttps(GatewayHandler handler, String host, Gateway.Ports ports,
            GatewayCertificates certificates) {
        if (https == null) {
            Future<HttpServer> exts = listen(handler, true, host, ports.externalHttps(), certificates);
            Future<HttpServer> ins = listen(handler, false, host, ports.internalHttps(), certificates);
            https = Future.all(exts, ins).map(v -> new Bound(0, 0, port(exts), port(ins)));
        }
        return https;
    }

    private static int port(Future<HttpServer> f) {
        return f.result() == null ? 0 : f.result().actualPort();
    }

    private Future<HttpServer> listen(GatewayHandler handler, boolean external, String host, int port,
            GatewayCertificates certificates) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(true).setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false).setDecompressionSupported(false).setTcpNoDelay(true);
        if (certificates != null) {
            options.setSsl(true).setSni(true).setUseAlpn(true).setKeyCertOptions(new SniKeyCertOptions(certificates))
                    .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(handler.handler(external));
        synchronized (servers) {
            servers.add(server);
        }
        return server.listen();
    }

    /** Closes every listener (and its connections). */
    public Future<Void> close() {
        List<Future<Void>> closes = new ArrayList<>();
        synchronized (servers) {
            servers.forEach(s -> closes.add(s.close()));
            servers.clear();
        }
        return Future.all(closes).mapEmpty();
    }

}
