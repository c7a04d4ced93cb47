package io.qnative.gateway;

import java.util.Optional;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS seam of the gateway's HTTPS listeners (8443 external, 8444 cluster-local): a certificate lookup by the
 * server name the client sent (SNI), filled from the KIngress TLS Secrets ({@code io.qnative.gateway.tls}). The
 * listeners start only when {@link #available()} says certificates exist.
 */
public interface GatewayCertificates {

    /** Whether any certificate is available (the HTTPS listeners start only then). */
    boolean available();

    /** The key manager serving {@code serverName}; empty when no certificate covers it (the handshake fails). */
    Optional<X509KeyManager> forServerName(String serverName);

    /** The key manager for clients that send no SNI, if any. */
    default Optional<X509KeyManager> fallback() {
        return Optional.empty();
    }

    /**
     * Calls {@code listener} whenever the certificates served change (the HTTPS listeners start once
     * {@link #available()} turns true); a fixed set never calls it.
     */
    default void whenChanged(Runnable listener) {
    }

    /** No certificates: the HTTPS listeners stay closed. */
    GatewayCertificates NONE = new GatewayCertificates() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<X509KeyManager> forServerName(String serverName) {
            return Optional.empty();
        }
    };
}
