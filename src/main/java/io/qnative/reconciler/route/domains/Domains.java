package io.qnative.reconciler.route.domains;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.GoTemplate;
import io.qnative.config.NetworkConfig;

/**
 * Hosts and URLs of a Route and its tags (Knative's {@code pkg/reconciler/route/domains/domains.go}):
 *
 * <ul>
 *   <li>host name for target {@code t}: the Route name, or {@code tag-template(Tag=t, Name=route)};</li>
 *   <li>domain name: {@code domain-template(Name=host, Namespace, Domain=config-domain lookup(labels), Labels,
 *       Annotations)}, except that a cluster-local object always uses the default template, so its host is
 *       {@code host.ns.svc.<clusterDomain>}; the result must be a fully qualified domain name;</li>
 *   <li>scheme: {@code http} when cluster-local, else {@code default-external-scheme}.</li>
 * </ul>
 * Pure; every template or validation failure is a {@link DomainNameException}.
 */
public final class Domains {

    /** The plain HTTP scheme. */
    public static final String HTTP = "http";
    /** The default target's name: the Route's own host. */
    public static final String DEFAULT_TARGET = "";

    private static final GoTemplate DEFAULT_DOMAIN_TEMPLATE = GoTemplate.parse(NetworkConfig.DEFAULT_DOMAIN_TEMPLATE);

    private Domains() {
    }

    /** The host name (first label) of target {@code tag}: the Route's name for the default target. */
    public static String hostname(NetworkConfig network, String routeName, String tag) {
        if (tag == null || tag.isEmpty()) {
            return routeName;
        }
        try {
            return network.renderTag(routeName, tag);
        } catch (IllegalArgumentException e) {
            throw new DomainNameException("error executing the TagTemplate: " + e.getMessage(), e);
        }
    }

