package io.qnative.kube;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.util.BouncyCastleUtil;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * fabric8's Vert.x HTTP client, speaking HTTP/2 to an API server over TLS: every request (lists, gets, writes) is
 * a stream of one multiplexed connection instead of a connection, and a TLS handshake, of its own
 * (docs/memory-and-startup.md, "Where startup goes").
 *
 * <p>fabric8's {@link VertxHttpClientBuilder} never asks for HTTP/2 and builds its TLS context with ALPN
 * disabled, so this factory hands the builder a view of the shared {@link Vertx} whose
 * {@code createHttpClient(options)} turns on HTTP/2 with ALPN for TLS clients, with an SSL engine factory that
 * offers the ALPN protocols Vert.x asks for on fabric8's own {@code SSLContext} (its trust and key managers).
 * A server that does not pick {@code h2} gets HTTP/1.1 as before. For {@code https:} API servers only: fabric8's
 * options say TLS whatever the URL, and a plain-HTTP request would then try an h2c upgrade.
 * WebSockets stay HTTP/1.1: Vert.x 4 opens them on connections of their own without ALPN.
 */
public final class Http2ClientFactory implements HttpClient.Factory {

    private final Vertx vertx;

    /** A factory over {@code vertx}, which stays the caller's to close. */
    public Http2ClientFactory(Vertx vertx) {
        this.vertx = (Vertx) Proxy.newProxyInstance(Http2ClientFactory.class.getClassLoader(),
                new Class<?>[] {Vertx.class}, (proxy, method, args) -> invoke(vertx, method, args));
    }

    /**
     * Has Netty look for Bouncy Castle on a thread of its own, now. Netty's JDK ALPN engine wrapper asks whether
     * the engine is Bouncy Castle's the first time it wraps one, and with Bouncy Castle on the class path (the
     * certificates qnative issues) that constructs its JCE provider: ~0.5 s of CPU, which would otherwise hold up
     * the event loop opening the first connection to the API server.
     */
    static void prepareAlpn() {
        Thread thread = new Thread(BouncyCastleUtil::isBcTlsAvailable, "qnative-alpn-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public VertxHttpClientBuilder<Http2ClientFactory> newBuilder() {
        return new VertxHttpClientBuilder<>(this, vertx);
    }

    private static Object invoke(Vertx vertx, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("createHttpClient") && args != null && args.length > 0
                && args[0] instanceof HttpClientOptions options) {
            http2(options);
        }
        try {
            return method.invoke(vertx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Turns on HTTP/2 with ALPN for a TLS client's options; package-private for tests. */
    static void http2(HttpClientOptions options) {
        if (!options.isSsl() || options.getSslEngineOptions() == null) {
            return;
        }
        options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
                .setSslEngineOptions(new AlpnEngineOptions(options.getSslEngineOptions().sslContextFactory()));
    }

    /** JDK SSL engines whose client contexts offer ALPN when Vert.x asks for it. */
    private static final class AlpnEngineOptions extends JdkSSLEngineOptions {

        private final SslContextFactory contexts;

        AlpnEngineOptions(SslContextFactory contexts) {
            this.contexts = contexts;
        }

        @Override
        public JdkSSLEngineOptions copy() {
            return new AlpnEngineOptions(contexts);
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return new AlpnContextFactory(contexts);
        }
    }

    /** Builds fabric8's context, then, when ALPN is asked for, the same {@code SSLContext} offering it. */
    private static final class AlpnContextFactory implements SslContextFactory {

        private final SslContextFactory contexts;
        private boolean alpn;
        private List<String> protocols = List.of();

        AlpnContextFactory(SslContextFactory contexts) {
            this.contexts = contexts;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            alpn = useAlpn;
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
            protocols = applicationProtocols == null ? List.of() : applicationProtocols;
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            SslContext context = contexts.create();
            if (!alpn || protocols.isEmpty() || !(context instanceof JdkSslContext jdk)) {
                return context;
            }
            return new JdkSslContext(jdk.context(), true, null, IdentityCipherSuiteFilter.INSTANCE,
                    new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols),
                    ClientAuth.NONE, null, false);
        }
    }
}
