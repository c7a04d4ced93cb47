package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A revision's pod addresses ({@code ip:port}, ready or not) from its private Service's core/v1 Endpoints or from
 * its {@code discovery.k8s.io/v1} EndpointSlices. Pure.
 *
 * <p>The slices are read as {@link GenericKubernetesResource}s (fabric8's discovery model is left out of the build,
 * docs/memory-and-startup.md), with the fields Kubernetes documents for {@code discovery.k8s.io/v1}: {@code
 * addressType}, {@code ports[].name/port} (one port list for every endpoint of a slice) and {@code endpoints[]} with
 * {@code addresses} (fungible: the first is used, as kube-proxy's {@code pkg/proxy/endpointslicecache.go} does)
 * and {@code conditions}. An endpoint whose {@code conditions.terminating} is true is left out, as the Endpoints controller leaves out a terminating pod; a
 * {@code ready} condition that is absent means ready (the API's documented reading of an unknown state). A pod in
 * two slices (while the EndpointSlice controller moves it) counts once, ready if either says so.
 */
public final class PodAddresses {

    /** The EndpointSlice API the gateway reads where served. */
    public static final String SLICE_API_VERSION = "discovery.k8s.io/v1";
    /** The label tying an EndpointSlice to its Service ({@code discovery.LabelServiceName}). */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private PodAddresses() {
    }

    /** {@code ip:port} of the ready ({@code true}) and not-ready addresses of an Endpoints object (null: none). */
    public static Map<String, Boolean> of(Endpoints e) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (e == null || e.getSubsets() == null) {
            return out;
        }
        for (EndpointSubset s : e.getSubsets()) {
            int port = port(s.getPorts() == null ? List.of() : s.getPorts().stream()
                    .map(p -> new NamedPort(p.getName(), p.getPort())).toList());
            if (port <= 0) {
                continue;
            }
            if (s.getAddresses() != null) {
                s.getAddresses().forEach(a -> out.put(a.getIp() + ":" + port, true));
            }
            if (s.getNotReadyAddresses() != null) {
                s.getNotReadyAddresses().forEach(a -> out.putIfAbsent(a.getIp() + ":" + port, false));
            }
        }
        return out;
    }

    /** {@code ip:port} of the ready ({@code true}) and not-ready addresses of one Service's EndpointSlices. */
    public static Map<String, Boolean> ofSlices(List<GenericKubernetesResource> slices) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (GenericKubernetesResource slice : slices) {
            Map<String, Object> fields = slice.getAdditionalProperties();
            Object type = fields.get("addressType");
            if (type != null && !"IPv4".equals(type) && !"IPv6".equals(type)) {
                continue; // FQDN: not a pod address
            }
            int port = port(slicePorts(fields.get("ports")));
            if (port <= 0 || !(fields.get("endpoints") instanceof List<?> endpoints)) {
                continue;
            }
            for (Object o : endpoints) {
                if (!(o instanceof Map<?, ?> endpoint)
                        || !(endpoint.get("addresses") instanceof List<?> addresses) || addresses.isEmpty()
                        || !(addresses.get(0) instanceof String ip) || ip.isEmpty()) {
                    continue;
                }
                Map<?, ?> conditions = endpoint.get("conditions") instanceof Map<?, ?> c ? c : Map.of();
                if (Boolean.TRUE.equals(conditions.get("terminating"))) {
                    continue;
                }
                if (Boolean.FALSE.equals(conditions.get("ready"))) {
                    out.putIfAbsent(ip + ":" + port, false);
                } else {
                    out.put(ip + ":" + port, true);
                }
            }
        }
        return out;
    }

    private record NamedPort(String name, Integer port) {
    }

    private static List<NamedPort> slicePorts(Object ports) {
        if (!(ports instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(p -> (Map<?, ?>) p)
                .map(p -> new NamedPort(p.get("name") instanceof String n ? n : null,
                        p.get("port") instanceof Number n ? n.intValue() : null))
                .toList();
    }

    /** The port named {@code http} or {@code http2} (the private Service's), else the first; -1 when none. */
    private static int port(List<NamedPort> ports) {
        if (ports.isEmpty()) {
            return -1;
        }
        Integer port = ports.stream().filter(p -> p.port() != null)
                .filter(p -> "http".equals(p.name()) || "http2".equals(p.name()))
                .map(NamedPort::port).findFirst().orElse(ports.get(0).port());
        return port == null ? -1 : port;
    }
}
