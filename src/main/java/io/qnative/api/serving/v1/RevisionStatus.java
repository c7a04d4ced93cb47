package io.qnative.api.serving.v1;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.serving.DeploymentConditions;
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

    // ---- lifecycle (revision_lifecycle.go); every change is stamped with the given time ----

    /** Active True: the Revision has pods serving. */
    public void markActiveTrue(Instant now) {
        manage(now).markTrue(RevisionConditions.ACTIVE);
    }

    /** Active False, e.g. {@code NoTraffic} once scaled to zero. */
    public void markActiveFalse(String reason, String message, Instant now) {
        manage(now).markFalse(RevisionConditions.ACTIVE, reason, message);
    }

    /** Active Unknown, e.g. {@code Deploying} or {@code Queued}. */
    public void markActiveUnknown(String reason, String message, Instant now) {
        manage(now).markUnknown(RevisionConditions.ACTIVE, reason, message);
    }

    /** ContainerHealthy True. */
    public void markContainerHealthyTrue(Instant now) {
        manage(now).markTrue(RevisionConditions.CONTAINER_HEALTHY);
    }

    /** ContainerHealthy False, e.g. {@code ExitCode1} ({@link #exitCodeReason(int)}) or {@code ContainerMissing}. */
    public void markContainerHealthyFalse(String reason, String message, Instant now) {
        manage(now).markFalse(RevisionConditions.CONTAINER_HEALTHY, reason, message);
    }

    /** ContainerHealthy Unknown. */
    public void markContainerHealthyUnknown(String reason, String message, Instant now) {
        manage(now).markUnknown(RevisionConditions.CONTAINER_HEALTHY, reason, message);
    }

    /** ResourcesAvailable True. */
    public void markResourcesAvailableTrue(Instant now) {
        manage(now).markTrue(RevisionConditions.RESOURCES_AVAILABLE);
    }

    /** ResourcesAvailable False, e.g. {@code ProgressDeadlineExceeded}, {@code NotOwned} or a pod reason. */
    public void markResourcesAvailableFalse(String reason, String message, Instant now) {
        manage(now).markFalse(RevisionConditions.RESOURCES_AVAILABLE, reason, message);
    }

    /** ResourcesAvailable Unknown, e.g. {@code Deploying} or {@code ResolvingDigests}. */
    public void markResourcesAvailableUnknown(String reason, String message, Instant now) {
        manage(now).markUnknown(RevisionConditions.RESOURCES_AVAILABLE, reason, message);
    }

    /** ResourcesAvailable from the Deployment's Progressing and ReplicaFailure conditions. */
    public void propagateDeploymentStatus(DeploymentStatus deployment, Instant now) {
        Condition ready = DeploymentConditions.transform(deployment, now).getCondition(Condition.READY);
        if (ready.isTrue()) {
            markResourcesAvailableTrue(now);
        } else if (ready.isFalse()) {
            markResourcesAvailableFalse(ready.getReason(), ready.getMessage(), now);
        } else {
            markResourcesAvailableUnknown(ready.getReason(), ready.getMessage(), now);
        }
    }

    /**
     * The PodAutoscaler's view: replicas; with no PA Ready yet, Active (and ResourcesAvailable unless failed)
     * Unknown {@code Deploying}; ScaleTargetInitialized makes the Revision available and healthy unless it already
     * failed, but only once the PA names its Service; a PA that timed out before ever initialising fails the
     * Revision with {@code ProgressDeadlineExceeded}; Active mirrors the PA's Ready.
     */
    public void propagateAutoscalerStatus(PodAutoscalerStatus ps, Instant now) {
        boolean unavailable = isFalse(RevisionConditions.RESOURCES_AVAILABLE)
                || isFalse(RevisionConditions.CONTAINER_HEALTHY);
        Condition cond = ps.getCondition(Condition.READY);
        actualReplicas = ps.getActualScale() != null && ps.getActualScale() >= 0 ? ps.getActualScale() : null;
        desiredReplicas = ps.getDesiredScale() != null && ps.getDesiredScale() >= 0 ? ps.getDesiredScale() : null;
        if (cond == null) {
            markActiveUnknown(RevisionConditions.REASON_DEPLOYING, "", now);
            if (!unavailable) {
                markResourcesAvailableUnknown(RevisionConditions.REASON_DEPLOYING, "", now);
            }
            return;
        }
        boolean initialized = ps.isScaleTargetInitialized();
        boolean noService = ps.getServiceName() == null || ps.getServiceName().isEmpty();
        if (initialized && !unavailable) {
            markResourcesAvailableTrue(now);
            markContainerHealthyTrue(now);
        }
        Condition available = getCondition(RevisionConditions.RESOURCES_AVAILABLE);
        if (available != null && available.isTrue() && (noService || !initialized)) {
            markResourcesAvailableUnknown(RevisionConditions.REASON_DEPLOYING, "", now);
        }
        if (cond.isTrue()) {
            markActiveTrue(now);
        } else if (cond.isFalse()) {
            if (!initialized && !unavailable && !noService
                    && PodAutoscalerConditions.REASON_TIMED_OUT.equals(cond.getReason())) {
                markResourcesAvailableFalse(RevisionConditions.REASON_PROGRESS_DEADLINE_EXCEEDED,
                        "Initial scale was never achieved", now);
            }
            markActiveFalse(cond.getReason(), cond.getMessage(), now);
        } else {
            markActiveUnknown(cond.getReason(), cond.getMessage(), now);
        }
    }

    /**
     * What one pod of a Deployment that wants replicas but has none available says (the revision reconciler's
     * {@code reconcileDeployment}): PodScheduled False fails ResourcesAvailable with the pod's reason (unless
     * {@code pod-is-always-schedulable}); the first container with a last termination fails ContainerHealthy with
     * {@code ExitCode<N>}; else a waiting container fails ResourcesAvailable with its reason once the Deployment's
     * progress deadline passed. Does nothing when the Deployment has pods available or wants none.
     */
    public void propagatePodFailure(Deployment deployment, Pod pod, boolean podIsAlwaysSchedulable, Instant now) {
        if (pod == null || pod.getStatus() == null || deployment.getSpec() == null
                || deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() <= 0
                || (deployment.getStatus() != null && deployment.getStatus().getAvailableReplicas() != null
                        && deployment.getStatus().getAvailableReplicas() > 0)) {
            return;
        }
        if (!podIsAlwaysSchedulable && pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && Condition.FALSE.equals(c.getStatus())) {
                    markResourcesAvailableFalse(c.getReason(), c.getMessage(), now);
                    break;
                }
            }
        }
        if (pod.getStatus().getContainerStatuses() == null) {
            return;
        }
        for (io.fabric8.kubernetes.api.model.ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            ContainerStateTerminated t = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
            ContainerStateWaiting w = cs.getState() == null ? null : cs.getState().getWaiting();
            if (t != null) {
                int code = t.getExitCode() == null ? 0 : t.getExitCode();
                String message = code == 0 && (t.getMessage() == null || t.getMessage().isEmpty())
                        ? "container exited with no error" : t.getMessage();
                markContainerHealthyFalse(exitCodeReason(code), containerExitingMessage(message), now);
                return;
            }
            if (w != null && hasTimedOut(deployment)) {
                markResourcesAvailableFalse(w.getReason(), w.getMessage(), now);
                return;
            }
        }
    }

    /** Whether the Deployment's Progressing is False {@code ProgressDeadlineExceeded}. */
    private static boolean hasTimedOut(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return false;
        }
        for (DeploymentCondition c : d.getStatus().getConditions()) {
            if ("Progressing".equals(c.getType()) && Condition.FALSE.equals(c.getStatus())
                    && RevisionConditions.REASON_PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }

    /** Whether requests must wait for activation: Active is present and not True ({@code IsActivationRequired}). */
    @JsonIgnore
    public boolean isActivationRequired() {
        Condition c = getCondition(RevisionConditions.ACTIVE);
        return c != null && !c.isTrue();
    }

    /** {@code ExitCode<N>}, the ContainerHealthy reason of a container that terminated with {@code N}. */
    public static String exitCodeReason(int exitCode) {
        return RevisionConditions.REASON_EXIT_CODE_PREFIX + exitCode;
    }

    /** The message of a child of that name controlled by someone else. */
    public static String resourceNotOwnedMessage(String kind, String name) {
        return "There is an existing " + kind + " " + quote(name) + " that we do not own.";
    }

    /** The message of a container that keeps exiting. */
    public static String containerExitingMessage(String message) {
        return "Container failed with: " + message;
    }

    /** The message of an image that could not be resolved. */
    public static String containerMissingMessage(String image, String message) {
        return "Unable to fetch image " + quote(image) + ": " + message;
    }

    /** Go's {@code %q} for plain names. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private boolean isFalse(String type) {
        Condition c = getCondition(type);
        return c != null && c.isFalse();
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
