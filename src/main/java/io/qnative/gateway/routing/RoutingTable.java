package io.qnative.gateway.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the gateway routes: for every KIngress of qnative's class, its hosts, paths and weighted splits over Revision
 * Services. Writers (the KIngress controller) replace a whole KIngress at a time; readers (the proxy) look a request
 * up by listener, host, path and headers. Implementations are safe for concurrent use.
 */
public interface RoutingTable {

    /** A rule's visibility value for hosts reachable from outside the cluster. */
    String EXTERNAL_IP = "ExternalIP";
    /** A rule's visibility value for hosts reachable only inside the cluster. */
    String CLUSTER_LOCAL = "ClusterLocal";

    /**
     * A Kubernetes Service port the gateway forwards to (a Revision's {@code <rev>} Service).
     *
     * @param namespace the Service's namespace
     * @param serviceName the Service's name
     * @param port the Service port (80 http1, 81 h2c, 443 system-internal TLS)
     */
    record Backend(String namespace, String serviceName, int port) {
    }

    /**
     * One weighted backend of a path.
     *
     * @param backend where to send the request
     * @param percent its share, 0-100
     * @param appendHeaders headers added to requests sent there, e.g. {@code Knative-Serving-Revision}
     */
    record Split(Backend backend, int percent, Map<String, String> appendHeaders) {
        public Split {
            appendHeaders = Map.copyOf(appendHeaders);
        }
    }

    /**
     * One path of a rule, tried in order.
     *
     * @param path a path prefix; empty matches every path
     * @param headers request headers that must have exactly these values (tag routing), possibly empty
     * @param splits the weighted backends, percents summing to 100
     * @param appendHeaders headers added to every request matching this path
     * @param rewriteHost the Host to send instead of the request's, or null
     */
    record Path(String path, Map<String, String> headers, List<Split> splits, Map<String, String> appendHeaders,
            String rewriteHost) {
        public Path {
            path = path == null ? "" : path;
            headers = Map.copyOf(headers);
            splits = List.copyOf(splits);
            appendHeaders = Map.copyOf(appendHeaders);
        }

        /**
         * The split that {@code roll} (uniform in 0-99) falls into; empty when the path has no backend.
         */
        public Optional<Split> pick(int roll) {
            int acc = 0;
            for (Split s : splits) {
                acc += s.percent();
                if (roll < acc) {
                    return Optional.of(s);
                }
            }
            return splits.isEmpty() ? Optional.empty() : Optional.of(splits.get(splits.size() - 1));
        }
    }

    /**
     * Hosts sharing paths.
     *
     * @param hosts the host names (no port), lower case
     * @param visibility {@link #EXTERNAL_IP} or {@link #CLUSTER_LOCAL}
     * @param paths the paths, in the order they are tried
     */
    record Rule(List<String> hosts, String visibility, List<Path> paths) {
        public Rule {
            hosts = List.copyOf(hosts);
            paths = List.copyOf(paths);
        }
    }

    /**
     * Everything one KIngress routes.
     *
     * @param namespace the KIngress's namespace
     * @param name the KIngress's name
     * @param generation the KIngress generation loaded
     * @param rules its rules, in order
     * @param httpOption {@code Enabled}, {@code Redirected} or empty
     */
    record Entry(String namespace, String name, long generation, List<Rule> rules, String httpOption) {
        public Entry {
            rules = List.copyOf(rules);
            httpOption = httpOption == null ? "" : httpOption;
        }
    }

    /**
     * A request's match.
     *
     * @param entry the KIngress it matched
     * @param rule the matching rule
     * @param path the matching path, whose splits to choose from
     */
    record Match(Entry entry, Rule rule, Path path) {
    }

    /** Loads or replaces the entry of its KIngress. */
    void put(Entry entry);

    /** Forgets a KIngress; a no-op when unknown. */
    void remove(String namespace, String name);

    /** The entry loaded for a KIngress. */
    Optional<Entry> get(String namespace, String name);

    /** Every loaded entry. */
    Collection<Entry> entries();

    /**
     * Finds where a request goes: the first rule (in KIngress name order) with the host, then its first path whose
     * prefix and headers match.
     *
     * @param external true for the external listener, which serves only {@link #EXTERNAL_IP} rules; the
     *     cluster-local listener serves every rule
     * @param host the request's Host, with or without a port, any case
     * @param path the request path
     * @param header the request's header values by name (case-insensitive lookup is the caller's); null if absent
     */
    Optional<Match> lookup(boolean external, String host, String path, Function<String, String> header);
}
