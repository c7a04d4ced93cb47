package io.qnative.reconciler.domainmapping.resources;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.HTTPIngressPath;
import io.qnative.api.networking.v1alpha1.HTTPIngressRuleValue;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressBackendSplit;
import io.qnative.api.networking.v1alpha1.IngressRule;
import io.qnative.api.networking.v1alpha1.IngressSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.config.NetworkConfig;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.names.Names;

/**
 * The KIngress of a DomainMapping, as Knative's {@code pkg/reconciler/domainmapping/resources/ingress.go} writes it:
 *
 * <ul>
 *   <li>name {@code ChildName(<domain>, "")} in the mapping's namespace, controller reference to the mapping;</li>
 *   <li>labels: the mapping's plus {@code serving.knative.dev/domainMappingUID} (its uid) and
 *       {@code serving.knative.dev/domainMappingNamespace};</li>
 *   <li>annotations: {@code networking.knative.dev/ingress.class}, overlaid by the mapping's annotations minus
 *       {@code last-applied-configuration} and the alternate class spellings;</li>
 *   <li>one ExternalIP rule for the domain: ACME HTTP-01 paths for the domain first, then one path that rewrites the
 *       Host to the target's cluster-local host and sends 100% to {@code <target service>:80} in the mapping's
 *       namespace, appending {@code K-Original-Host: <domain>};</li>
 *   <li>{@code httpOption} from the mapping's {@code http-protocol} annotation, else {@code config-network}'s
 *       {@code http-protocol} (empty when Disabled), TLS blocks as given.</li>
 * </ul>
 */
public final class DomainMappingIngresses {

    /** kubectl's last-applied annotation, never copied. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Annotations never propagated to the KIngress. */
    static final Set<String> EXCLUDED_ANNOTATIONS = Set.of(LAST_APPLIED, NetworkingKeys.INGRESS_CLASS_ALT,
            NetworkingKeys.CERTIFICATE_CLASS_ALT);

    private DomainMappingIngresses() {
    }

