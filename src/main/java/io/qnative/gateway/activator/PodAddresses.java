package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Service's endpoints into {@link ServiceEndpoints} from its core/v1 Endpoints or from its {@code
 * discovery.k8s.io/v1} EndpointSlices (as Knative's activator reads either, pkg/activator/net/revision_backends.go).
 * Pure.
 *
 * <p>The slices are read as {@link GenericKubernetesResource}s (fabric8's discovery model is left out of the build,
 * docs/memory-and-startup.md), with the fields Kubernetes documents for {@code discovery.k8s.io/v1}: {@code
 * addressType} (IPv4 or IPv6; FQDN slices are not pod addresses), {@code ports[].name/port} (one port list for
 * every endpoint of a slice) and {@code endpoints[]} with {@code addresses} (fungible: the first is used, as
 * kube-proxy's {@code pkg/proxy/endpointslicecache.go} does), {@code targetRef} and {@code conditions}. An endpoint
 * whose {@code conditions.terminating} is true is left out, as the Endpoints controller leaves out a terminating
 * pod; a {@code ready} condition that is absent means ready (the API's documented reading of an unknown state).
 */
public final class PodAddresses {

    /** The EndpointSlice API the gateway reads where served. */
    public static final String SLICE_API_VERSION = "discovery.k8s.io/v1";
    /** The label tying an EndpointSlice to its Service ({@code discovery.LabelServiceName}). */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private PodAddresses() {
    }

    /** A revision's pods ({@link ServiceEndpoints#revisionPods}) from its private Service's Endpoints (null: none). */
    public static Map<String, Boolean> of(Endpoints e) {
        return fromEndpoints(e).revisionPods();
    }

    /** A revision's pods ({@link ServiceEndpoints#revisionPods}) from its private Service's EndpointSlices. */
    public static Map<String, Boolean> ofSlices(List<GenericKubernetesResource> slices) {
        return fromSlices(slices).revisionPods();
    }

    /** The endpoints an Endpoints object lists (null: none). */
    public static ServiceEndpoints fromEndpoints(Endpoints e) {
        if (e == null || e.getSubsets() == null) {
            return ServiceEndpoints.NONE;
        }
        List<ServiceEndpoints.Group> groups = new ArrayList<>();
        for (EndpointSubset s : e.getSubsets()) {
            List<ServiceEndpoints.Port> ports = s.getPorts() == null ? List.of() : s.getPorts().stream()
                    .filter(p -> p.getPort() != null).map(p -> new ServiceEndpoints.Port(p.getName(), p.getPort()))
                    .toList();
            List<ServiceEndpoints.Address> addresses = new ArrayList<>();
            addAll(addresses, s.getAddresses(), true);
            addAll(addresses, s.getNotReadyAddresses(), false);
            groups.add(new ServiceEndpoints.Group(ports, addresses));
        }
        return new ServiceEndpoints(groups);
    }

    private static void addAll(List<ServiceEndpoints.Address> out, List<EndpointAddress> in, boolean ready) {
        if (in == null) {
            return;
        }
        for (EndpointAddress a : in) {
            if (a.getIp() != null && !a.getIp().isEmpty()) {
                out.add(new ServiceEndpoints.Address(a.getIp(), ready,
                        a.getTargetRef() == null ? null : a.getTargetRef().getName()));
            }
        }
    }

    /** The endpoints a Service's EndpointSlices list. */
    public static ServiceEndpoints fromSlices(List<GenericKubernetesResource> slices) {
        List<ServiceEndpoints.Group> groups = new ArrayList<>();
        for (GenericKubernetesResource slice : slices) {
            Map<String, Object> fields = slice.getAdditionalProperties();
            Object type = fields.get("addressType");
            if (type != null && !"IPv4".equals(type) && !"IPv6".equals(type)) {
                continue; // FQDN: not a pod address
            }
            if (!(fields.get("endpoints") instanceof List<?> endpoints)) {
                continue;
            }
            List<ServiceEndpoints.Address> addresses = new ArrayList<>();
            for (Object o : endpoints) {
                if (!(o instanceof Map<?, ?> endpoint)
                        || !(endpoint.get("addresses") instanceof List<?> ips) || ips.isEmpty()
                        || !(ips.get(0) instanceof String ip) || ip.isEmpty()) {
                    continue;
                }
                Map<?, ?> conditions = endpoint.get("conditions") instanceof Map<?, ?> c ? c : Map.of();
                if (Boolean.TRUE.equals(conditions.get("terminating"))) {
                    continue;
                }
                String pod = endpoint.get("targetRef") instanceof Map<?, ?> ref && "Pod".equals(ref.get("kind"))
                        && ref.get("name") instanceof String name ? name : null;
                addresses.add(new ServiceEndpoints.Address(ip, !Boolean.FALSE.equals(conditions.get("ready")), pod));
            }
            groups.add(new ServiceEndpoints.Group(slicePorts(fields.get("ports")), addresses));
        }
        return new ServiceEndpoints(groups);
    }

    private static List<ServiceEndpoints.Port> slicePorts(Object ports) {
        if (!(ports instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(p -> (Map<?, ?>) p)
                .filter(p -> p.get("port") instanceof Number)
                .map(p -> new ServiceEndpoints.Port(p.get("name") instanceof String n ? n : null,
                        ((Number) p.get("port")).intValue()))
                .toList();
    }
}
