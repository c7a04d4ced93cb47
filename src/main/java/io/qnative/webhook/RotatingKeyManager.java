package io.qnative.webhook;

import io.qnative.certs.CertificateBundle;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose certificate can be replaced while the listener runs: every TLS handshake asks it for the
 * current key, so a rotation takes effect for the next connection, with no window in which the listener has no
 * certificate (Vert.x 4.5's {@code updateSSLOptions} fails connections that arrive while the new context is
 * being built).
 *
 * <p>It holds the one key and its chain itself instead of delegating to the JDK's key manager over a PKCS#12 key
 * store: a PKCS#12 store encrypts the key with 10,000 rounds of password-based encryption on {@code setKeyEntry}
 * and decrypts it again when the key manager reads it, work on the way to the webhook's readiness
 * (docs/memory-and-startup.md) and on every rotation.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    /**
     * A certificate and its key under an alias of their own: a handshake asks for the alias first, then for the key
     * and the chain by that alias, and a rotation in between must not pair the old alias with the new key.
     */
    private record Served(String alias, PrivateKey key, X509Certificate[] chain) {
    }

    private volatile Served served;
    /** The certificate served before the last rotation, for handshakes that chose its alias before it. */
    private volatile Served previous;
    private int rotations;

    /** Serves {@code bundle} from the next handshake on. */
    synchronized void use(CertificateBundle bundle) throws GeneralSecurityException {
        X509Certificate[] chain = bundle.certificateChain();
        if (chain.length == 0) {
            throw new GeneralSecurityException("the webhook certificate " + CertificateBundle.SERVER_CERT
                    + " holds no certificate");
        }
        Served next = new Served("webhook-" + ++rotations, bundle.privateKey(), chain);
        previous = served;
        served = next;
    }

    private Served byAlias(String alias) {
        Served current = served;
        if (current != null && current.alias().equals(alias)) {
            return current;
        }
        Served before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    /**
     * Whether the served key fits a handshake's {@code keyType}: the key's algorithm ({@code EC}, {@code RSA}), as
     * TLS 1.3 and the ECDHE suites of TLS 1.2 ask; the static key exchange types of TLS 1.2 ({@code EC_EC},
     * {@code EC_RSA}, which also name the certificate's signature) are not offered, so the handshake picks another
     * suite.
     */
    private static boolean fits(Served current, String keyType) {
        return current != null && keyType != null && keyType.equals(current.key().getAlgorithm());
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, (Socket) null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Served current = served;
        return fits(current, keyType) ? current.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, (Socket) null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Served match = byAlias(alias);
        return match == null ? null : match.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Served match = byAlias(alias);
        return match == null ? null : match.key();
    }
}
