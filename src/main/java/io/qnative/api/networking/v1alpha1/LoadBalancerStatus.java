package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The entry points of one load balancer of a KIngress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ingress"})
public final class LoadBalancerStatus extends PreservingObject {

    private List<LoadBalancerIngressStatus> ingress;

    /** The entry points. */
    public List<LoadBalancerIngressStatus> getIngress() {
        return ingress;
    }

    /** Sets {@link #getIngress()}. */
    public void setIngress(List<LoadBalancerIngressStatus> ingress) {
        this.ingress = ingress;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        LoadBalancerStatus that = (LoadBalancerStatus) o;
        return Objects.equals(ingress, that.ingress)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), ingress);
    }
}
