package io.qnative.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * be read is logged (naming {@code tls.crt} or {@code tls.key}) and its hosts are not served. A host named by two
 * blocks is served the key pair of the first whose Secret can be read (KIngresses by {@code namespace/name}, then
 * blocks in order).
 *
 * <p>Updates are incremental: a KIngress or Secret change touches only the hosts it names, so loading N
 * certificates is linear in N, and of a Secret only {@code tls.crt} and {@code tls.key} are kept (as text until
 * parsed; a Secret no block names is never parsed).
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
    private record Loaded(String alias, KeyMaterial material) {
    }

    /** Where a host is claimed: a KIngress ({@code namespace/name}) and the index of its block. */
    private record Claim(String ingress, int block) implements Comparable<Claim> {
        @Override
        public int compareTo(Claim o) {
            int c = ingress.compareTo(o.ingress);
            return c != 0 ? c : Integer.compare(block, o.block);
        }
    }

    private final Map<String, List<Block>> blocks = new HashMap<>();
    /** {@code tls.crt} and {@code tls.key} of each Secret, by {@code namespace/name}. */
    private final Map<String, String[]> secrets = new HashMap<>();
    /** Every claim on a host, ordered, with the Secret it names. */
    private final Map<String, TreeMap<Claim, String>> claims = new HashMap<>();
    /** The hosts whose claims name a Secret. */
    private final Map<String, Set<String>> hostsOfSecret = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();
    /** Secrets whose current data cannot be read (logged once per content). */
    private final Set<String> unreadable = new HashSet<>();
    private final Map<String, KeyMaterial> byAlias = new ConcurrentHashMap<>();
    private final Map<String, HostKeyManager> managers = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong aliases = new AtomicLong();
    /** The key pair each host is served now; read by handshakes on any thread. */
    private final Map<String, Loaded> hosts = new ConcurrentHashMap<>();
    /** Aliases replaced by the previous change: kept for one more change, for handshakes that chose them. */
    private List<String> retiring = new ArrayList<>();
    private List<String> retired = new ArrayList<>();

    /** Sets (or, with an empty list, clears) the TLS blocks of KIngress {@code namespace/name}. */
    public synchronized void putIngress(String namespace, String name, List<Block> tls) {
        String ingress = namespace + "/" + name;
        List<Block> next = tls == null ? List.of() : List.copyOf(tls);
        List<Block> previous = next.isEmpty() ? blocks.remove(ingress) : blocks.put(ingress, next);
        if (previous == null) {
            previous = List.of();
        }
        if (previous.equals(next)) {
            return;
        }
        Set<String> touched = new HashSet<>();
        Set<String> secretsTouched = new HashSet<>();
        for (int i = 0; i < previous.size(); i++) {
            Block b = previous.get(i);
            for (String h : b.hosts()) {
                String host = h.toLowerCase(Locale.ROOT);
                TreeMap<Claim, String> c = claims.get(host);
                if (c != null) {
                    c.remove(new Claim(ingress, i));
                    if (c.isEmpty()) {
                        claims.remove(host);
                    }
                }
                touched.add(host);
            }
            secretsTouched.add(b.secretKey());
        }
        for (int i = 0; i < next.size(); i++) {
            Block b = next.get(i);
            for (String h : b.hosts()) {
                String host = h.toLowerCase(Locale.ROOT);
                claims.computeIfAbsent(host, k -> new TreeMap<>()).put(new Claim(ingress, i), b.secretKey());
                touched.add(host);
            }
            secretsTouched.add(b.secretKey());
        }
        for (String secret : secretsTouched) {
            reindexSecret(secret, touched);
        }
        update(touched);
    }

    /** Forgets KIngress {@code namespace/name}. */
    public void removeIngress(String namespace, String name) {
        putIngress(namespace, name, List.of());
    }

    /**
     * Sets the data of Secret {@code namespace/name} ({@code tls.crt}, {@code tls.key} as text; other keys are not
     * kept).
     */
    public synchronized void putSecret(String namespace, String name, Map<String, String> data) {
        String key = namespace + "/" + name;
        String[] next = {data.get(KeyMaterial.TLS_CRT), data.get(KeyMaterial.TLS_KEY)};
        String[] previous = secrets.put(key, next);
        if (previous != null && Arrays.equals(previous, next)) {
            return;
        }
        reload(key);
    }

    /** Forgets Secret {@code namespace/name}. */
    public synchronized void removeSecret(String namespace, String name) {
        String key = namespace + "/" + name;
        if (secrets.remove(key) == null) {
            return;
        }
        reload(key);
    }

    /** Drops what was loaded from Secret {@code key} and recomputes the hosts that name it. */
    private void reload(String key) {
        unreadable.remove(key);
        Loaded old = loaded.remove(key);
        if (old != null) {
            retiring.add(old.alias());
        }
        update(hostsOfSecret.getOrDefault(key, Set.of()));
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

    /** Files {@code secret} under the hosts among {@code touched} whose claims name it now; unloads it if none do. */
    private void reindexSecret(String secret, Set<String> touched) {
        Set<String> users = hostsOfSecret.computeIfAbsent(secret, k -> new HashSet<>());
        for (String host : touched) {
            TreeMap<Claim, String> c = claims.get(host);
            if (c != null && c.containsValue(secret)) {
                users.add(host);
            } else {
                users.remove(host);
            }
        }
        if (users.isEmpty()) {
            hostsOfSecret.remove(secret);
            unreadable.remove(secret);
            Loaded old = loaded.remove(secret);
            if (old != null) {
                retiring.add(old.alias());
            }
        }
    }

    /** Serves each of {@code touched} from its first claim whose Secret loads; tells the listeners of a change. */
    private void update(Set<String> touched) {
        boolean changed = false;
        for (String host : touched) {
            Loaded next = null;
            TreeMap<Claim, String> c = claims.get(host);
            if (c != null) {
                for (String secret : c.values()) {
                    next = load(secret);
                    if (next != null) {
                        break;
                    }
                }
            }
            Loaded previous = next == null ? hosts.remove(host) : hosts.put(host, next);
            // the served set changed, or a host now has another key pair's alias
            changed |= previous == null ? next != null : next == null || !previous.alias().equals(next.alias());
            if (next == null) {
                // a key manager the TLS stack still holds for a dropped host keeps reading the live map: safe
                managers.remove(host);
            }
        }
        // aliases replaced two changes ago: no handshake still holds them
        retired.forEach(byAlias::remove);
        retired = retiring;
        retiring = new ArrayList<>();
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** The Secret's key pair, parsed once per content; null when absent or unreadable (logged). */
    private Loaded load(String secretKey) {
        Loaded current = loaded.get(secretKey);
        if (current != null) {
            return current;
        }
        String[] data = secrets.get(secretKey);
        if (data == null || unreadable.contains(secretKey)) {
            return null;
        }
        try {
            KeyMaterial m = KeyMaterial.parse(data[0], data[1]);
            Loaded l = new Loaded(secretKey + "#" + aliases.incrementAndGet(), m);
            loaded.put(secretKey, l);
            byAlias.put(l.alias(), m);
            return l;
        } catch (IllegalArgumentException e) {
            LOG.warnf("TLS Secret %s is not served: %s", secretKey, e.getMessage());
            unreadable.add(secretKey);
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
