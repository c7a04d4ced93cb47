package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Runs a revision's readiness probe against one pod from the gateway (there is no queue-proxy to run it), as the
 * kubelet and Knative's queue-proxy ({@code pkg/queue/health/probe.go}) run them:
 * <ul>
 *   <li>{@code httpGet}: the probe's path, port and headers (a {@code Host} header among them sets the Host) with
 *       {@code User-Agent: kube-probe/1.20} (the Host, unless set, is the pod's address, an IPv6 one bracketed);
 *       success is 200-399. {@code scheme: HTTPS} probes over TLS without
 *       verifying the certificate, as kubernetes' {@code pkg/probe/http/http.go} does (InsecureSkipVerify). The
 *       probe's {@code host} field is not dialled: the gateway probes the pod's address only.</li>
 *   <li>{@code grpc}: the standard {@code grpc.health.v1.Health/Check} RPC over h2c with the probe's
 *       {@code service}; success is grpc-status 0 with status SERVING, as kubernetes' {@code pkg/probe/grpc/grpc.go}
 *       and the queue-proxy's {@code GRPCProbe} decide. The few protobuf bytes are encoded here by hand.</li>
 *   <li>otherwise a TCP connect to the probe's or the user port.</li>
 * </ul>
 * An {@code httpGet} or {@code tcpSocket} port given by name is looked up among the serving container's
 * {@code ports[].name}, as the kubelet's {@code findPortByName} (kubernetes' {@code pkg/kubelet/prober/prober.go})
 * does; a name no port carries is the user port, as Knative's queue-proxy probes it
 * ({@code applyReadinessProbeDefaults} in {@code pkg/reconciler/revision/resources/queue.go} turns a port whose
 * {@code IntValue()} is 0, which a name's is, into the user port). The webhook admits a name only when it is the
 * container port's ({@code validateProbe}, {@code pkg/apis/serving/k8s_validation.go}). A {@code grpc} port is
 * always a number (the Kubernetes API's {@code GRPCAction.port} is an int32).
 * Knative's activator probes through the queue-proxy (pkg/activator/net/revision_backends.go); the cadence is the
 * caller's.
 */
public final class PodProber {

    /** The kubelet's User-Agent the queue-proxy also sent. */
    public static final String USER_AGENT = "kube-probe/1.20";
    /** The gRPC health checking method (grpc/grpc-proto {@code grpc/health/v1/health.proto}). */
    public static final String GRPC_HEALTH_CHECK = "/grpc.health.v1.Health/Check";
    /** {@code HealthCheckResponse.ServingStatus.SERVING}. */
    static final int SERVING = 1;

    private final HttpClient http;
    private final HttpClient https;
    private final HttpClient h2c;
    private final NetClient tcp;

    /** @param http the client the proxy uses too, so a probe's keep-alive connection serves the first request */
    public PodProber(Vertx vertx, HttpClient http) {
        this.http = http;
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
        // a probe of a new pod repeats every 50-200 ms until it passes: keep the connection for those repeats only
        this.https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
                        .setVerifyHost(false).setKeepAlive(true).setKeepAliveTimeout(2)
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(1).setMaxWaitQueueSize(-1));
        this.h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false).setKeepAlive(true).setHttp2KeepAliveTimeout(2)
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp2MaxSize(1).setMaxWaitQueueSize(-1));
    }

    /** Whether the pod answers the probe within {@code timeoutMillis}; never fails. Named ports are the user port. */
    public Future<Boolean> probe(String ip, int userPort, Probe probe, long timeoutMillis) {
        return probe(ip, userPort, probe, List.of(), timeoutMillis);
    }

    /**
     * Whether the pod answers the probe within {@code timeoutMillis}; never fails.
     *
     * @param ports the serving container's ports, where a probe's named port is looked up
     */
    public Future<Boolean> probe(String ip, int userPort, Probe probe, List<ContainerPort> ports,
            long timeoutMillis) {
        if (probe != null && probe.getHttpGet() != null) {
            return httpGet(ip, port(probe.getHttpGet().getPort(), userPort, ports), probe.getHttpGet(),
                    timeoutMillis);
        }
        if (probe != null && probe.getGrpc() != null) {
            return grpc(ip, userPort, probe.getGrpc(), timeoutMillis);
        }
        int port = probe != null && probe.getTcpSocket() != null
                ? port(probe.getTcpSocket().getPort(), userPort, ports) : userPort;
        return tcp.connect(SocketAddress.inetSocketAddress(port, ip))
                .map(socket -> {
                    socket.close();
                    return true;
                })
                .otherwise(false);
    }

    private Future<Boolean> httpGet(String ip, int port, HTTPGetAction get, long timeoutMillis) {
        boolean tls = get.getScheme() != null && get.getScheme().toUpperCase(Locale.ROOT).equals("HTTPS");
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("User-Agent", USER_AGENT);
        if (get.getHttpHeaders() != null) {
            get.getHttpHeaders().forEach(h -> {
                if (h.getName() != null && !h.getName().isEmpty()) {
                    headers.set(h.getName(), h.getValue() == null ? "" : h.getValue());
                }
            });
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, ip)).setHost(ServiceEndpoints.host(ip)).setPort(port)
                .setSsl(tls)
                .setURI(path.startsWith("/") ? path : "/" + path).setHeaders(headers)
                .setTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
        return (tls ? https : http).request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode() >= 200 && resp.statusCode() < 400))
                .otherwise(false);
    }

    private Future<Boolean> grpc(String ip, int userPort, GRPCAction action, long timeoutMillis) {
        int port = action.getPort() == null || action.getPort() == 0 ? userPort : action.getPort();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .set("content-type", "application/grpc")
                .set("te", "trailers")
                .set("user-agent", USER_AGENT)
                // the deadline grpc-go sends for the kubelet's context timeout
                .set("grpc-timeout", Math.max(1, timeoutMillis) + "m");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, ip)).setHost(ServiceEndpoints.host(ip)).setPort(port)
                .setURI(GRPC_HEALTH_CHECK).setHeaders(headers)
                .setTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
        Buffer request = healthCheckRequest(action.getService());
        return h2c.request(options)
                .compose(req -> req.send(request))
                .compose(resp -> resp.body().map(body -> serving(resp, body)))
                .otherwise(false);
    }

    private static boolean serving(HttpClientResponse resp, Buffer body) {
        if (resp.statusCode() != 200) {
            return false;
        }
        // grpc-status is a trailer, or a header of a trailers-only response
        String status = resp.trailers().get("grpc-status");
        if (status == null) {
            status = resp.headers().get("grpc-status");
        }
        return "0".equals(status == null ? null : status.trim()) && healthStatus(body) == SERVING;
    }

    /**
     * One gRPC message (uncompressed, 4-byte big-endian length) holding {@code HealthCheckRequest{service = 1}};
     * an empty service is the empty message, as protobuf omits default values.
     */
    static Buffer healthCheckRequest(String service) {
        byte[] name = service == null ? new byte[0] : service.getBytes(StandardCharsets.UTF_8);
        Buffer message = Buffer.buffer();
        if (name.length > 0) {
            message.appendByte((byte) 0x0a); // field 1, wire type 2 (length-delimited)
            writeVarint(message, name.length);
            message.appendBytes(name);
        }
        return Buffer.buffer(5 + message.length()).appendByte((byte) 0).appendInt(message.length())
                .appendBuffer(message);
    }

    /**
     * {@code HealthCheckResponse.status} (field 1, a varint) of the first gRPC message in {@code body}: 0
     * (UNKNOWN, protobuf's default) when absent, -1 when the body is not one well-formed uncompressed message.
     */
    static int healthStatus(Buffer body) {
        if (body.length() < 5 || body.getByte(0) != 0) {
            return -1;
        }
        long length = body.getUnsignedInt(1);
        if (length > body.length() - 5) {
            return -1;
        }
        int end = 5 + (int) length;
        int status = 0;
        int[] pos = {5};
        while (pos[0] < end) {
            long tag = readVarint(body, pos, end);
            if (tag < 0) {
                return -1;
            }
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> {
                    long v = readVarint(body, pos, end);
                    if (v < 0) {
                        return -1;
                    }
                    if (field == 1) {
                        status = (int) v;
                    }
                }
                case 1 -> pos[0] += 8;
                case 2 -> {
                    long n = readVarint(body, pos, end);
                    if (n < 0) {
                        return -1;
                    }
                    pos[0] += (int) Math.min(n, end);
                }
                case 5 -> pos[0] += 4;
                default -> {
                    return -1;
                }
            }
            if (pos[0] > end) {
                return -1;
            }
        }
        return status;
    }

    private static void writeVarint(Buffer out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.appendByte((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.appendByte((byte) v);
    }

    /** A varint at {@code pos[0]} (advanced past it), or -1 when it runs past {@code end} or beyond 63 bits. */
    private static long readVarint(Buffer in, int[] pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                return -1;
            }
            byte b = in.getByte(pos[0]++);
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result < 0 ? -1 : result;
            }
        }
        return -1;
    }

    /**
     * The port a probe's {@code port} field targets: a number as given, a name by the container's ports (the
     * kubelet's {@code findPortByName}), unset, 0 or a name no port carries: the user port.
     */
    static int port(IntOrString port, int userPort, List<ContainerPort> ports) {
        if (port == null) {
            return userPort;
        }
        if (port.getStrVal() != null) {
            String name = port.getStrVal();
            if (ports != null) {
                for (ContainerPort p : ports) {
                    if (name.equals(p.getName()) && p.getContainerPort() != null && p.getContainerPort() > 0) {
                        return p.getContainerPort();
                    }
                }
            }
            return userPort;
        }
        return port.getIntVal() == null || port.getIntVal() == 0 ? userPort : port.getIntVal();
    }

    /** Closes the clients of its own (not the shared HTTP/1.1 one). */
    public void close() {
        tcp.close();
        https.close();
        h2c.close();
    }
}
