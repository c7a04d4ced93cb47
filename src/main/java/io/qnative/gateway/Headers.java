package io.qnative.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Header handling at the gateway (Knative's networking pkg/ingress and pkg/http/header, the queue-proxy's
 * forwarded-header shim): what a client may not send, what the pod gets added, and what never crosses a hop.
 * Pure: operates on the maps it is given.
 */
public final class Headers {

    /** Kubelet probe marker header. */
    public static final String K_KUBELET_PROBE = "K-Kubelet-Probe";
    /** Network probe header ({@code probe}). */
    public static final String K_NETWORK_PROBE = "K-Network-Probe";
    /** Network probe hash header. */
    public static final String K_NETWORK_HASH = "K-Network-Hash";
    /** Set by DomainMapping routes: the host the client used. */
    public static final String K_ORIGINAL_HOST = "K-Original-Host";
    /** Tag routing header. */
    public static final String KNATIVE_SERVING_TAG = "Knative-Serving-Tag";
    /** Request id, generated when absent. */
    public static final String X_REQUEST_ID = "X-Request-Id";

    /** Headers only the ingress may set; a client's values are dropped (never trusted). */
    public static final List<String> INTERNAL = List.of("Knative-Serving-Revision", "Knative-Serving-Namespace",
            "K-Proxy-Request", K_ORIGINAL_HOST, "K-Passthrough-Lb", K_NETWORK_HASH, "Knative-Serving-Default-Route");

    /** RFC 7230 section 6.1 hop-by-hop headers. */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    // the names above as Vert.x's pre-hashed header names: every request removes each of them, and a plain String
    // name is hashed again on every lookup
    private static final List<CharSequence> INTERNAL_NAMES = optimized(INTERNAL);
    private static final List<CharSequence> HOP_BY_HOP_NAMES = optimized(HOP_BY_HOP);
    private static final CharSequence CONNECTION = HttpHeaders.createOptimized("Connection");
    private static final CharSequence UPGRADE = HttpHeaders.createOptimized("Upgrade");
    private static final CharSequence TE = HttpHeaders.createOptimized("TE");
    private static final CharSequence XFF = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence XFP = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence XFH = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(X_REQUEST_ID);

    private static List<CharSequence> optimized(List<String> names) {
        return names.stream().map(HttpHeaders::createOptimized).toList();
    }

    private Headers() {
    }

    /** Whether the request is the kubelet probing the gateway itself. */
    public static boolean isKubeProbe(MultiMap headers) {
        String ua = headers.get("User-Agent");
        return (ua != null && ua.startsWith("kube-probe/")) || headers.contains(K_KUBELET_PROBE);
    }

    /** Whether the request is a Knative network probe. */
    public static boolean isNetworkProbe(MultiMap headers) {
        return "probe".equals(headers.get(K_NETWORK_PROBE));
    }

    /** Drops the internal headers a client sent. */
    public static void stripInternal(MultiMap headers) {
        for (CharSequence name : INTERNAL_NAMES) {
            headers.remove(name);
        }
    }

    /**
     * Removes hop-by-hop headers and those the {@code Connection} header names. {@code TE: trailers} is kept (gRPC
     * needs it end to end); an upgrade keeps {@code Connection: Upgrade} and {@code Upgrade}.
     */
    public static void removeHopByHop(MultiMap headers, boolean upgrade) {
        String te = headers.get(TE);
        String upgradeValue = headers.get(UPGRADE);
        // most heads have no Connection header or one value ("keep-alive", "close"): no list, set or split then
        if (headers.get(CONNECTION) != null) {
            for (String c : headers.getAll(CONNECTION)) {
                removeTokens(headers, c);
            }
        }
        for (CharSequence name : HOP_BY_HOP_NAMES) {
            headers.remove(name);
        }
        if (te != null && te.toLowerCase(Locale.ROOT).contains("trailers")) {
            headers.set(TE, "trailers");
        }
        if (upgrade && upgradeValue != null) {
            headers.set(CONNECTION, "Upgrade");
            headers.set(UPGRADE, upgradeValue);
        }
    }

    /** Removes the headers a {@code Connection} value names (comma-separated tokens; names match in any case). */
    private static void removeTokens(MultiMap headers, String connection) {
        int start = 0;
        int n = connection.length();
        while (start <= n) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(connection.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(connection.charAt(to - 1))) {
                to--;
            }
            if (to > from) {
                headers.remove(connection.substring(from, to));
            }
            start = end + 1;
        }
    }

    /** Whether the request asks to switch protocols (WebSocket and the like; not h2c, which the server handles). */
    public static boolean isUpgrade(MultiMap headers) {
        String upgrade = headers.get(UPGRADE);
        if (upgrade == null || upgrade.equalsIgnoreCase("h2c")) {
            return false;
        }
        for (String c : headers.getAll(CONNECTION)) {
            for (String token : c.split(",")) {
                if (token.trim().equalsIgnoreCase("upgrade")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Sets the forwarding headers: {@code X-Forwarded-For} gets the peer appended, {@code X-Forwarded-Proto} and
     * {@code X-Forwarded-Host} are set, {@code Forwarded} (RFC 7239) gets this hop appended or is built from the
     * {@code X-Forwarded-*} values when absent, and {@code X-Request-Id} is generated when absent.
     */
    public static void setForwarded(MultiMap headers, String peer, String proto, String host, Supplier<String> ids) {
        String xff = headers.get(XFF);
        boolean firstHop = xff == null || xff.isBlank();
        String forwardedFor = firstHop ? peer : xff + ", " + peer;
        headers.set(XFF, forwardedFor);
        headers.set(XFP, proto);
        headers.set(XFH, host);
        String forwarded = headers.get(FORWARDED);
        if ((forwarded == null || forwarded.isBlank()) && firstHop) {
            // the client sent no forwarding chain: this hop is the whole of it
            headers.set(FORWARDED, "for=" + node(peer) + ";host=" + quoteIfNeeded(host) + ";proto=" + proto);
        } else if (forwarded == null || forwarded.isBlank()) {
            StringBuilder b = new StringBuilder();
            for (String hop : forwardedFor.split(",")) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append("for=").append(node(hop.trim()));
            }
            b.append(";host=").append(quoteIfNeeded(host)).append(";proto=").append(proto);
            headers.set(FORWARDED, b.toString());
        } else {
            headers.set(FORWARDED, forwarded + ", for=" + node(peer) + ";host=" + quoteIfNeeded(host)
                    + ";proto=" + proto);
        }
        if (!headers.contains(REQUEST_ID)) {
            headers.set(REQUEST_ID, ids.get());
        }
    }

    /** An RFC 7239 node: IPv6 addresses quoted in brackets. */
    static String node(String address) {
        if (address.contains(":")) {
            String bare = address.startsWith("[") ? address : "[" + address + "]";
            return "\"" + bare + "\"";
        }
        return address;
    }

    private static String quoteIfNeeded(String v) {
        return v.contains(":") ? "\"" + v + "\"" : v;
    }

    /**
     * A random (version 4) UUID for {@code X-Request-Id}: from the thread's own generator, as an id needs no secure
     * randomness and {@link UUID#randomUUID()} serializes every event loop on one {@code SecureRandom}.
     */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Adds a rule's appended headers (they replace any value). */
    public static void append(MultiMap headers, Map<String, String> extra) {
        extra.forEach(headers::set);
    }
}
