package io.qnative.reconciler.route.resources;

import io.qnative.kube.Kmeta;
import io.qnative.reconciler.names.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.HTTPIngressPath;
import io.qnative.api.networking.v1alpha1.HTTPIngressRuleValue;
import io.qnative.api.networking.v1alpha1.HeaderMatch;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressBackendSplit;
import io.qnative.api.networking.v1alpha1.IngressRule;
import io.qnative.api.networking.v1alpha1.IngressSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.FeaturesConfig;
import io.qnative.config.NetworkConfig;
import io.qnative.reconciler.route.domains.Domains;
import io.qnative.reconciler.route.domains.Visibility;
import io.qnative.reconciler.route.traffic.ConfigurationRollout;
import io.qnative.reconciler.route.traffic.RevisionRollout;
import io.qnative.reconciler.route.traffic.RevisionTarget;
import io.qnative.reconciler.route.traffic.Rollout;
import io.qnative.reconciler.route.traffic.TrafficConfig;

/**
 * The KIngress of a Route, exactly as Knative's {@code pkg/reconciler/route/resources/ingress.go} writes it:
 *
 * <ul>
 *   <li>name {@code ChildName(route, "")}, the Route's namespace, controller reference to the Route;</li>
 *   <li>labels: the Route's plus {@code serving.knative.dev/route} and {@code routeNamespace};</li>
 *   <li>annotations: {@code networking.knative.dev/ingress.class}, the rollout JSON and, when there are tags, the
 *       tag-to-host JSON, overlaid by the Route's annotations minus {@code last-applied-configuration} and the
 *       alternate class keys;</li>
 *   <li>rules per traffic group (sorted, {@code ""} first): a ClusterLocal rule with every short form of the
 *       cluster-local host, then, unless the group is cluster-local, an ExternalIP rule with the external host
 *       (ACME challenge paths first); one path whose splits go to {@code <revision>:80} (81 for h2c, 443 with
 *       system-internal TLS) with the Knative-Serving-Revision/Namespace headers; 0% targets dropped; during a
 *       rollout a latestRevision target splits over its rollout's Revisions;</li>
 *   <li>{@code tag-header-based-routing}: header-matched tag paths before the default path;</li>
 *   <li>{@code httpOption} from the Route's {@code http-protocol} annotation, else {@code config-network}.</li>
 * </ul>
 */
public final class Ingresses {

    /** kubectl's last-applied annotation, never copied. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Annotations never propagated to internal objects ({@code ExcludedAnnotations}). */
    static final Set<String> EXCLUDED_ANNOTATIONS = Set.of(LAST_APPLIED, NetworkingKeys.CERTIFICATE_CLASS_ALT,
            NetworkingKeys.INGRESS_CLASS_ALT);
    /** Header added on the default route's path with tag-header-based routing. */
    static final String DEFAULT_ROUTE_HEADER = "Knative-Serving-Default-Route";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ingresses() {
    }

