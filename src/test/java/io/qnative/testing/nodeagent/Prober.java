package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Runs readiness probes the way a kubelet does, against the stand-in servers: {@code httpGet} (any status
 * 200–399 passes; HTTPS without certificate checks), {@code tcpSocket} (a connect passes). Port 0 means
 * the container's port, as Knative's default {@code tcpSocket: {port: 0}} probe expects; a named port is
 * looked up in the container's ports. {@code exec} probes cannot run here and pass.
 */
final class Prober implements AutoCloseable {

    private final HttpClient http;
    private final NetClient tcp;

    Prober(Vertx vertx) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(1000)
                .setTrustAll(true).setVerifyHost(false));
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
    }

    /** True when {@code probe} passes against the container listening on {@code podIp:containerPort}. */
    Future<Boolean> probe(Probe probe, String podIp, Container container, int containerPort) {
        long timeoutMs = 1000L * positiveOr(probe.getTimeoutSeconds(), 1);
        if (probe.getHttpGet() != null) {
            var get = probe.getHttpGet();
            int port = resolvePort(get.getPort(), container, containerPort);
            if (port <= 0) {
                return Future.succeededFuture(false);
            }
            String host = get.getHost() == null || get.getHost().isEmpty() ? podIp : get.getHost();
            String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                    .setURI(path).setSsl("HTTPS".equalsIgnoreCase(get.getScheme())).setIdleTimeout(timeoutMs)
                    .setConnectTimeout(timeoutMs);
            options.putHeader("User-Agent", "kube-probe/1.20");
            if (get.getHttpHeaders() != null) {
                for (HTTPHeader header : get.getHttpHeaders()) {
                    options.putHeader(header.getName(), header.getValue());
                }
            }
            return http.request(options).compose(request -> request.send())
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .map(code -> code >= 200 && code < 400).otherwise(false);
        }
        if (probe.getTcpSocket() != null) {
            var socket = probe.getTcpSocket();
            int port = resolvePort(socket.getPort(), container, containerPort);
            if (port <= 0) {
                return Future.succeededFuture(false);
            }
            String host = socket.getHost() == null || socket.getHost().isEmpty() ? podIp : socket.getHost();
            return tcp.connect(port, host).compose(s -> s.close().map(true)).otherwise(false);
        }
        return Future.succeededFuture(true);
    }

    /** The numeric port of a probe: 0 or missing → the container port, a name → the named container port. */
    static int resolvePort(IntOrString port, Container container, int containerPort) {
        if (port == null) {
            return containerPort;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal() == 0 ? containerPort : port.getIntVal();
        }
        String name = port.getStrVal();
        if (name == null || name.isEmpty()) {
            return containerPort;
        }
        if (name.chars().allMatch(Character::isDigit)) {
            int numeric = Integer.parseInt(name);
            return numeric == 0 ? containerPort : numeric;
        }
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (name.equals(p.getName()) && p.getContainerPort() != null) {
                    return p.getContainerPort();
                }
            }
        }
        return -1;
    }

    static int positiveOr(Integer value, int fallback) {
        return value == null || value <= 0 ? fallback : value;
    }

    @Override
    public void close() {
        http.close();
        tcp.close();
    }
}
