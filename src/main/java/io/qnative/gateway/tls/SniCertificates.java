package io.qnative.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import io.qnative.gateway.GatewayCertificates;
import org.jboss.logging.Logger;

/**
 * The gateway's SNI certificates: every host of a KIngress TLS block mapped to the key pair of its Secret. A host's
 * key manager looks its key pair up again at each handshake, so a rotated Secret is served to the next handshake
 * while connections already open keep theirs, and a host whose TLS block or Secret went away fails the handshake
 * (there is no default certificate for foreign names, and none for clients that send no SNI). A Secret that cannot
 * be read is logged (naming {@code tls.crt} or {@code tls.key}) and its hosts are not served.
 *
 * <p>Pure state: {@link TlsSecrets} feeds it from the informers; tests feed it directly.
 */
public final class SniCertificates implements GatewayCertificates {

    private static final Logger LOG = Logger.getLogger(SniCertificates.class);

    /** A TLS block of a KIngress: its hosts and the {@code namespace/name} of its Secret. */
    public record Block(List<String> hosts, String secretNamespace, String secretName) {

        String secretKey() {
            return secretNamespace + "/" + secretName;
        }
    }

    /** A loaded key pair under a unique alias (the alias outlives a rotation for handshakes already choosing it). */
    private record Loaded(String alias, KeyMaterial material, Map<String, String> data) {
    }

    private final Map<String, List<Block>> blocks = new TreeMap<>();
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();
    private final Map<String, KeyMaterial> byAlias = new ConcurrentHashMap<>();
    private final Map<String, HostKeyManager> managers = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong aliases = new AtomicLong();
    private volatile Map<String, Loaded> hosts = Map.of();

    /** Sets (or, with an empty list, clears) the TLS blocks of KIngress {@code namespace/name}. */
    public synchronized void putIngress(String namespace, String name, List<Block> tls) {
        if (tls == null || tls.isEmpty()) {
            blocks.remove(namespace + "/" + name);
        } else {
            blocks.put(namespace + "/" + name, List.copyOf(tls));
        }
        rebuild();
    }

    /** Forgets KIngress {@code namespace/name}. */
    public void removeIngress(String namespace, String name) {
        putIngress(namespace, name, List.of());
    }

    /** Sets the data of Secret {@code namespace/name} ({@code tls.crt}, {@code tls.key} as text). */
    public synchronized void putSecret(String namespace, String name, Map<String, String> data) {
        secrets.put(namespace + "/" + name, Map.copyOf(data));
        rebuild();
    }

    /** Forgets Secret {@code namespace/name}. */
    public synchronized void removeSecret(String namespace, String name) {
        secrets.remove(namespace + "/" + name);
        rebuild();
    }

    /** Runs {@code listener} after every change of the served hosts (the listeners start on the first). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The hosts served, lower case. */
    public List<String> hosts() {
        return new ArrayList<>(new TreeMap<>(hosts).keySet());
    }

    @Override
    public boolean available() {
        return !hosts.isEmpty();
    }

    @Override
    public Optional<X509KeyManager> forServerName(String serverName) {
        String host = serverName.toLowerCase(Locale.ROOT);
        if (!hosts.containsKey(host)) {
            return Optional.empty();
        }
        return Optional.of(managers.computeIfAbsent(host, HostKeyManager::new));
    }

    @Override
    public void whenChanged(Runnable listener) {
        onChange(listener);
    }

    private void rebuild() {
        Map<String, Loaded> nextLoaded = new HashMap<>();
        Map<String, Loaded> nextHosts = new HashMap<>();
        for (List<Block> list : blocks.values()) {
            for (Block b : list) {
                Loaded l = nextLoaded.computeIfAbsent(b.secretKey(), this::load);
                if (l == null) {
                    continue;
                }
                for (String h : b.hosts()) {
                    nextHosts.putIfAbsent(h.toLowerCase(Locale.ROOT), l);
                }
            }
        }
        nextLoaded.values().removeIf(Objects::isNull);
        Map<String, Loaded> previous = new HashMap<>(loaded);
        loaded.clear();
        loaded.putAll(nextLoaded);
        // keep the key pairs just replaced for handshakes that chose their alias a moment ago
        byAlias.keySet().retainAll(aliasesOf(previous, nextLoaded));
        nextLoaded.values().forEach(l -> byAlias.put(l.alias(), l.material()));
        boolean changed = !nextHosts.equals(hosts);
        hosts = Map.copyOf(nextHosts);
        // a key manager the TLS stack still holds for a dropped host keeps reading the live map, so this is safe
        managers.keySet().retainAll(nextHosts.keySet());
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    private static List<String> aliasesOf(Map<String, Loaded> a, Map<String, Loaded> b) {
        List<String> out = new ArrayList<>();
        a.values().forEach(l -> out.add(l.alias()));
        b.values().forEach(l -> out.add(l.alias()));
        return out;
    }

    /** The Secret's key pair, reparsed only when its data changed; null when absent or unreadable (logged). */
    private Loaded load(String secretKey) {
        Map<String, String> data = secrets.get(secretKey);
        if (data == null) {
            return null;
        }
        Loaded current = loaded.get(secretKey);
        if (current != null && current.data().equals(data)) {
            return current;
        }
        try {
            KeyMaterial m = KeyMaterial.parse(data.get(KeyMaterial.TLS_CRT), data.get(KeyMaterial.TLS_KEY));
            return new Loaded(secretKey + "#" + aliases.incrementAndGet(), m, data);
        } catch (IllegalArgumentException e) {
            LOG.warnf("TLS Secret %s is not served: %s", secretKey, e.getMessage());
            return null;
        }
    }

    /** One host's key manager: reads the host's current key pair at each handshake. */
    private final class HostKeyManager extends X509ExtendedKeyManager {

        private final String host;

        HostKeyManager(String host) {
            this.host = host;
        }

        private String alias(String keyType) {
            Loaded l = hosts.get(host);
            return l != null && l.material().keyType().equals(keyType) ? l.alias() : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            String a = alias(keyType);
            return a == null ? null : new String[] {a};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            KeyMaterial m = byAlias.get(alias);
            return m == null ? null : m.chain().clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            KeyMaterial m = byAlias.get(alias);
            return m == null ? null : m.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
