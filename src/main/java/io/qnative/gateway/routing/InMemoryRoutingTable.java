package io.qnative.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gateway's routing table in memory: entries by KIngress, and an index from host to the rules that name it so a
 * lookup costs one map read however many KIngresses are loaded. Writes are serialized; reads never block and see
 * each KIngress either before or after a write, never half of it.
 */
@ApplicationScoped
public class InMemoryRoutingTable implements RoutingTable {

    private static final Comparator<HostRule> ORDER = Comparator.comparing((HostRule h) -> h.entry().namespace())
            .thenComparing(h -> h.entry().name());

    /** A rule reachable under one host, with the entry it belongs to. */
    private record HostRule(Entry entry, Rule rule) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, List<HostRule>> byHost = new ConcurrentHashMap<>();

    /**
     * Each host's rule list is replaced in one step, with the old entry's rules taken out and the new one's put in
     * together: a lookup during an update sees the host under the old rules or the new ones, never under none (a
     * 404 in between broke Knative's ingress conformance TestUpdate, docs/ingress-conformance.md).
     */
    @Override
    public synchronized void put(Entry entry) {
        Entry old = entries.put(key(entry.namespace(), entry.name()), entry);
        Map<String, List<HostRule>> added = new HashMap<>();
        for (Rule rule : entry.rules()) {
            for (String host : rule.hosts()) {
                added.computeIfAbsent(normalize(host), h -> new ArrayList<>()).add(new HostRule(entry, rule));
            }
        }
        Set<String> hosts = new HashSet<>(added.keySet());
        if (old != null) {
            hosts.addAll(hostsOf(old));
        }
        for (String host : hosts) {
            reindex(host, old, added.getOrDefault(host, List.of()));
        }
    }

    @Override
    public synchronized void remove(String namespace, String name) {
        Entry old = entries.remove(key(namespace, name));
        if (old != null) {
            hostsOf(old).forEach(host -> reindex(host, old, List.of()));
        }
    }

    /** Replaces {@code host}'s rules of {@code old} (if any) with {@code added}, in one write. */
    private void reindex(String host, Entry old, List<HostRule> added) {
        byHost.compute(host, (h, rules) -> {
            List<HostRule> next = new ArrayList<>();
            if (rules != null) {
                for (HostRule r : rules) {
                    if (r.entry() != old) {
                        next.add(r);
                    }
                }
            }
            next.addAll(added);
            if (next.isEmpty()) {
                return null;
            }
            next.sort(ORDER);
            return List.copyOf(next);
        });
    }

    private static Set<String> hostsOf(Entry entry) {
        Set<String> hosts = new HashSet<>();
        entry.rules().forEach(r -> r.hosts().forEach(h -> hosts.add(normalize(h))));
        return hosts;
    }

    @Override
    public Optional<Entry> get(String namespace, String name) {
        return Optional.ofNullable(entries.get(key(namespace, name)));
    }

    @Override
    public Collection<Entry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public Optional<Match> lookup(boolean external, String host, String path, Function<String, String> header) {
        List<HostRule> rules = byHost.get(normalize(host));
        if (rules == null) {
            return Optional.empty();
        }
        String p = path == null ? "" : path;
        for (HostRule hr : rules) {
            if (external && !EXTERNAL_IP.equals(hr.rule().visibility())) {
                continue;
            }
            for (Path candidate : hr.rule().paths()) {
                if (p.startsWith(candidate.path()) && headersMatch(candidate, header)) {
                    return Optional.of(new Match(hr.entry(), hr.rule(), candidate));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean headersMatch(Path path, Function<String, String> header) {
        // a plain loop: per request, and a stream here allocated its pipeline on every lookup
        for (Map.Entry<String, String> e : path.headers().entrySet()) {
            if (!Objects.equals(e.getValue(), header.apply(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A host as the table keys it: lower case, without a port. */
    public static String normalizeHost(String host) {
        return normalize(host);
    }

    /** Lower case, without a port. */
    static String normalize(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
