package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * One entry point of a KIngress load balancer: an IP, a domain, an in-cluster domain, or mesh-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ip", "domain", "domainInternal", "meshOnly"})
public final class LoadBalancerIngressStatus extends PreservingObject {

    private String ip;
    private String domain;
    private String domainInternal;
    private Boolean meshOnly;

    /** An IP address. */
    public String getIp() {
        return ip;
    }

    /** Sets {@link #getIp()}. */
    public void setIp(String ip) {
        this.ip = ip;
    }

    /** A DNS name. */
    public String getDomain() {
        return domain;
    }

    /** Sets {@link #getDomain()}. */
    public void setDomain(String domain) {
        this.domain = domain;
    }

    /** An in-cluster DNS name, e.g. {@code gateway.ns.svc.cluster.local}. */
    public String getDomainInternal() {
        return domainInternal;
    }

    /** Sets {@link #getDomainInternal()}. */
    public void setDomainInternal(String domainInternal) {
        this.domainInternal = domainInternal;
    }

    /** Whether the load balancer is only reachable through the mesh. */
    public Boolean getMeshOnly() {
        return meshOnly;
    }

    /** Sets {@link #getMeshOnly()}. */
    public void setMeshOnly(Boolean meshOnly) {
        this.meshOnly = meshOnly;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        LoadBalancerIngressStatus that = (LoadBalancerIngressStatus) o;
        return Objects.equals(ip, that.ip)
                && Objects.equals(domain, that.domain)
                && Objects.equals(domainInternal, that.domainInternal)
                && Objects.equals(meshOnly, that.meshOnly)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), ip, domain, domainInternal, meshOnly);
    }
}
