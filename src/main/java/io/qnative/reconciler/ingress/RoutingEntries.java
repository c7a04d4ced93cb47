package io.qnative.reconciler.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.HTTPIngressPath;
import io.qnative.api.networking.v1alpha1.HeaderMatch;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressBackendSplit;
import io.qnative.api.networking.v1alpha1.IngressRule;
import io.qnative.gateway.routing.RoutingTable;

/**
 * Translates a KIngress into the gateway's {@link RoutingTable.Entry}: each rule's hosts (lower case), its visibility
 * (ExternalIP when unset, as Knative defaults it), and its paths in order with their header matches, weighted splits
 * and appended headers. Also decides which KIngresses are qnative's to implement. Pure.
 */
public final class RoutingEntries {

    private RoutingEntries() {
    }

    /** Whether the KIngress's class annotation (either spelling) names qnative's gateway. */
    public static boolean isQnativeClass(Ingress ingress) {
        Map<String, String> a = ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
        if (a == null) {
            return false;
        }
        String cls = a.get(NetworkingKeys.INGRESS_CLASS);
        if (cls == null || cls.isEmpty()) {
            cls = a.get(NetworkingKeys.INGRESS_CLASS_ALT);
        }
        return NetworkingKeys.INGRESS_CLASS_QNATIVE.equals(cls);
    }

    /** The routing-table entry of a KIngress. */
    public static RoutingTable.Entry of(Ingress ingress) {
        List<RoutingTable.Rule> rules = new ArrayList<>();
        List<IngressRule> specRules = ingress.getSpec() == null || ingress.getSpec().getRules() == null ? List.of()
                : ingress.getSpec().getRules();
        String ns = ingress.getMetadata().getNamespace();
        for (IngressRule r : specRules) {
            List<RoutingTable.Path> paths = new ArrayList<>();
            if (r.getHttp() != null && r.getHttp().getPaths() != null) {
                r.getHttp().getPaths().forEach(p -> paths.add(path(ns, p)));
            }
            List<String> hosts = r.getHosts() == null ? List.of()
                    : r.getHosts().stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
            String visibility = r.getVisibility() == null || r.getVisibility().isEmpty() ? RoutingTable.EXTERNAL_IP
                    : r.getVisibility();
            rules.add(new RoutingTable.Rule(hosts, visibility, paths));
        }
        Long generation = ingress.getMetadata().getGeneration();
        return new RoutingTable.Entry(ns, ingress.getMetadata().getName(), generation == null ? 0 : generation, rules,
                ingress.getSpec() == null ? null : ingress.getSpec().getHttpOption());
    }

    private static RoutingTable.Path path(String ns, HTTPIngressPath p) {
        Map<String, String> headers = new TreeMap<>();
        if (p.getHeaders() != null) {
            for (Map.Entry<String, HeaderMatch> e : p.getHeaders().entrySet()) {
                headers.put(e.getKey(), e.getValue() == null || e.getValue().getExact() == null ? ""
                        : e.getValue().getExact());
            }
        }
        List<RoutingTable.Split> splits = new ArrayList<>();
        if (p.getSplits() != null) {
            boolean single = p.getSplits().size() == 1;
            for (IngressBackendSplit s : p.getSplits()) {
                String splitNs = s.getServiceNamespace() == null || s.getServiceNamespace().isEmpty() ? ns
                        : s.getServiceNamespace();
                splits.add(new RoutingTable.Split(new RoutingTable.Backend(splitNs, s.getServiceName(),
                        port(s.getServicePort())), percent(s.getPercent(), single),
                        s.getAppendHeaders() == null ? Map.of() : s.getAppendHeaders()));
            }
        }
        return new RoutingTable.Path(p.getPath(), headers, splits,
                p.getAppendHeaders() == null ? Map.of() : p.getAppendHeaders(), p.getRewriteHost());
    }

    /**
     * A split's share as Knative defaults it (pkg/apis/networking/v1alpha1/ingress_defaults.go): a lone split
     * without a percent (or with 0) takes 100; among several, a missing percent is 0, as Knative's Go client writes a
     * 0% split (percent is {@code omitempty}).
     */
    static int percent(Integer percent, boolean single) {
        int p = percent == null ? 0 : percent;
        return single && p == 0 ? 100 : p;
    }

    /** A numeric port, or the well-known one for a named port ({@code http} 80, {@code http2} 81, https 443). */
    private static int port(IntOrString port) {
        if (port == null) {
            return 80;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return switch (String.valueOf(port.getStrVal())) {
            case "http2", "h2c" -> 81;
            case "https" -> 443;
            default -> 80;
        };
    }
}
