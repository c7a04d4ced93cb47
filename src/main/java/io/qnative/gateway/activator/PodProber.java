package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Runs a revision's readiness probe against one pod from the gateway (there is no queue-proxy to run it): an
 * httpGet probe's path, port and headers with {@code User-Agent: kube-probe/1.20} (success is 200-399), else a TCP
 * connect to the probe's or the user port. Knative's activator probes through the queue-proxy
 * (pkg/activator/net/revision_backends.go); the cadence is the caller's.
 */
public final class PodProber {

    /** The kubelet's User-Agent the queue-proxy also sent. */
    public static final String USER_AGENT = "kube-probe/1.20";

    private final HttpClient http;
    private final NetClient tcp;

    /** @param http the client the proxy uses too, so a probe's keep-alive connection serves the first request */
    public PodProber(Vertx vertx, HttpClient http) {
        this.http = http;
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
    }

    /** Whether the pod answers the probe within {@code timeoutMillis}; never fails. */
    public Future<Boolean> probe(String ip, int userPort, Probe probe, long timeoutMillis) {
        if (probe != null && probe.getHttpGet() != null) {
            return httpGet(ip, userPort, probe.getHttpGet(), timeoutMillis);
        }
        int port = probe != null && probe.getTcpSocket() != null ? port(probe.getTcpSocket().getPort(), userPort)
                : userPort;
        return tcp.connect(SocketAddress.inetSocketAddress(port, ip))
                .map(socket -> {
                    socket.close();
                    return true;
                })
                .otherwise(false);
    }

    private Future<Boolean> httpGet(String ip, int userPort, HTTPGetAction get, long timeoutMillis) {
        int port = port(get.getPort(), userPort);
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("User-Agent", USER_AGENT);
        if (get.getHttpHeaders() != null) {
            get.getHttpHeaders().forEach(h -> headers.set(h.getName(), h.getValue()));
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, ip)).setHost(ip).setPort(port)
                .setURI(path.startsWith("/") ? path : "/" + path).setHeaders(headers)
                .setTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
        return http.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode() >= 200 && resp.statusCode() < 400))
                .otherwise(false);
    }

    private static int port(IntOrString port, int userPort) {
        if (port == null || port.getIntVal() == null || port.getIntVal() == 0) {
            return userPort;
        }
        return port.getIntVal();
    }

    /** Closes the TCP client. */
    public void close() {
        tcp.close();
    }
}
