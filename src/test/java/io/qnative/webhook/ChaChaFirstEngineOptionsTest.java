package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class ChaChaFirstEngineOptionsTest {

    @Test
    void movesTheChaChaSuitesFirstKeepingEveryOtherSuiteInOrder() {
        assertThat(ChaChaFirstEngineOptions.chachaFirst(new String[] {"TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"}))
                .containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(ChaChaFirstEngineOptions.chachaFirst(new String[] {"TLS_AES_128_GCM_SHA256"}))
                .containsExactly("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void anEngineKeepsItsSuitesAndPrefersItsOwnOrder() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        String[] before = engine.getEnabledCipherSuites();

        ChaChaFirstEngineOptions.prefer(engine);

        String[] after = engine.getEnabledCipherSuites();
        assertThat(after).containsExactlyInAnyOrder(before);
        assertThat(after[0]).contains("CHACHA20");
        assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
        assertThat(Arrays.asList(after).subList(0, 2)).allMatch(s -> s.contains("CHACHA20"));
    }

    @Test
    void copiesStayChaChaFirst() {
        // Vert.x copies the engine options of a server's options; a plain copy would lose the preference
        assertThat(new ChaChaFirstEngineOptions().copy()).isInstanceOf(ChaChaFirstEngineOptions.class);
    }
}
