package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private static MultiMap of(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
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
        Headers.removeHopByHop(h, false);
        assertThat(h.names()).containsExactlyInAnyOrder("Accept", "TE");
        assertThat(h.get("TE")).isEqualTo("trailers");
    }

    @Test
    void everyConnectionHeaderNamesHeadersToDropInAnyCaseAndSpacing() {
        MultiMap h = of("Connection", " x-one ,, X-TWO,", "Connection", "close,x-three", "X-One", "1", "x-two", "2",
                "X-Three", "3", "X-Four", "4");
        Headers.removeHopByHop(h, false);
        assertThat(h.names()).containsExactly("X-Four");
    }

    @Test
    void forwardedOfAFirstHopAndOfAChainWithoutForwarded() {
        MultiMap first = of();
        Headers.setForwarded(first, "10.0.0.9", "http", "h.example.com", () -> "id");
        assertThat(first.get("Forwarded")).isEqualTo("for=10.0.0.9;host=h.example.com;proto=http");
        assertThat(first.get("X-Forwarded-For")).isEqualTo("10.0.0.9");
        MultiMap blank = of("X-Forwarded-For", " ");
        Headers.setForwarded(blank, "fe80::1", "https", "h.example.com", () -> "id");
        assertThat(blank.get("Forwarded")).isEqualTo("for=\"[fe80::1]\";host=h.example.com;proto=https");
    }

    @Test
    void upgradeKeepsConnectionAndUpgrade() {
        MultiMap h = of("Connection", "Upgrade", "Upgrade", "websocket");
        assertThat(Headers.isUpgrade(h)).isTrue();
        Headers.removeHopByHop(h, true);
        assertThat(h.get("Connection")).isEqualTo("Upgrade");
        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(Headers.isUpgrade(of("Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c"))).isFalse();
    }

    @Test
    void forwardedIsBuiltFromTheForwardedForChain() {
        MultiMap h = of("X-Forwarded-For", "203.0.113.7");
        Headers.setForwarded(h, "::1", "http", "hello.example.com", () -> "id-1");
        assertThat(h.get("X-Forwarded-For")).isEqualTo("203.0.113.7, ::1");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("hello.example.com");
        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.7, for=\"[::1]\";host=hello.example.com;proto=http");
        assertThat(h.get("X-Request-Id")).isEqualTo("id-1");
    }

    @Test
    void existingForwardedGetsThisHopAndRequestIdIsKept() {
        MultiMap h = of("Forwarded", "for=1.2.3.4", "X-Request-Id", "abc");
        Headers.setForwarded(h, "10.0.0.9", "https", "h.example.com:8443", () -> "new");
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
}
