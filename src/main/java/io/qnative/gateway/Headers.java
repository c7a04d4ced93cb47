package io.qnative.gateway;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.util.Iterator;
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

    // the names above as Vert.x's pre-hashed header names: every request removes each of them, and a plain String
    // name is hashed again on every lookup
    private static final CharSequence[] INTERNAL_NAMES = optimized(INTERNAL).toArray(new CharSequence[0]);
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

    // asked of every request: pre-hashed, as the names above
    private static final CharSequence USER_AGENT = HttpHeaders.createOptimized("User-Agent");
    private static final CharSequence KUBELET_PROBE = HttpHeaders.createOptimized(K_KUBELET_PROBE);
    private static final CharSequence NETWORK_PROBE = HttpHeaders.createOptimized(K_NETWORK_PROBE);

    /** Whether the request is the kubelet probing the gateway itself. */
    public static boolean isKubeProbe(MultiMap headers) {
        String ua = headers.get(USER_AGENT);
        return (ua != null && ua.startsWith("kube-probe/")) || headers.contains(KUBELET_PROBE);
    }

    /** Whether the request is a Knative network probe. */
    public static boolean isNetworkProbe(MultiMap headers) {
        return "probe".equals(headers.get(NETWORK_PROBE));
    }

    /** Drops the internal headers a client sent. */
    public static void stripInternal(MultiMap headers) {
        for (CharSequence name : INTERNAL_NAMES) {
            headers.remove(name);
        }
    }

    /**
     * Writes the head a pod gets into {@code to} (the upstream request's own headers) in one pass over the client's
     * {@code from}: every header but the hop-by-hop ones (RFC 7230 section 6.1), those a {@code Connection} value
     * names, {@code Host} and the forwarding headers this hop rewrites; then {@code TE: trailers} when the client's
     * {@code TE} allows trailers (gRPC needs it end to end) and, for an upgrade, {@code Connection: Upgrade} and the
     * client's {@code Upgrade}; then {@code X-Forwarded-For} with the peer appended, {@code X-Forwarded-Proto},
     * {@code X-Forwarded-Host}, {@code Forwarded} (RFC 7239) with this hop appended or built from the
     * {@code X-Forwarded-For} chain, and a generated {@code X-Request-Id} when the client sent none.
     *
     * @param ids where a missing {@code X-Request-Id} comes from
     * @return the {@code X-Request-Id} generated, or null when the client sent one
     */
    public static String forwardRequest(MultiMap from, MultiMap to, boolean upgrade, String peer, String proto,
            String host, Supplier<String> ids) {
        List<String> named = connectionNamed(from);
        CharSequence te = null;
        CharSequence upgradeValue = null;
        CharSequence xffValue = null;
        CharSequence forwardedValue = null;
        boolean id = false;
        for (Iterator<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> it = entries(from);
                it.hasNext();) {
            Map.Entry<? extends CharSequence, ? extends CharSequence> e = it.next();
            CharSequence name = e.getKey();
            int kind = kind(name);
            if (kind == TE_HEADER && te == null) {
                te = e.getValue();
            } else if (kind == UPGRADE_HEADER && upgradeValue == null) {
                upgradeValue = e.getValue();
            }
            if (kind == HOP || kind == TE_HEADER || kind == UPGRADE_HEADER || kind == HOST
                    || (named != null && containsIgnoreCase(named, name))) {
                continue;
            }
            if (kind == XFF_HEADER) {
                xffValue = xffValue == null ? e.getValue() : xffValue;
            } else if (kind == FORWARDED_HEADER) {
                forwardedValue = forwardedValue == null ? e.getValue() : forwardedValue;
            } else if (kind != FORWARDING) {
                id |= kind == REQUEST_ID_HEADER;
                to.add(name, e.getValue());
            }
        }
        String xff = xffValue == null ? null : xffValue.toString();
        String forwarded = forwardedValue == null ? null : forwardedValue.toString();
        if (te != null && te.toString().toLowerCase(Locale.ROOT).contains("trailers")) {
            to.add(TE, "trailers");
        }
        if (upgrade && upgradeValue != null) {
            to.add(CONNECTION, "Upgrade");
            to.add(UPGRADE, upgradeValue);
        }
        boolean firstHop = xff == null || xff.isBlank();
        String forwardedFor = firstHop ? peer : xff + ", " + peer;
        to.add(XFF, forwardedFor);
        to.add(XFP, proto);
        to.add(XFH, host);
        to.add(FORWARDED, forwarded(forwarded, firstHop, forwardedFor, peer, proto, host));
        if (id) {
            return null;
        }
        String generated = ids.get();
        to.add(REQUEST_ID, generated);
        return generated;
    }

    /**
     * Copies a pod's response head to the client's response in one pass: hop-by-hop headers (an upgrade's included)
     * and those a {@code Connection} value names are left out, {@code TE: trailers} is kept.
     */
    public static void copyResponse(MultiMap from, MultiMap to) {
        List<String> named = connectionNamed(from);
        CharSequence te = null;
        for (Iterator<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> it = entries(from);
                it.hasNext();) {
            Map.Entry<? extends CharSequence, ? extends CharSequence> e = it.next();
            CharSequence name = e.getKey();
            int kind = kind(name);
            if (kind == TE_HEADER && te == null) {
                te = e.getValue();
            }
            if (kind == HOP || kind == TE_HEADER || kind == UPGRADE_HEADER
                    || (named != null && containsIgnoreCase(named, name))) {
                continue;
            }
            to.add(name, e.getValue());
        }
        if (te != null && te.toString().toLowerCase(Locale.ROOT).contains("trailers")) {
            to.add(TE, "trailers");
        }
    }

    /**
     * The headers of {@code map} in order: a Vert.x header map's own entries as they are (their names and values as
     * parsed, not copied into new strings for each header as its {@code String} iterator does), else the map's.
     */
    private static Iterator<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> entries(
            MultiMap map) {
        return map instanceof HeadersMultiMap h ? h.iteratorCharSequence() : map.iterator();
    }

    // what forwardRequest and copyResponse do with a header, by name
    private static final int OTHER = 0;
    private static final int HOP = 1;
    private static final int TE_HEADER = 2;
    private static final int UPGRADE_HEADER = 3;
    private static final int HOST = 4;
    private static final int XFF_HEADER = 5;
    private static final int FORWARDED_HEADER = 6;
    /** X-Forwarded-Proto and X-Forwarded-Host: replaced by this hop's. */
    private static final int FORWARDING = 7;
    private static final int REQUEST_ID_HEADER = 8;

    /** The kind of a header name, in any case: by length first, so most names cost one switch. */
    private static int kind(CharSequence name) {
        switch (name.length()) {
            case 2:
                return is(name, "TE") ? TE_HEADER : OTHER;
            case 4:
                return is(name, "Host") ? HOST : OTHER;
            case 7:
                return is(name, "Upgrade") ? UPGRADE_HEADER : is(name, "Trailer") ? HOP : OTHER;
            case 9:
                return is(name, "Forwarded") ? FORWARDED_HEADER : OTHER;
            case 10:
                return is(name, "Connection") || is(name, "Keep-Alive") ? HOP : OTHER;
            case 12:
                return is(name, X_REQUEST_ID) ? REQUEST_ID_HEADER : OTHER;
            case 15:
                return is(name, "X-Forwarded-For") ? XFF_HEADER : OTHER;
            case 16:
                return is(name, "X-Forwarded-Host") ? FORWARDING : is(name, "Proxy-Connection") ? HOP : OTHER;
            case 17:
                return is(name, "X-Forwarded-Proto") ? FORWARDING : is(name, "Transfer-Encoding") ? HOP : OTHER;
            case 18:
                return is(name, "Proxy-Authenticate") ? HOP : OTHER;
            case 19:
                return is(name, "Proxy-Authorization") ? HOP : OTHER;
            default:
                return OTHER;
        }
    }

    /** Whether a header name is {@code known} in any case (ASCII: header names are tokens). */
    private static boolean is(CharSequence name, String known) {
        return AsciiString.contentEqualsIgnoreCase(name, known);
    }

    /**
     * The header names the {@code Connection} values name that are not hop-by-hop anyway, or null when there are none
     * (no Connection header, or only {@code keep-alive} / {@code upgrade} / {@code close} tokens naming no header the
     * request has): the common case allocates nothing.
     */
    private static List<String> connectionNamed(MultiMap headers) {
        String first = headers.get(CONNECTION);
        if (first == null || (isCommonConnection(first) && headers.getAll(CONNECTION).size() == 1
                && !(first.equalsIgnoreCase("close") && headers.contains("close")))) {
            return null;
        }
        List<String> names = null;
        for (String value : headers.getAll(CONNECTION)) {
            int start = 0;
            int n = value.length();
            while (start <= n) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                int from = start;
                int to = end;
                while (from < to && Character.isWhitespace(value.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
                    to--;
                }
                if (to > from) {
                    String token = value.substring(from, to);
                    if (kind(token) != HOP && kind(token) != TE_HEADER && kind(token) != UPGRADE_HEADER) {
                        if (names == null) {
                            names = new java.util.ArrayList<>(2);
                        }
                        names.add(token);
                    }
                }
                start = end + 1;
            }
        }
        return names;
    }

    /** A Connection value that names no header but hop-by-hop ones (and, for {@code close}, the caller checks). */
    private static boolean isCommonConnection(String value) {
        return value.equalsIgnoreCase("keep-alive") || value.equalsIgnoreCase("close")
                || value.equalsIgnoreCase("upgrade");
    }

    private static boolean containsIgnoreCase(List<String> names, CharSequence name) {
        for (String n : names) {
            if (AsciiString.contentEqualsIgnoreCase(n, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the request may carry a body or switch protocols, so the gateway holds it until the proxy reads it: any
     * HTTP/2 request, and an HTTP/1.x one with {@code Content-Length}, {@code Transfer-Encoding} or {@code Upgrade}
     * (or a CONNECT). An HTTP/1.x request without them has no body (RFC 9112 section 6.3) and ends with its head.
     */
    public static boolean mayHaveBody(HttpServerRequest req) {
        if (req.version() == HttpVersion.HTTP_2 || req.method() == HttpMethod.CONNECT) {
            return true;
        }
        MultiMap headers = req.headers();
        return headers.contains(HttpHeaders.CONTENT_LENGTH) || headers.contains(HttpHeaders.TRANSFER_ENCODING)
                || headers.contains(UPGRADE);
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
     * The {@code Forwarded} value this hop sends: the client's {@code forwarded} with this hop appended, or built from
     * the {@code X-Forwarded-For} chain ({@code forwardedFor}, this hop's peer last) when the client sent none.
     */
    static String forwarded(String forwarded, boolean firstHop, String forwardedFor, String peer,
            String proto, String host) {
        if ((forwarded == null || forwarded.isBlank()) && firstHop) {
            // the client sent no forwarding chain: this hop is the whole of it
            return "for=" + node(peer) + ";host=" + quoteIfNeeded(host) + ";proto=" + proto;
        } else if (forwarded == null || forwarded.isBlank()) {
            StringBuilder b = new StringBuilder();
            for (String hop : forwardedFor.split(",")) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append("for=").append(node(hop.trim()));
            }
            b.append(";host=").append(quoteIfNeeded(host)).append(";proto=").append(proto);
            return b.toString();
        }
        return forwarded + ", for=" + node(peer) + ";host=" + quoteIfNeeded(host) + ";proto=" + proto;
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

    /**
     * Adds a rule's appended headers (they replace any value), each checked as Vert.x checks a header it is given
     * ({@link IllegalArgumentException} for a name or value that cannot go on the wire): the pod's head may be a map
     * that does not check what it holds (the client's headers in it were checked as they were parsed).
     */
    public static void append(MultiMap headers, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            HttpUtils.validateHeader(e.getKey(), e.getValue());
            headers.set(e.getKey(), e.getValue());
        }
    }
}