    /**
     * The domain name of {@code name} for an object with these labels and annotations
     * ({@code DomainNameFromTemplate}).
     */
    public static String domainName(ConfigSnapshot config, String namespace, Map<String, String> labels,
            Map<String, String> annotations, String name) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        String domain = config.domain().lookup(l);
        GoTemplate template = isLabelledClusterLocal(l) ? DEFAULT_DOMAIN_TEMPLATE : config.network().domainTemplate();
        Map<String, Object> values = new TreeMap<>();
        values.put("Name", name);
        values.put("Namespace", namespace);
        values.put("Domain", domain);
        values.put("Annotations", a);
        values.put("Labels", l);
        String host;
        try {
            host = template.render(values);
        } catch (IllegalArgumentException e) {
            throw new DomainNameException("error executing the DomainTemplate: " + e.getMessage(), e);
        }
        List<String> problems = Fqdn.problems(host);
        if (!problems.isEmpty()) {
            throw new DomainNameException("invalid domain name \"" + host + "\": " + Fqdn.aggregate(problems));
        }
        return host;
    }

    /** The domain name of {@code name} under the Route's own labels (as the placeholder Service uses). */
    public static String domainName(ConfigSnapshot config, Route route, String name) {
        return domainName(config, route.getMetadata().getNamespace(), route.getMetadata().getLabels(),
                route.getMetadata().getAnnotations(), name);
    }

    /**
     * The domain name of {@code name} with the Route's labels forced to {@code visibility}
     * ({@code labels.SetVisibility} on a copy, then {@code DomainNameFromTemplate}).
     */
    public static String domainName(ConfigSnapshot config, Route route, String name, Visibility visibility) {
        return domainName(config, route.getMetadata().getNamespace(), withVisibility(route, visibility),
                route.getMetadata().getAnnotations(), name);
    }

    /** The host of target {@code tag} at {@code visibility}. */
    public static String host(ConfigSnapshot config, Route route, String tag, Visibility visibility) {
        return domainName(config, route, hostname(config.network(), route.getMetadata().getName(), tag), visibility);
    }

    /** {@code scheme://host}. */
    public static String url(String scheme, String host) {
        return scheme + "://" + host;
    }

    /** The host of a {@code scheme://host} URL as this package writes them (the text after the scheme). */
    public static String hostOf(String url) {
        if (url == null) {
            return "";
        }
        int i = url.indexOf("://");
        return i < 0 ? url : url.substring(i + 3);
    }

    /** The URL of target {@code tag} (the Route's {@code status.url} for the default target). */
    public static String url(ConfigSnapshot config, Route route, String tag, Visibility visibility) {
        String scheme = visibility == Visibility.CLUSTER_LOCAL ? HTTP : config.network().defaultExternalScheme();
        return url(scheme, host(config, route, tag, visibility));
    }

    /** {@code status.address.url}: {@code http://<route>.<ns>.svc.<clusterDomain>}. */
    public static String addressUrl(Route route, String clusterDomain) {
        return url(HTTP, route.getMetadata().getName() + "." + route.getMetadata().getNamespace() + ".svc."
                + clusterDomain);
    }

    /** Whether a domain is only visible inside the cluster ({@code IsClusterLocal}). */
    public static boolean isClusterLocal(String domain, String clusterDomain) {
        return domain.endsWith(clusterDomain);
    }

    /**
     * The KIngress hosts of target {@code tag} at {@code visibility}, sorted: the external host alone, or for
     * cluster-local every short form ({@code h.ns}, {@code h.ns.svc}, {@code h.ns.svc.<clusterDomain>}).
     */
    public static List<String> hostsForVisibility(ConfigSnapshot config, Route route, String tag,
            Visibility visibility) {
        String host = host(config, route, tag, visibility);
        if (visibility != Visibility.CLUSTER_LOCAL) {
            return List.of(host);
        }
        return expandedHosts(List.of(host), config.clusterDomain());
    }

    /**
     * Every host with its cluster-domain and {@code svc.<clusterDomain>} suffixes also stripped, keeping only
     * names of at least two labels, sorted ({@code knative.dev/networking/pkg/ingress.ExpandedHosts}).
     */
    public static List<String> expandedHosts(List<String> hosts, String clusterDomain) {
        TreeSet<String> out = new TreeSet<>();
        List<String> suffixes = List.of("", "." + clusterDomain, ".svc." + clusterDomain);
        for (String h : hosts) {
            for (String suffix : suffixes) {
                if (suffix.isEmpty() || h.endsWith(suffix)) {
                    String trimmed = h.substring(0, h.length() - suffix.length());
                    if (trimmed.split("\\.", -1).length >= 2) {
                        out.add(trimmed);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Domain name to target name for the given targets at their visibility ({@code GetAllDomainsAndTags}). */
    public static SortedMap<String, String> allDomainsAndTags(ConfigSnapshot config, Route route,
            Iterable<String> names, Map<String, Visibility> visibility) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String name : names) {
            out.put(host(config, route, name, visibility.getOrDefault(name, Visibility.EXTERNAL_IP)), name);
        }
        return out;
    }

    /** The Route's labels with the visibility label set (cluster-local) or removed ({@code SetVisibility}). */
    static Map<String, String> withVisibility(Route route, Visibility visibility) {
        Map<String, String> labels = route.getMetadata().getLabels() == null ? new TreeMap<>()
                : new TreeMap<>(route.getMetadata().getLabels());
        if (visibility == Visibility.CLUSTER_LOCAL) {
            labels.put(NetworkingKeys.VISIBILITY, NetworkingKeys.VISIBILITY_CLUSTER_LOCAL);
        } else {
            labels.remove(NetworkingKeys.VISIBILITY);
        }
        return labels;
    }

    private static boolean isLabelledClusterLocal(Map<String, String> labels) {
        return NetworkingKeys.VISIBILITY_CLUSTER_LOCAL.equals(labels.get(NetworkingKeys.VISIBILITY));
    }
}
