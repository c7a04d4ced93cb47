package io.qnative.webhook;

import io.qnative.certs.CertificateBundle;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose certificate can be replaced while the listener runs: every TLS handshake asks it for the
 * current key, so a rotation takes effect for the next connection, with no window in which the listener has no
 * certificate (Vert.x 4.5's {@code updateSSLOptions} fails connections that arrive while the new context is
 * being built).
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    private static final char[] PASSWORD = new char[0];
    private static final String ALIAS = "webhook";

    private volatile X509ExtendedKeyManager delegate;

    /** Serves {@code bundle} from the next handshake on. */
    void use(CertificateBundle bundle) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry(ALIAS, bundle.privateKey(), PASSWORD, bundle.certificateChain());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                delegate = x509;
                return;
            }
        }
        throw new GeneralSecurityException("no X.509 key manager for the webhook certificate");
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
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
