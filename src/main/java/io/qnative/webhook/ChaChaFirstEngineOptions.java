package io.qnative.webhook;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's TLS engine with the ChaCha20-Poly1305 cipher suites preferred, for the webhook's listener. The
 * Deployment runs the JVM with C1 only (docs/memory-and-startup.md), and C1 has no intrinsic for AES-GCM's GHASH:
 * decrypting a ~1.4 KB AdmissionReview with AES-GCM then costs several times what ChaCha20-Poly1305 does, and was
 * the largest single item of the webhook's CPU per review (bench/README.md, "webhook.sh"). Go's own TLS servers
 * prefer ChaCha20-Poly1305 the same way when AES is not cheap (crypto/tls cipher_suites.go); the API server's Go
 * client always offers it. A client without ChaCha20-Poly1305 still gets AES-GCM: only the order changes.
 *
 * <p>The order has to be set on each engine: Netty's JDK context moves the TLS 1.3 AES suites ahead of any order
 * given in the options.
 */
final class ChaChaFirstEngineOptions extends JdkSSLEngineOptions {

    @Override
    public ChaChaFirstEngineOptions copy() {
        ChaChaFirstEngineOptions copy = new ChaChaFirstEngineOptions();
        copy.setPooledHeapBuffers(isPooledHeapBuffers());
        copy.setUseWorkerThread(getUseWorkerThread());
        return copy;
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new Factory(super.sslContextFactory());
    }

    /** {@code suites} with the ChaCha20-Poly1305 ones first, each group in its given order. */
    static String[] chachaFirst(String[] suites) {
        List<String> ordered = new ArrayList<>(suites.length);
        for (String s : suites) {
            if (s.contains("CHACHA20")) {
                ordered.add(s);
            }
        }
        for (String s : suites) {
            if (!s.contains("CHACHA20")) {
                ordered.add(s);
            }
        }
        return ordered.toArray(String[]::new);
    }

    /** Sets the server's preference order on an engine. */
    static void prefer(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setCipherSuites(chachaFirst(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
    }

    /** Vert.x's JDK factory, whose contexts' engines get {@link #prefer}. */
    private static final class Factory implements SslContextFactory {

        private final SslContextFactory jdk;

        Factory(SslContextFactory jdk) {
            this.jdk = jdk;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            jdk.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory clientAuth(ClientAuth clientAuth) {
            jdk.clientAuth(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(boolean forClient) {
            jdk.forClient(forClient);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            jdk.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            jdk.trustManagerFactory(tmf);
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> suites) {
            jdk.enabledCipherSuites(suites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> protocols) {
            jdk.applicationProtocols(protocols);
            return this;
        }

        @Override
        public SslContextFactory serverName(String serverName) {
            jdk.serverName(serverName);
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            return new DelegatingSslContext(jdk.create()) {
                @Override
                protected void initEngine(SSLEngine engine) {
                    prefer(engine);
                }
            };
        }
    }
}
