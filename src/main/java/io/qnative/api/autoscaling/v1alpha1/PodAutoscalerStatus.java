package io.qnative.api.autoscaling.v1alpha1;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Condition;
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

    // ---- lifecycle (pa_lifecycle.go); every change is stamped with the given time ----

    /** Active True: pods are serving. */
    public void markActive(Instant now) {
        manage(now).markTrue(PodAutoscalerConditions.ACTIVE);
    }

    /** Active Unknown: scaling up, e.g. {@code Queued}. */
    public void markActivating(String reason, String message, Instant now) {
        manage(now).markUnknown(PodAutoscalerConditions.ACTIVE, reason, message);
    }

    /** Active False, e.g. {@code NoTraffic} or {@code TimedOut}. */
    public void markInactive(String reason, String message, Instant now) {
        manage(now).markFalse(PodAutoscalerConditions.ACTIVE, reason, message);
    }

    /** ScaleTargetInitialized True: the target reached its initial scale once. */
    public void markScaleTargetInitialized(Instant now) {
        manage(now).markTrue(PodAutoscalerConditions.SCALE_TARGET_INITIALIZED);
    }

    /** ScaleTargetInitialized Unknown. */
    public void markScaleTargetNotInitialized(String reason, String message, Instant now) {
        manage(now).markUnknown(PodAutoscalerConditions.SCALE_TARGET_INITIALIZED, reason, message);
    }

    /** SKSReady True: the Revision's Services are ready. */
    public void markSksReady(Instant now) {
        manage(now).markTrue(PodAutoscalerConditions.SKS_READY);
    }

    /** SKSReady Unknown {@code NotReady}. */
    public void markSksNotReady(String message, Instant now) {
        manage(now).markUnknown(PodAutoscalerConditions.SKS_READY, "NotReady", message);
    }

    /** Inactive {@code NotOwned}: a child of that name is controlled by someone else. */
    public void markResourceNotOwned(String kind, String name, Instant now) {
        markInactive("NotOwned", "There is an existing " + kind + " \"" + name + "\" that we do not own.", now);
    }

    /** Inactive {@code FailedCreate}. */
    public void markResourceFailedCreation(String kind, String name, Instant now) {
        markInactive("FailedCreate", "Failed to create " + kind + " \"" + name + "\".", now);
    }

    /** Whether ScaleTargetInitialized is True. */
    @JsonIgnore
    public boolean isScaleTargetInitialized() {
        Condition c = getCondition(PodAutoscalerConditions.SCALE_TARGET_INITIALIZED);
        return c != null && c.isTrue();
    }

    /** Whether Active is True. */
    @JsonIgnore
    public boolean isActive() {
        Condition c = getCondition(PodAutoscalerConditions.ACTIVE);
        return c != null && c.isTrue();
    }

    /** Whether Active is Unknown (scaling up). */
    @JsonIgnore
    public boolean isActivating() {
        Condition c = getCondition(PodAutoscalerConditions.ACTIVE);
        return c != null && c.isUnknown();
    }

    /** Whether Active is False. */
    @JsonIgnore
    public boolean isInactive() {
        Condition c = getCondition(PodAutoscalerConditions.ACTIVE);
        return c != null && c.isFalse();
    }

    /** How long Active has been True at {@code now}, negative when it is not True ({@code ActiveFor}). */
    public Duration activeFor(Instant now) {
        return inStatusFor(Condition.TRUE, now);
    }

    /** How long Active has been False at {@code now}, negative when it is not False. */
    public Duration inactiveFor(Instant now) {
        return inStatusFor(Condition.FALSE, now);
    }

    /** Whether the PA has been inactive for at least {@code gracePeriod} ({@code CanScaleToZero}). */
    public boolean canScaleToZero(Instant now, Duration gracePeriod) {
        Duration d = inactiveFor(now);
        return !d.isNegative() && d.compareTo(gracePeriod) >= 0;
    }

    private Duration inStatusFor(String status, Instant now) {
        Condition c = getCondition(PodAutoscalerConditions.ACTIVE);
        if (c == null || !status.equals(c.getStatus()) || c.getLastTransitionTime() == null) {
            return Duration.ofSeconds(-1);
        }
        return Duration.between(OffsetDateTime.parse(c.getLastTransitionTime()).toInstant(), now);
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