    /**
     * Builds the KIngress.
     *
     * @param backendService the Kubernetes Service of the target, in the mapping's namespace
     * @param targetHost the target's cluster-local host ({@code <svc>.<ns>.svc.<cluster domain>}), the Host the
     *     request is re-dispatched with
     * @param ingressClass the KIngress class
     * @param httpOption {@code Enabled}, {@code Redirected} or empty
     * @param tls TLS blocks, possibly empty
     * @param acmeChallenges HTTP-01 challenges; those for the domain are routed before the mapping's path
     */
    public static Ingress make(DomainMapping dm, String backendService, String targetHost, String ingressClass,
            String httpOption, List<IngressTLS> tls, List<HTTP01Challenge> acmeChallenges) {
        String ns = dm.getMetadata().getNamespace();
        String domain = dm.getMetadata().getName();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(Names.domainMappingIngress(dm));
        meta.setNamespace(ns);
        meta.setAnnotations(Kmeta.filter(Kmeta.union(Map.of(NetworkingKeys.INGRESS_CLASS, ingressClass),
                dm.getMetadata().getAnnotations()), EXCLUDED_ANNOTATIONS::contains));
        meta.setLabels(Kmeta.union(dm.getMetadata().getLabels(), Map.of(
                ServingKeys.DOMAIN_MAPPING_UID, String.valueOf(dm.getMetadata().getUid()),
                ServingKeys.DOMAIN_MAPPING_NAMESPACE, ns)));
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(dm)));

        IngressBackendSplit split = new IngressBackendSplit();
        split.setServiceNamespace(ns);
        split.setServiceName(backendService);
        split.setServicePort(new IntOrString(80));
        split.setPercent(100);
        split.setAppendHeaders(new TreeMap<>(Map.of(NetworkingKeys.HEADER_ORIGINAL_HOST, domain)));
        HTTPIngressPath path = new HTTPIngressPath();
        path.setRewriteHost(targetHost);
        path.setSplits(List.of(split));

        List<HTTPIngressPath> paths = new ArrayList<>(acmePaths(acmeChallenges, domain));
        paths.add(path);
        HTTPIngressRuleValue http = new HTTPIngressRuleValue();
        http.setPaths(paths);
        IngressRule rule = new IngressRule();
        rule.setHosts(List.of(domain));
        rule.setVisibility(NetworkingKeys.INGRESS_VISIBILITY_EXTERNAL_IP);
        rule.setHttp(http);

        IngressSpec spec = new IngressSpec();
        spec.setRules(List.of(rule));
        spec.setTls(tls == null || tls.isEmpty() ? null : List.copyOf(tls));
        spec.setHttpOption(httpOption == null || httpOption.isEmpty() ? null : httpOption);

        Ingress ingress = new Ingress();
        ingress.setMetadata(meta);
        ingress.setSpec(spec);
        return ingress;
    }

    /**
     * The class: the mapping's {@code networking.knative.dev/ingress.class} annotation (either spelling), else
     * {@code config-network}'s {@code ingress-class}.
     */
    public static String ingressClass(NetworkConfig network, DomainMapping dm) {
        Map<String, String> a = dm.getMetadata().getAnnotations() == null ? Map.of()
                : dm.getMetadata().getAnnotations();
        for (String key : List.of(NetworkingKeys.INGRESS_CLASS, NetworkingKeys.INGRESS_CLASS_ALT)) {
            String v = a.get(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return network.ingressClass();
    }

    /**
     * The KIngress {@code httpOption}, as for a Route (Knative's {@code GetHTTPOption}, pkg/networking): the mapping's
     * {@code networking.knative.dev/http-protocol} annotation (either spelling, any case), else {@code config-network}'s
     * {@code http-protocol}; Disabled is empty.
     *
     * @throws IllegalArgumentException for an annotation value other than enabled, redirected or disabled
     */
    public static String httpOption(NetworkConfig network, DomainMapping dm) {
        Map<String, String> a = dm.getMetadata().getAnnotations() == null ? Map.of()
                : dm.getMetadata().getAnnotations();
        for (String key : List.of(NetworkingKeys.HTTP_PROTOCOL, NetworkingKeys.HTTP_OPTION_LEGACY)) {
            String v = a.get(key);
            if (v == null || v.isEmpty()) {
                continue;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "enabled" -> NetworkingKeys.HTTP_OPTION_ENABLED;
                case "redirected" -> NetworkingKeys.HTTP_OPTION_REDIRECTED;
                case "disabled" -> "";
                default -> throw new IllegalArgumentException("incorrect http-protocol annotation: " + v);
            };
        }
        return switch (network.httpProtocol()) {
            case ENABLED -> NetworkingKeys.HTTP_OPTION_ENABLED;
            case REDIRECTED -> NetworkingKeys.HTTP_OPTION_REDIRECTED;
            default -> "";
        };
    }

    /** Knative's {@code MakeACMEIngressPaths} for one domain: a 100% path per challenge on that host. */
    static List<HTTPIngressPath> acmePaths(List<HTTP01Challenge> challenges, String domain) {
        List<HTTPIngressPath> paths = new ArrayList<>();
        if (challenges == null) {
            return paths;
        }
        for (HTTP01Challenge c : challenges) {
            URI url = URI.create(c.getUrl());
            if (!domain.equals(url.getHost())) {
                continue;
            }
            IngressBackendSplit split = new IngressBackendSplit();
            split.setServiceNamespace(c.getServiceNamespace());
            split.setServiceName(c.getServiceName());
            split.setServicePort(c.getServicePort());
            split.setPercent(100);
            HTTPIngressPath p = new HTTPIngressPath();
            p.setPath(url.getRawPath());
            p.setSplits(List.of(split));
            paths.add(p);
        }
        return paths;
    }
}
