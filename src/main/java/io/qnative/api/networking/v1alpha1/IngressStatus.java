package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a KIngress: where its public and private load balancers are. Conditions:
 * {@link IngressConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "loadBalancer", "publicLoadBalancer",
        "privateLoadBalancer"})
public final class IngressStatus extends Status {

    private LoadBalancerStatus loadBalancer;
    private LoadBalancerStatus publicLoadBalancer;
    private LoadBalancerStatus privateLoadBalancer;

    /** Deprecated: superseded by the public and private load balancers. */
    public LoadBalancerStatus getLoadBalancer() {
        return loadBalancer;
    }

    /** Sets {@link #getLoadBalancer()}. */
    public void setLoadBalancer(LoadBalancerStatus loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    /** The load balancer for ExternalIP rules. */
    public LoadBalancerStatus getPublicLoadBalancer() {
        return publicLoadBalancer;
    }

    /** Sets {@link #getPublicLoadBalancer()}. */
    public void setPublicLoadBalancer(LoadBalancerStatus publicLoadBalancer) {
        this.publicLoadBalancer = publicLoadBalancer;
    }

    /** The load balancer for ClusterLocal rules. */
    public LoadBalancerStatus getPrivateLoadBalancer() {
        return privateLoadBalancer;
    }

    /** Sets {@link #getPrivateLoadBalancer()}. */
    public void setPrivateLoadBalancer(LoadBalancerStatus privateLoadBalancer) {
        this.privateLoadBalancer = privateLoadBalancer;
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return IngressConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        IngressStatus that = (IngressStatus) o;
        return Objects.equals(loadBalancer, that.loadBalancer)
                && Objects.equals(publicLoadBalancer, that.publicLoadBalancer)
                && Objects.equals(privateLoadBalancer, that.privateLoadBalancer)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), loadBalancer, publicLoadBalancer, privateLoadBalancer);
    }
}
