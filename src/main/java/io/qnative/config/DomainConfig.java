package io.qnative.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config-domain}: which domain a Route's hosts live under (Knative's pkg/reconciler/route/config/domain.go).
 * Every key except
 * {@code _example} is a domain; its value is YAML {@code selector: {label: value}} with an optional
 * {@code type: wildcard}. A domain with an empty selector matches every Route (and is a wildcard domain).
 * When no domain has an empty selector, {@code svc.<clusterDomain>} is the catch-all, so out of the box every
 * Route is cluster-local.
 *
 * @param domains the configured domains by name, sorted
 * @param clusterDomain the cluster's DNS domain, for the cluster-local suffix
 */
public record DomainConfig(Map<String, Domain> domains, String clusterDomain) {

    /** The ConfigMap name. */
    public static final String NAME = "config-domain";
    /** The label that makes a Route cluster-local. */
    public static final String VISIBILITY_LABEL = "networking.knative.dev/visibility";
    /** Its cluster-local value. */
    public static final String VISIBILITY_CLUSTER_LOCAL = "cluster-local";

    /** No domains configured, cluster domain {@code cluster.local}. */
    public static final DomainConfig DEFAULT = new DomainConfig(Map.of(), ClusterDomain.DEFAULT);

    /** Canonical, sorted copy. */
    public DomainConfig {
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    /** The same domains for another cluster domain. */
    public DomainConfig withClusterDomain(String domain) {
        return new DomainConfig(domains, domain);
    }

    /** The configured domains plus the {@code svc.<clusterDomain>} catch-all when none matches everything. */
    public Map<String, Domain> effectiveDomains() {
        if (domains.values().stream().anyMatch(d -> d.selector().isEmpty())) {
            return domains;
        }
        Map<String, Domain> all = new TreeMap<>(domains);
        all.put("svc." + clusterDomain, new Domain(Map.of(), true));
        return Collections.unmodifiableMap(all);
    }

    /**
     * The domain for a Route with these labels: {@code svc.<clusterDomain>} when labelled cluster-local, else the
     * matching domain with the most selector keys, ties going to the lexicographically smallest domain.
     */
    public String lookup(Map<String, String> labels) {
        if (VISIBILITY_CLUSTER_LOCAL.equals(labels.get(VISIBILITY_LABEL))) {
            return "svc." + clusterDomain;
        }
        String best = null;
        int specificity = -1;
        for (Map.Entry<String, Domain> e : effectiveDomains().entrySet()) {
            Domain d = e.getValue();
            if (d.matches(labels) && d.selector().size() > specificity) {
                best = e.getKey();
                specificity = d.selector().size();
            }
        }
        return best;
    }

    /** Parses for cluster domain {@code cluster.local}; see {@link #parse(Map, String)}. */
    public static DomainConfig parse(Map<String, String> data) {
        return parse(data, ClusterDomain.DEFAULT);
    }

    /**
     * Parses the map.
     *
     * @throws ConfigException naming every domain whose value is not a valid selector
     */
    public static DomainConfig parse(Map<String, String> data, String clusterDomain) {
        MapReader r = new MapReader(NAME, data);
        DomainConfig config = read(r, clusterDomain);
        r.throwIfProblems();
        return config;
    }

    static DomainConfig read(MapReader r, String clusterDomain) {
        Map<String, Domain> domains = new TreeMap<>();
        for (String key : r.keys()) {
            Domain d = r.typed(null, Domain::parse, key);
            if (d != null) {
                domains.put(key, d);
            }
        }
        return new DomainConfig(domains, clusterDomain);
    }

    /**
     * One configured domain.
     *
     * @param selector labels a Route must carry (all of them) to get this domain; empty matches all
     * @param wildcard whether the domain is a wildcard domain ({@code type: wildcard}, or an empty selector)
     */
    public record Domain(Map<String, String> selector, boolean wildcard) {

        /** Canonical, sorted copy. */
        public Domain {
            selector = Collections.unmodifiableMap(new TreeMap<>(selector));
        }

        /** True when every selector label is present with its value. */
        public boolean matches(Map<String, String> labels) {
            return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }

        static Domain parse(String yaml) {
            Raw raw = yaml.isBlank() ? null : Yaml.read(yaml, Raw.class);
            Map<String, String> selector = raw == null || raw.selector == null ? Map.of() : raw.selector;
            String type = raw == null || raw.type == null ? "" : raw.type.toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !"wildcard".equals(type)) {
                throw new IllegalArgumentException("type must be wildcard (or absent)");
            }
            return new Domain(selector, selector.isEmpty() || "wildcard".equals(type));
        }
    }

    /** YAML shape of a domain's value. */
    static final class Raw {
        public Map<String, String> selector;
        public String type;
    }
}
