package io.qnative.reconciler.autoscaling.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.revision.resources.Services;

/**
 * The Endpoints of a Revision's public Service {@code <rev>} (which has no selector): the addresses of qnative's
 * gateway pods, read from the Endpoints of {@code qnative-gateway-internal}, on the gateway's cluster-local listener
 * ports, under the port names of {@code <rev>} ({@code http} or {@code http2}, and {@code https}). This is what
 * Knative's ServerlessService does in proxy mode with the activator's endpoints, so in-cluster callers of
 * {@code <rev>.<ns>.svc} always pass through the gateway. Labels as the public Service's; controlled by the
 * PodAutoscaler, which writes them.
 */
public final class PublicEndpoints {


    private PublicEndpoints() {
    }

    /**
     * The Endpoints {@code <rev>} of a PodAutoscaler.
     *
     * @param gateway the gateway's Endpoints, or null when it has none (no subsets then)
     * @param httpPort the gateway's cluster-local HTTP listener
     * @param httpsPort its HTTPS listener
     */
    public static Endpoints make(PodAutoscaler pa, Endpoints gateway, int httpPort, int httpsPort) {
        return new EndpointsBuilder()
                .withNewMetadata()
                .withName(Names.publicService(pa))
                .withNamespace(pa.getMetadata().getNamespace())
                .withLabels(Kmeta.union(pa.getMetadata().getLabels(), Map.of(
                        NetworkingKeys.SERVERLESS_SERVICE, pa.getMetadata().getName(),
                        NetworkingKeys.SERVICE_TYPE, Services.SERVICE_TYPE_PUBLIC)))
                .withOwnerReferences(Kmeta.controllerRef(pa))
                .endMetadata()
                .withSubsets(subsets(gateway, ports(pa, httpPort, httpsPort)))
                .build();
    }

    /** One subset per gateway subset with addresses, sorted by IP; the ports replaced by {@code <rev>}'s. */
    static List<EndpointSubset> subsets(Endpoints gateway, List<EndpointPort> ports) {
        List<EndpointSubset> out = new ArrayList<>();
        if (gateway == null || gateway.getSubsets() == null) {
            return out;
        }
        for (EndpointSubset s : gateway.getSubsets()) {
            List<EndpointAddress> ready = sorted(s.getAddresses());
            List<EndpointAddress> notReady = sorted(s.getNotReadyAddresses());
            if (ready == null && notReady == null) {
                continue;
            }
            out.add(new EndpointSubsetBuilder().withAddresses(ready).withNotReadyAddresses(notReady)
                    .withPorts(ports).build());
        }
        return out;
    }

    private static List<EndpointAddress> sorted(List<EndpointAddress> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            return null;
        }
        return addresses.stream().map(a -> Kmeta.deepCopy(a, EndpointAddress.class))
                .sorted(Comparator.comparing(a -> a.getIp() == null ? "" : a.getIp())).toList();
    }

    private static List<EndpointPort> ports(PodAutoscaler pa, int httpPort, int httpsPort) {
        boolean h2c = pa.getSpec() != null && Revision.PROTOCOL_H2C.equals(pa.getSpec().getProtocolType());
        return List.of(port(h2c ? "http2" : "http", httpPort), port("https", httpsPort));
    }

    private static EndpointPort port(String name, int port) {
        return new EndpointPortBuilder().withName(name).withPort(port).withProtocol("TCP").build();
    }
}
