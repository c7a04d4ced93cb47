package io.qnative.reconciler.ingress;

import io.qnative.gateway.Gateway;
import java.util.List;

import io.qnative.api.networking.v1alpha1.LoadBalancerIngressStatus;

/**
 * The load balancers the in-process gateway reports in a KIngress's status (qnative's proposal; Knative leaves them
 * to each ingress implementation). They are the two gateway Services of {@code kubernetes/500-services.yaml}, by
 * in-cluster DNS name, so a Route's placeholder Service becomes an {@code ExternalName} to the gateway:
 *
 * <ul>
 *   <li>public (ExternalIP rules): {@code domainInternal: qnative-gateway.<system-ns>.svc.<clusterDomain>};</li>
 *   <li>private (ClusterLocal rules): {@code domainInternal:
 *       qnative-gateway-internal.<system-ns>.svc.<clusterDomain>}.</li>
 * </ul>
 * {@code domainInternal} (not {@code ip}) keeps the placeholder Services independent of the gateway's cluster IPs
 * and avoids per-Route Endpoints; the Route reconciler always prefers the private one for placeholders.
 */
public final class GatewayLoadBalancers {

    private GatewayLoadBalancers() {
    }

    /** The public load balancer entries. */
    public static List<LoadBalancerIngressStatus> publicLoadBalancers(String systemNamespace, String clusterDomain) {
        return List.of(domainInternal(Gateway.PUBLIC_SERVICE, systemNamespace, clusterDomain));
    }

    /** The private load balancer entries. */
    public static List<LoadBalancerIngressStatus> privateLoadBalancers(String systemNamespace, String clusterDomain) {
        return List.of(domainInternal(Gateway.INTERNAL_SERVICE, systemNamespace, clusterDomain));
    }

    private static LoadBalancerIngressStatus domainInternal(String service, String ns, String clusterDomain) {
        LoadBalancerIngressStatus lb = new LoadBalancerIngressStatus();
        lb.setDomainInternal(service + "." + ns + ".svc." + clusterDomain);
        return lb;
    }
}
