package io.qnative.reconciler.route.resources;

import io.qnative.kube.Kmeta;
import io.qnative.reconciler.names.Names;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerIngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.route.domains.Domains;

/**
 * The placeholder Kubernetes Service of each traffic group (Knative {@code route/resources/service.go};
 * pkg/reconciler/route/resources/service.go), named by the group's host name ({@code foo}, {@code current-foo}), so
 * that
 * {@code <host>.<ns>.svc.<clusterDomain>} resolves inside the cluster:
 *
 * <ul>
 *   <li>{@link #make}: before the KIngress reports a load balancer, {@code ExternalName} to the group's domain;</li>
 *   <li>{@link #withLoadBalancer}: after, pointing at the KIngress's load balancer (the private one when present
 *       or when the group is cluster-local): an IP gives a headless Service plus same-named Endpoints,
 *       {@code domainInternal} or {@code domain} an {@code ExternalName}, {@code meshOnly} a ClusterIP
 *       Service on port {@code http}/80.</li>
 * </ul>
 * Labels: the Route's minus {@code networking.knative.dev/visibility}, plus {@code serving.knative.dev/route};
 * annotations: the Route's. Port {@code http2} 80 to 80 with appProtocol {@code kubernetes.io/h2c}.
 */
public final class PlaceholderServices {

    /** Name of the h2c port ({@code networking.ServicePortNameH2C}). */
    public static final String PORT_NAME_H2C = "http2";
    /** Name of the HTTP/1 port. */
    public static final String PORT_NAME_HTTP1 = "http";
    /** appProtocol of the h2c port. */
    public static final String APP_PROTOCOL_H2C = "kubernetes.io/h2c";

    private PlaceholderServices() {
    }

    /**
     * A Service and, for an IP load balancer, its Endpoints.
     *
     * @param service the Service
     * @param endpoints the same-named Endpoints, or null
     */
    public record ServicePair(Service service, Endpoints endpoints) {
    }

    /** Thrown when the KIngress status names no usable load balancer. */
    public static final class LoadBalancerNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadBalancerNotFoundException(String message) {
            super(message);
        }
    }

    /** The initial {@code ExternalName} Service of target {@code tag} ({@code MakeK8sPlaceholderService}). */
    public static Service make(ConfigSnapshot config, Route route, String tag) {
        String hostname = Domains.hostname(config.network(), route.getMetadata().getName(), tag);
        String domain = Domains.domainName(config, route, hostname);
        ServiceSpec spec = new ServiceSpec();
        spec.setType("ExternalName");
        spec.setExternalName(domain);
        spec.setSessionAffinity("None");
        spec.setPorts(List.of(h2cPort()));
        Service svc = new Service();
        svc.setMetadata(meta(hostname, route));
        svc.setSpec(spec);
        return svc;
    }

    /**
     * The Service of target {@code tag} once the KIngress reports its load balancers ({@code MakeK8sService}).
     *
     * @param isPrivate whether the group is cluster-local (then the private load balancer is used)
     * @throws LoadBalancerNotFoundException when the status has no load balancer, more than one, or an empty one
     */
    public static ServicePair withLoadBalancer(ConfigSnapshot config, Route route, String tag, IngressStatus status,
            boolean isPrivate) {
        LoadBalancerStatus privateLb = status == null ? null : status.getPrivateLoadBalancer();
        LoadBalancerStatus lb = status == null ? null : status.getPublicLoadBalancer();
        if (isPrivate || privateLb != null && privateLb.getIngress() != null && !privateLb.getIngress().isEmpty()) {
            lb = privateLb;
        }
        if (lb == null || lb.getIngress() == null || lb.getIngress().isEmpty()) {
            throw new LoadBalancerNotFoundException("failed to fetch loadbalancer domain/IP from ingress status");
        }
        if (lb.getIngress().size() > 1) {
            throw new LoadBalancerNotFoundException(
                    "more than one ingress are specified in status(LoadBalancer) of Ingress " + Names.ingress(route));
        }
        LoadBalancerIngressStatus balancer = lb.getIngress().get(0);
        String hostname = Domains.hostname(config.network(), route.getMetadata().getName(), tag);
        Service svc = new Service();
        svc.setMetadata(meta(hostname, route));
        ServiceSpec spec = new ServiceSpec();
        spec.setPorts(List.of(h2cPort()));
        svc.setSpec(spec);
        if (notEmpty(balancer.getIp())) {
            spec.setClusterIP("None");
            spec.setType("ClusterIP");
            Endpoints ep = new Endpoints();
            ep.setMetadata(meta(hostname, route));
            ep.setSubsets(List.of(new EndpointSubsetBuilder()
                    .withAddresses(new EndpointAddressBuilder().withIp(balancer.getIp()).build())
                    .withPorts(new EndpointPortBuilder().withName(PORT_NAME_H2C).withPort(80).build()).build()));
            return new ServicePair(svc, ep);
        }
        if (notEmpty(balancer.getDomainInternal())) {
            spec.setType("ExternalName");
            spec.setExternalName(balancer.getDomainInternal());
            spec.setSessionAffinity("None");
        } else if (notEmpty(balancer.getDomain())) {
            spec.setType("ExternalName");
            spec.setExternalName(balancer.getDomain());
        } else if (Boolean.TRUE.equals(balancer.getMeshOnly())) {
            spec.setType("ClusterIP");
            spec.setPorts(List.of(new ServicePortBuilder().withName(PORT_NAME_HTTP1).withPort(80).build()));
        } else {
            throw new LoadBalancerNotFoundException("failed to fetch loadbalancer domain/IP from ingress status");
        }
        return new ServicePair(svc, null);
    }

    private static ServicePort h2cPort() {
        return new ServicePortBuilder().withName(PORT_NAME_H2C).withPort(80).withTargetPort(new IntOrString(80))
                .withAppProtocol(APP_PROTOCOL_H2C).build();
    }

    private static ObjectMeta meta(String hostname, Route route) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(hostname);
        meta.setNamespace(route.getMetadata().getNamespace());
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(route)));
        Map<String, String> labels = new TreeMap<>();
        if (route.getMetadata().getLabels() != null) {
            labels.putAll(route.getMetadata().getLabels());
        }
        labels.remove(NetworkingKeys.VISIBILITY);
        labels.put(ServingKeys.ROUTE, route.getMetadata().getName());
        meta.setLabels(labels);
        meta.setAnnotations(route.getMetadata().getAnnotations() == null ? null
                : new TreeMap<>(route.getMetadata().getAnnotations()));
        return meta;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
