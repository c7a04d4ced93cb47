package io.qnative.api.autoscaling.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a PodAutoscaler. Conditions: {@link PodAutoscalerConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "serviceName", "metricsServiceName",
        "desiredScale", "actualScale"})
public final class PodAutoscalerStatus extends Status {

    private String serviceName;
    private String metricsServiceName;
    private Integer desiredScale;
    private Integer actualScale;

    /** The Kubernetes Service that fronts the Revision (qnative: {@code <revision>}). */
    public String getServiceName() {
        return serviceName;
    }

    /** Sets {@link #getServiceName()}. */
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The Service scraped for metrics. */
    public String getMetricsServiceName() {
        return metricsServiceName;
    }

    /** Sets {@link #getMetricsServiceName()}. */
    public void setMetricsServiceName(String metricsServiceName) {
        this.metricsServiceName = metricsServiceName;
    }

    /** The replicas the autoscaler decided on. */
    public Integer getDesiredScale() {
        return desiredScale;
    }

    /** Sets {@link #getDesiredScale()}. */
    public void setDesiredScale(Integer desiredScale) {
        this.desiredScale = desiredScale;
    }

    /** The ready replicas observed. */
    public Integer getActualScale() {
        return actualScale;
    }

    /** Sets {@link #getActualScale()}. */
    public void setActualScale(Integer actualScale) {
        this.actualScale = actualScale;
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return PodAutoscalerConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PodAutoscalerStatus that = (PodAutoscalerStatus) o;
        return Objects.equals(serviceName, that.serviceName)
                && Objects.equals(metricsServiceName, that.metricsServiceName)
                && Objects.equals(desiredScale, that.desiredScale)
                && Objects.equals(actualScale, that.actualScale)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), serviceName, metricsServiceName, desiredScale, actualScale);
    }
}