    /**
     * Builds the KIngress.
     *
     * @param traffic resolved traffic (without error)
     * @param visibility visibility per traffic group name; a missing name is external
     * @param rollout the effective rollout (use {@link TrafficConfig#buildRollout()} when none is in progress)
     * @param tls TLS blocks, possibly empty
     * @param acmeChallenges HTTP-01 challenges to route before the traffic path, possibly empty
     * @throws IllegalArgumentException on an unknown {@code http-protocol} annotation value
     * @throws io.qnative.reconciler.route.domains.DomainNameException when a host cannot be built
     */
    public static Ingress make(ConfigSnapshot config, Route route, TrafficConfig traffic,
            Map<String, Visibility> visibility, Rollout rollout, List<IngressTLS> tls,
            List<HTTP01Challenge> acmeChallenges) {
        Ingress ing = new Ingress();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(Names.ingress(route));
        meta.setNamespace(route.getMetadata().getNamespace());
        Map<String, String> labels = new TreeMap<>(nullToEmpty(route.getMetadata().getLabels()));
        labels.put(ServingKeys.ROUTE, route.getMetadata().getName());
        labels.put(ServingKeys.ROUTE_NAMESPACE, route.getMetadata().getNamespace());
        meta.setLabels(labels);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(NetworkingKeys.INGRESS_CLASS, ingressClass(config, route));
        annotations.put(NetworkingKeys.ROLLOUT, rollout.toJson());
        Map<String, List<String>> tagToHost = tagToHost(config, route, traffic, visibility);
        if (!tagToHost.isEmpty()) {
            annotations.put(NetworkingKeys.TAG_TO_HOST, json(tagToHost));
        }
        annotations.putAll(nullToEmpty(route.getMetadata().getAnnotations()));
        annotations.keySet().removeAll(EXCLUDED_ANNOTATIONS);
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(route)));
        ing.setMetadata(meta);
        ing.setSpec(spec(config, route, traffic, visibility, rollout, tls, acmeChallenges));
        return ing;
    }

    /** The class: the Route's annotation (either spelling), else {@code config-network}'s {@code ingress-class}. */
    public static String ingressClass(ConfigSnapshot config, Route route) {
        Map<String, String> a = nullToEmpty(route.getMetadata().getAnnotations());
        for (String key : List.of(NetworkingKeys.INGRESS_CLASS, NetworkingKeys.INGRESS_CLASS_ALT)) {
            String v = a.get(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return config.network().ingressClass();
    }

    private static IngressSpec spec(ConfigSnapshot config, Route route, TrafficConfig traffic,
            Map<String, Visibility> visibility, Rollout rollout, List<IngressTLS> tls,
            List<HTTP01Challenge> acme) {
        String ns = route.getMetadata().getNamespace();
        List<String> names = traffic.names();
        boolean tagHeaders = config.features().enabled(FeaturesConfig.TAG_HEADER_BASED_ROUTING);
        int port = config.network().systemInternalTls() ? 443 : -1;
        List<IngressRule> rules = new ArrayList<>();
        for (String name : names) {
            for (Visibility v : visibilities(visibility, name)) {
                List<String> hosts = Domains.hostsForVisibility(config, route, name, v);
                HTTPIngressPath base = basePath(ns, traffic.targets().get(name), rollout.byTag(name), port);
                List<HTTPIngressPath> paths = new ArrayList<>();
                paths.add(base);
                if (tagHeaders) {
                    Map<String, String> headers = new TreeMap<>();
                    if (name.isEmpty()) {
                        headers.put(DEFAULT_ROUTE_HEADER, "true");
                        paths.addAll(0, tagPaths(ns, traffic, rollout, names.subList(1, names.size()), port));
                    } else {
                        headers.put(NetworkingKeys.HEADER_TAG, name);
                    }
                    base.setAppendHeaders(headers);
                }
                if (v == Visibility.EXTERNAL_IP) {
                    paths.addAll(0, acmePaths(acme, hosts));
                }
                IngressRule rule = new IngressRule();
                rule.setHosts(hosts);
                rule.setVisibility(v.wire());
                HTTPIngressRuleValue http = new HTTPIngressRuleValue();
                http.setPaths(paths);
                rule.setHttp(http);
                rules.add(rule);
            }
        }
        IngressSpec spec = new IngressSpec();
        spec.setRules(rules);
        spec.setTls(tls == null || tls.isEmpty() ? null : List.copyOf(tls));
        String option = httpOption(config.network(), route.getMetadata().getAnnotations());
        spec.setHttpOption(option.isEmpty() ? null : option);
        return spec;
    }

    private static List<Visibility> visibilities(Map<String, Visibility> visibility, String name) {
        Visibility v = visibility.get(name);
        return v == null || v == Visibility.EXTERNAL_IP ? List.of(Visibility.CLUSTER_LOCAL, Visibility.EXTERNAL_IP)
                : List.of(Visibility.CLUSTER_LOCAL);
    }

    /** {@code {tag: [cluster-local host, external host?]}} for every tag group, sorted by tag. */
    private static Map<String, List<String>> tagToHost(ConfigSnapshot config, Route route, TrafficConfig traffic,
            Map<String, Visibility> visibility) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : traffic.names()) {
            if (name.isEmpty()) {
                continue;
            }
            List<String> hosts = new ArrayList<>();
            for (Visibility v : visibilities(visibility, name)) {
                hosts.add(Domains.host(config, route, name, v));
            }
            out.put(name, hosts);
        }
        return out;
    }

    private static List<HTTPIngressPath> tagPaths(String ns, TrafficConfig traffic, Rollout rollout,
            List<String> tags, int port) {
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (String tag : tags) {
            HTTPIngressPath p = basePath(ns, traffic.targets().get(tag), rollout.byTag(tag), port);
            HeaderMatch match = new HeaderMatch();
            match.setExact(tag);
            p.setHeaders(new TreeMap<>(Map.of(NetworkingKeys.HEADER_TAG, match)));
            paths.add(p);
        }
        return paths;
    }

    private static List<HTTPIngressPath> acmePaths(List<HTTP01Challenge> challenges, List<String> hosts) {
        Map<String, HTTP01Challenge> byHost = new LinkedHashMap<>();
        if (challenges != null) {
            for (HTTP01Challenge c : challenges) {
                byHost.put(java.net.URI.create(c.getUrl()).getHost(), c);
            }
        }
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (String host : hosts) {
            HTTP01Challenge c = byHost.get(host);
            if (c == null) {
                continue;
            }
            IngressBackendSplit split = new IngressBackendSplit();
            split.setServiceNamespace(c.getServiceNamespace());
            split.setServiceName(c.getServiceName());
            split.setServicePort(c.getServicePort());
            split.setPercent(100);
            HTTPIngressPath p = new HTTPIngressPath();
            p.setSplits(List.of(split));
            p.setPath(java.net.URI.create(c.getUrl()).getRawPath());
            paths.add(p);
        }
        return paths;
    }

    private static HTTPIngressPath basePath(String ns, List<RevisionTarget> targets, List<ConfigurationRollout> ros,
            int portOverride) {
        List<IngressBackendSplit> splits = new ArrayList<>();
        for (RevisionTarget t : targets) {
            if (t.percent() == 0) {
                continue;
            }
            int port = portOverride > 0 ? portOverride : t.protocol().servicePort();
            ConfigurationRollout cfg = t.latestRevision() ? rolloutConfig(t.configurationName(), ros) : null;
            if (cfg == null || cfg.revisions.size() < 2) {
                splits.add(split(ns, t.revisionName(), port, (int) t.percent()));
            } else {
                for (RevisionRollout r : cfg.revisions) {
                    splits.add(split(ns, r.revisionName(), port, r.percent()));
                }
            }
        }
        HTTPIngressPath path = new HTTPIngressPath();
        path.setSplits(splits);
        return path;
    }

    /** Knative's binary search: the first rollout whose name is not before {@code name} (not an exact match). */
    private static ConfigurationRollout rolloutConfig(String name, List<ConfigurationRollout> ros) {
        for (ConfigurationRollout c : ros) {
            if (c.configurationName.compareTo(name == null ? "" : name) >= 0) {
                return c;
            }
        }
        return null;
    }

    private static IngressBackendSplit split(String ns, String revision, int port, int percent) {
        IngressBackendSplit s = new IngressBackendSplit();
        s.setServiceNamespace(ns);
        s.setServiceName(revision);
        s.setServicePort(new IntOrString(port));
        s.setPercent(percent);
        Map<String, String> headers = new TreeMap<>();
        headers.put(NetworkingKeys.HEADER_REVISION, revision);
        headers.put(NetworkingKeys.HEADER_NAMESPACE, ns);
        s.setAppendHeaders(headers);
        return s;
    }

    /**
     * {@code Enabled}, {@code Redirected} or empty (Disabled) from the Route's {@code http-protocol} annotation
     * (either spelling), else from {@code config-network}.
     */
    static String httpOption(NetworkConfig network, Map<String, String> annotations) {
        Map<String, String> a = nullToEmpty(annotations);
        for (String key : List.of(NetworkingKeys.HTTP_PROTOCOL, NetworkingKeys.HTTP_OPTION_LEGACY)) {
            String v = a.get(key);
            if (v == null || v.isEmpty()) {
                continue;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "enabled":
                    return NetworkingKeys.HTTP_OPTION_ENABLED;
                case "redirected":
                    return NetworkingKeys.HTTP_OPTION_REDIRECTED;
                case "disabled":
                    return "";
                default:
                    throw new IllegalArgumentException("incorrect http-protocol annotation: " + v);
            }
        }
        switch (network.httpProtocol()) {
            case ENABLED:
                return NetworkingKeys.HTTP_OPTION_ENABLED;
            case REDIRECTED:
                return NetworkingKeys.HTTP_OPTION_REDIRECTED;
            default:
                return "";
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> nullToEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
