package io.qnative.api.autoscaling.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a PodAutoscaler ({@code autoscaling/v1alpha1.PodAutoscalerSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"containerConcurrency", "scaleTargetRef", "reachability", "protocolType"})
public final class PodAutoscalerSpec extends PreservingObject {

    private Long containerConcurrency;
    private ObjectReference scaleTargetRef;
    private String reachability;
    private String protocolType;

    /** The Revision's hard concurrency limit; 0 means unlimited. */
    public Long getContainerConcurrency() {
        return containerConcurrency;
    }

    /** Sets {@link #getContainerConcurrency()}. */
    public void setContainerConcurrency(Long containerConcurrency) {
        this.containerConcurrency = containerConcurrency;
    }

    /** The Deployment to scale. */
    public ObjectReference getScaleTargetRef() {
        return scaleTargetRef;
    }

    /** Sets {@link #getScaleTargetRef()}. */
    public void setScaleTargetRef(ObjectReference scaleTargetRef) {
        this.scaleTargetRef = scaleTargetRef;
    }

    /** {@code Reachable}, {@code Unreachable} or empty (unknown): whether traffic can reach the Revision. */
    public String getReachability() {
        return reachability;
    }

    /** Sets {@link #getReachability()}. */
    public void setReachability(String reachability) {
        this.reachability = reachability;
    }

    /** {@code http1} or {@code h2c}. */
    public String getProtocolType() {
        return protocolType;
    }

    /** Sets {@link #getProtocolType()}. */
    public void setProtocolType(String protocolType) {
        this.protocolType = protocolType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PodAutoscalerSpec that = (PodAutoscalerSpec) o;
        return Objects.equals(containerConcurrency, that.containerConcurrency)
                && Objects.equals(scaleTargetRef, that.scaleTargetRef)
                && Objects.equals(reachability, that.reachability)
                && Objects.equals(protocolType, that.protocolType)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), containerConcurrency, scaleTargetRef, reachability,
                protocolType);
    }
}
