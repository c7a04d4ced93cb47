package io.qnative.api.networking.v1alpha1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Condition;
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

    // ---- lifecycle (ingress_lifecycle.go), used by the gateway's KIngress controller ----

    /** NetworkConfigured True: the ingress implementation loaded this KIngress. */
    public void markNetworkConfigured(Instant now) {
        manage(now).markTrue(IngressConditions.NETWORK_CONFIGURED);
    }

    /** NetworkConfigured False {@code NotOwned}: a resource it needs belongs to someone else. */
    public void markResourceNotOwned(String kind, String name, Instant now) {
        manage(now).markFalse(IngressConditions.NETWORK_CONFIGURED, "NotOwned",
                "There is an existing " + kind + " \"" + name + "\" that we do not own.");
    }

    /** Records the load balancers and marks LoadBalancerReady True. */
    public void markLoadBalancerReady(List<LoadBalancerIngressStatus> publicLbs,
            List<LoadBalancerIngressStatus> privateLbs, Instant now) {
        LoadBalancerStatus pub = new LoadBalancerStatus();
        pub.setIngress(new ArrayList<>(publicLbs));
        LoadBalancerStatus priv = new LoadBalancerStatus();
        priv.setIngress(new ArrayList<>(privateLbs));
        setPublicLoadBalancer(pub);
        setPrivateLoadBalancer(priv);
        manage(now).markTrue(IngressConditions.LOAD_BALANCER_READY);
    }

    /** LoadBalancerReady Unknown {@code Uninitialized}. */
    public void markLoadBalancerNotReady(Instant now) {
        manage(now).markUnknown(IngressConditions.LOAD_BALANCER_READY, IngressConditions.REASON_UNINITIALIZED,
                "Waiting for load balancer to be ready");
    }

    /** LoadBalancerReady False with the given reason. */
    public void markLoadBalancerFailed(String reason, String message, Instant now) {
        manage(now).markFalse(IngressConditions.LOAD_BALANCER_READY, reason, message);
    }

    /** Ready Unknown with the given reason (e.g. while the implementation is still programming the data plane). */
    public void markIngressNotReady(String reason, String message, Instant now) {
        manage(now).markUnknown(Condition.READY, reason, message);
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
