package io.qnative.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads and initialises, on a thread of its own, the classes the Kubernetes client's construction and its first
 * requests need (Jackson and fabric8's model behind the client's serialization, the JDK's X.509 and TLS code down to
 * a ClientHello's key share), while the main thread boots Quarkus (configuration, CDI, Vert.x, OpenTelemetry). The
 * main thread then builds the client from classes already loaded instead of loading ~1,500 of them itself on the
 * way to the first API request. Nothing it builds is kept; it touches no file and no network.
 * docs/memory-and-startup.md ("Where startup goes").
 */
public final class ClientWarmup {

    /** The thread's name (in thread dumps and the per-thread CPU figures of docs/memory-and-startup.md). */
    public static final String THREAD_NAME = "qnative-warmup";

    static final String CONFIG_MAP = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"warmup\","
            + "\"namespace\":\"knative-serving\",\"labels\":{\"app\":\"warmup\"}},\"data\":{\"key\":\"value\"}}";

    private ClientWarmup() {
    }

    /** Starts the warm-up on a daemon thread and returns it. */
    public static Thread start() {
        Thread thread = new Thread(ClientWarmup::runQuietly, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void runQuietly() {
        try {
            run();
        } catch (GeneralSecurityException | SSLException | RuntimeException e) {
            // warming only: the client's real construction and requests report their own failures
        }
    }

    /**
     * The warm-up itself: a ConfigMap through the client's serialization (as Quarkus' producer builds it: a plain
     * {@code ObjectMapper} and fabric8's modules) both ways, then a TLS client engine's first handshake message.
     * Returns the ConfigMap read back.
     */
    static ConfigMap run() throws GeneralSecurityException, SSLException {
        KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), true);
        ConfigMap configMap = serialization.unmarshal(CONFIG_MAP);
        ConfigMap readBack = serialization.unmarshal(serialization.asJson(configMap), ConfigMap.class);
        clientHello();
        return readBack;
    }

    /** A TLS client engine over an empty trust store, up to its ClientHello (which carries a key share). */
    static int clientHello() throws GeneralSecurityException, SSLException {
        CertificateFactory.getInstance("X.509");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLEngine engine = context.createSSLEngine("kubernetes.default.svc", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return out.position();
    }
}
