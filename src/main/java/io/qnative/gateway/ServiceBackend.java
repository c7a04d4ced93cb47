package io.qnative.gateway;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.qnative.gateway.activator.ServiceEndpoints;
import java.util.List;

/**
 * A KIngress backend that is a plain Kubernetes Service, not a Revision (a DomainMapping whose ref is a {@code v1
 * Service}, or any KIngress split naming one), as {@link #resolve} finds it: a {@link Target} or a {@link Refusal}.
 * Knative's Kourier sends such a split straight to the Service's endpoints on the port the split names, resolved
 * through the Service (net-kourier's pkg/generator/ingress_translator.go): no activator, no throttling, no scale
 * from zero. The addresses are those Kubernetes lists as ready (in the Service's EndpointSlices where served, else
 * its Endpoints: {@link ServiceEndpoints}), on the endpoint port named as the Service port (how kube-proxy resolves a
 * named or numeric {@code targetPort}).
 */
sealed interface ServiceBackend permits ServiceBackend.Target, ServiceBackend.Refusal {

    /**
     * A Service to proxy to.
     *
     * @param namespace the Service's namespace
     * @param name the Service's name
     * @param port the Service port the split names
     * @param h2c whether the port speaks h2c (named {@code http2}/{@code h2c}, or {@code appProtocol} {@code h2c} or
     *     {@code kubernetes.io/h2c}, as Knative names h2c ports)
     * @param addresses the ready endpoints, {@code ip:port} ({@code [ip]:port} for IPv6); empty when none is ready
     */
    record Target(String namespace, String name, int port, boolean h2c, List<String> addresses)
            implements ServiceBackend {

        public Target {
            addresses = List.copyOf(addresses);
        }

        /** {@code namespace/name}. */
        String id() {
            return namespace + "/" + name;
        }
    }

    /** A Service that cannot be proxied, with the status to answer and why. */
    record Refusal(int status, String reason) implements ServiceBackend {
    }

    /**
     * Resolves a split's Service and port against the Service's endpoints.
     *
     * @param endpoints the Service's endpoints ({@link ServiceEndpoints#NONE} when none exist yet)
     * @return the target, or a {@link Refusal}: 404 for an ExternalName Service (qnative does not proxy to names
     *     outside the cluster) or a Service without the port
     */
    static ServiceBackend resolve(Service service, ServiceEndpoints endpoints, int port) {
        String id = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        var spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType())) {
            return new Refusal(404, "service " + id + " is of type ExternalName, which the gateway does not proxy to");
        }
        ServicePort sp = spec.getPorts() == null ? null : spec.getPorts().stream()
                .filter(p -> p.getPort() != null && p.getPort() == port).findFirst().orElse(null);
        if (sp == null) {
            return new Refusal(404, "service " + id + " has no port " + port);
        }
        boolean h2c = "http2".equals(sp.getName()) || "h2c".equals(sp.getName())
                || "h2c".equals(sp.getAppProtocol()) || "kubernetes.io/h2c".equals(sp.getAppProtocol());
        return new Target(service.getMetadata().getNamespace(), service.getMetadata().getName(), port, h2c,
                endpoints.ready(sp.getName()));
    }
}
