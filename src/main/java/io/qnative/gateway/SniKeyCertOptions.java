package io.qnative.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * Adapts {@link GatewayCertificates} to Vert.x: the SNI server name picks the key manager, which the handshake
 * asks for the host's current key pair, so new or rotated certificates apply without restarting the listener.
 */
final class SniKeyCertOptions implements KeyCertOptions {

    private final GatewayCertificates certificates;

    SniKeyCertOptions(GatewayCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public KeyCertOptions copy() {
        return new SniKeyCertOptions(certificates);
    }

    @Override
    public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
        return new io.netty.handler.ssl.util.KeyManagerFactoryWrapper(
                certificates.fallback().orElseGet(EmptyKeyManager::new));
    }

    /**
     * Hands Vert.x the key manager itself: Vert.x's default copies a mapped key manager's key pair into a key store
     * once per server name (and caches the context), which would pin the first certificate of a host for good.
     */
    @Override
    public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
        Function<String, X509KeyManager> mapper = keyManagerMapper(vertx);
        return name -> {
            X509KeyManager manager = mapper.apply(name);
            return manager == null ? null : new io.netty.handler.ssl.util.KeyManagerFactoryWrapper(manager);
        };
    }

    @Override
    public Function<String, X509KeyManager> keyManagerMapper(Vertx vertx) {
        return name -> name == null ? certificates.fallback().orElse(null)
                : certificates.forServerName(name).orElse(null);
    }

    /** Holds no key: a handshake without a matching certificate fails. */
    private static final class EmptyKeyManager implements X509KeyManager {
        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }

        @Override
        public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
