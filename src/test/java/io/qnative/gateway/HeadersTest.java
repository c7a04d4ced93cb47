package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private static MultiMap of(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** RFC 7230 section 6.1 hop-by-hop headers. */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    /**
     * The copy-then-fix way the one-pass methods are checked against (what the gateway did before them): removes
     * hop-by-hop headers and those a {@code Connection} value names, keeps {@code TE: trailers}, and for an upgrade
     * {@code Connection: Upgrade} and {@code Upgrade}.
     */
    private static void removeHopByHop(MultiMap headers, boolean upgrade) {
        String te = headers.get("TE");
        String upgradeValue = headers.get("Upgrade");
        for (String connection : headers.getAll("Connection")) {
            for (String token : connection.split(",")) {
                if (!token.isBlank()) {
                    headers.remove(token.trim());
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
        if (te != null && te.toLowerCase(Locale.ROOT).contains("trailers")) {
            headers.set("TE", "trailers");
        }
        if (upgrade && upgradeValue != null) {
            headers.set("Connection", "Upgrade");
            headers.set("Upgrade", upgradeValue);
        }
    }

    /** The copy-then-fix way's forwarding headers, set on the copy (the {@code Forwarded} value is the product's). */
    private static void setForwarded(MultiMap headers, String peer, String proto, String host, Supplier<String> ids) {
        String xff = headers.get("X-Forwarded-For");
        boolean firstHop = xff == null || xff.isBlank();
        String forwardedFor = firstHop ? peer : xff + ", " + peer;
        headers.set("X-Forwarded-For", forwardedFor);
        headers.set("X-Forwarded-Proto", proto);
        headers.set("X-Forwarded-Host", host);
        headers.set("Forwarded", Headers.forwarded(headers.get("Forwarded"), firstHop, forwardedFor, peer, proto,
                host));
        if (!headers.contains("X-Request-Id")) {
            headers.set("X-Request-Id", ids.get());
        }
    }

    @Test
    void internalHeadersFromClientsAreDropped() {
        MultiMap h = of("Knative-Serving-Revision", "x", "k-original-host", "y", "K-Network-Hash", "z",
                "Knative-Serving-Default-Route", "true", "K-Passthrough-Lb", "true", "Accept", "a");
        Headers.stripInternal(h);
        assertThat(h.names()).containsExactly("Accept");
    }

    @Test
    void hopByHopAndConnectionNamedHeadersGoButTrailersTeStays() {
        MultiMap h = of("Connection", "keep-alive, X-Private", "X-Private", "1", "Keep-Alive", "5",
                "Transfer-Encoding", "chunked", "TE", "trailers, deflate", "Proxy-Authorization", "p", "Accept", "a");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Headers.copyResponse(h, out);
        assertThat(out.names()).containsExactlyInAnyOrder("Accept", "TE");
        assertThat(out.get("TE")).isEqualTo("trailers");
    }

    @Test
    void everyConnectionHeaderNamesHeadersToDropInAnyCaseAndSpacing() {
        MultiMap h = of("Connection", " x-one ,, X-TWO,", "Connection", "close,x-three", "X-One", "1", "x-two", "2",
                "X-Three", "3", "X-Four", "4");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Headers.copyResponse(h, out);
        assertThat(out.names()).containsExactly("X-Four");
    }

    @Test
    void forwardedOfAFirstHopAndOfAChainWithoutForwarded() {
        MultiMap first = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(of(), first, false, "10.0.0.9", "http", "h.example.com", () -> "id");
        assertThat(first.get("Forwarded")).isEqualTo("for=10.0.0.9;host=h.example.com;proto=http");
        assertThat(first.get("X-Forwarded-For")).isEqualTo("10.0.0.9");
        MultiMap blank = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(of("X-Forwarded-For", " "), blank, false, "fe80::1", "https", "h.example.com",
                () -> "id");
        assertThat(blank.get("Forwarded")).isEqualTo("for=\"[fe80::1]\";host=h.example.com;proto=https");
    }

    @Test
    void upgradeKeepsConnectionAndUpgrade() {
        MultiMap h = of("Connection", "Upgrade", "Upgrade", "websocket");
        assertThat(Headers.isUpgrade(h)).isTrue();
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(h, out, true, "10.0.0.9", "http", "h.example.com", () -> "id");
        assertThat(out.get("Connection")).isEqualTo("Upgrade");
        assertThat(out.get("Upgrade")).isEqualTo("websocket");
        assertThat(Headers.isUpgrade(of("Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c"))).isFalse();
    }

    @Test
    void forwardedIsBuiltFromTheForwardedForChain() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(of("X-Forwarded-For", "203.0.113.7"), h, false, "::1", "http", "hello.example.com",
                () -> "id-1");
        assertThat(h.get("X-Forwarded-For")).isEqualTo("203.0.113.7, ::1");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("hello.example.com");
        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.7, for=\"[::1]\";host=hello.example.com;proto=http");
        assertThat(h.get("X-Request-Id")).isEqualTo("id-1");
    }

    @Test
    void existingForwardedGetsThisHopAndRequestIdIsKept() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(of("Forwarded", "for=1.2.3.4", "X-Request-Id", "abc"), h, false, "10.0.0.9", "https",
                "h.example.com:8443", () -> "new");
        assertThat(h.get("Forwarded")).isEqualTo("for=1.2.3.4, for=10.0.0.9;host=\"h.example.com:8443\";proto=https");
        assertThat(h.get("X-Request-Id")).isEqualTo("abc");
    }

    @Test
    void probesAreRecognised() {
        assertThat(Headers.isKubeProbe(of("User-Agent", "kube-probe/1.20"))).isTrue();
        assertThat(Headers.isKubeProbe(of("K-Kubelet-Probe", "queue"))).isTrue();
        assertThat(Headers.isKubeProbe(of("User-Agent", "curl/8"))).isFalse();
        assertThat(Headers.isNetworkProbe(of("K-Network-Probe", "probe"))).isTrue();
    }

    @Test
    void theRequestHeadWrittenInOnePassHasEveryHeaderOfTheCopyThenFixWayInItsOrder() {
        Random random = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            MultiMap from = randomHead(random);
            boolean upgrade = Headers.isUpgrade(from);
            String peer = random.nextBoolean() ? "10.0.0.9" : "fe80::1";
            String proto = random.nextBoolean() ? "http" : "https";
            String host = random.nextBoolean() ? "h.example.com" : "h.example.com:8443";

            MultiMap expected = MultiMap.caseInsensitiveMultiMap().addAll(from);
            removeHopByHop(expected, upgrade);
            expected.remove("Host");
            setForwarded(expected, peer, proto, host, () -> "generated");
            MultiMap written = MultiMap.caseInsensitiveMultiMap();
            String generated = Headers.forwardRequest(from, written, upgrade, peer, proto, host, () -> "generated");

            assertThat(entries(written)).as("from %s", entries(from)).isEqualTo(entries(expected));
            assertThat(generated).as("from %s", entries(from))
                    .isEqualTo(expected.get("X-Request-Id").equals("generated") ? "generated" : null);
        }
    }

    @Test
    void theResponseHeadCopiedInOnePassHasEveryHeaderOfTheCopyThenFixWayInItsOrder() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            MultiMap from = randomHead(random);
            MultiMap expected = MultiMap.caseInsensitiveMultiMap().addAll(from);
            removeHopByHop(expected, false);
            MultiMap copied = MultiMap.caseInsensitiveMultiMap();
            Headers.copyResponse(from, copied);
            assertThat(entries(copied)).as("from %s", entries(from)).isEqualTo(entries(expected));
        }
    }

    @Test
    void theRequestHeadOfAFirstHopKeepsTheClientsHeadersAndAddsTheForwardingOnes() {
        MultiMap from = of("Host", "h.example.com", "Accept", "a", "Connection", "keep-alive, X-Private",
                "X-Private", "p", "TE", "trailers", "X-Forwarded-Proto", "https", "Transfer-Encoding", "chunked");
        MultiMap to = MultiMap.caseInsensitiveMultiMap();
        assertThat(Headers.forwardRequest(from, to, false, "10.0.0.9", "http", "h.example.com", () -> "id-1"))
                .isEqualTo("id-1");
        assertThat(entries(to)).containsExactly("Accept: a", "TE: trailers", "X-Forwarded-For: 10.0.0.9",
                "X-Forwarded-Proto: http", "X-Forwarded-Host: h.example.com",
                "Forwarded: for=10.0.0.9;host=h.example.com;proto=http", "X-Request-Id: id-1");
        MultiMap ws = MultiMap.caseInsensitiveMultiMap();
        Headers.forwardRequest(of("Connection", "Upgrade", "Upgrade", "websocket", "X-Request-Id", "abc"), ws, true,
                "10.0.0.9", "http", "h", () -> "unused");
        assertThat(entries(ws)).containsExactly("X-Request-Id: abc", "Connection: Upgrade", "Upgrade: websocket",
                "X-Forwarded-For: 10.0.0.9", "X-Forwarded-Proto: http", "X-Forwarded-Host: h",
                "Forwarded: for=10.0.0.9;host=h;proto=http");
    }

    /** Names a head may have, hop-by-hop and forwarding ones in any case among them. */
    private static final List<String> NAMES = List.of("Accept", "User-Agent", "X-Private", "X-Other", "Host",
            "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE",
            "Trailer", "Transfer-Encoding", "Upgrade", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "Forwarded", "X-Request-Id", "close", "Content-Length", "traceparent");

    private static final List<String> TOKENS = List.of("keep-alive", "close", "upgrade", "Upgrade", "X-Private",
            "x-other", "TE", "X-Forwarded-For", "forwarded", "X-Request-Id", "Host", "Content-Length", "", " ",
            " x-private ");

    private static final Map<String, List<String>> VALUES = Map.of(
            "TE", List.of("trailers", "deflate, Trailers", "gzip"),
            "Upgrade", List.of("websocket", "h2c"),
            "X-Forwarded-For", List.of("203.0.113.7", " ", "203.0.113.7, 10.1.1.1"),
            "Forwarded", List.of("for=1.2.3.4", "", " "),
            "X-Request-Id", List.of("abc"));

    private static MultiMap randomHead(Random random) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            String value;
            if (name.equals("Connection")) {
                StringBuilder b = new StringBuilder();
                for (int t = random.nextInt(3); t >= 0; t--) {
                    b.append(TOKENS.get(random.nextInt(TOKENS.size()))).append(t > 0 ? "," : "");
                }
                value = b.toString();
            } else {
                List<String> values = VALUES.getOrDefault(name, List.of("v" + random.nextInt(3)));
                value = values.get(random.nextInt(values.size()));
            }
            String cased = switch (random.nextInt(3)) {
                case 0 -> name.toLowerCase(Locale.ROOT);
                case 1 -> name.toUpperCase(Locale.ROOT);
                default -> name;
            };
            m.add(cased, value);
        }
        return m;
    }

    private static List<String> entries(MultiMap m) {
        List<String> out = new ArrayList<>();
        m.forEach(e -> out.add(e.getKey() + ": " + e.getValue()));
        return out;
    }
}
