package io.qnative.api.serving.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a Revision ({@code v1.RevisionStatus}). Conditions: {@link RevisionConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "logUrl", "containerStatuses",
        "initContainerStatuses", "actualReplicas", "desiredReplicas"})
public final class RevisionStatus extends Status {

    private String logUrl;
    private List<ContainerStatus> containerStatuses;
    private List<ContainerStatus> initContainerStatuses;
    private Integer actualReplicas;
    private Integer desiredReplicas;

    /** Where to find this Revision's logs ({@code config-observability} template). */
    public String getLogUrl() {
        return logUrl;
    }

    /** Sets {@link #getLogUrl()}. */
    public void setLogUrl(String logUrl) {
        this.logUrl = logUrl;
    }

    /** The resolved image digest of each container. */
    public List<ContainerStatus> getContainerStatuses() {
        return containerStatuses;
    }

    /** Sets {@link #getContainerStatuses()}. */
    public void setContainerStatuses(List<ContainerStatus> containerStatuses) {
        this.containerStatuses = containerStatuses;
    }

    /** The resolved image digest of each init container. */
    public List<ContainerStatus> getInitContainerStatuses() {
        return initContainerStatuses;
    }

    /** Sets {@link #getInitContainerStatuses()}. */
    public void setInitContainerStatuses(List<ContainerStatus> initContainerStatuses) {
        this.initContainerStatuses = initContainerStatuses;
    }

    /** Ready replicas, as the PodAutoscaler reports them. */
    public Integer getActualReplicas() {
        return actualReplicas;
    }

    /** Sets {@link #getActualReplicas()}. */
    public void setActualReplicas(Integer actualReplicas) {
        this.actualReplicas = actualReplicas;
    }

    /** Replicas the autoscaler wants. */
    public Integer getDesiredReplicas() {
        return desiredReplicas;
    }

    /** Sets {@link #getDesiredReplicas()}. */
    public void setDesiredReplicas(Integer desiredReplicas) {
        this.desiredReplicas = desiredReplicas;
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return RevisionConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        RevisionStatus that = (RevisionStatus) o;
        return Objects.equals(logUrl, that.logUrl)
                && Objects.equals(containerStatuses, that.containerStatuses)
                && Objects.equals(initContainerStatuses, that.initContainerStatuses)
                && Objects.equals(actualReplicas, that.actualReplicas)
                && Objects.equals(desiredReplicas, that.desiredReplicas)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), logUrl, containerStatuses, initContainerStatuses, actualReplicas,
                desiredReplicas);
    }
}
