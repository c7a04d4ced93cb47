package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStateWaitingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of Knative's {@code revision_lifecycle_test.go}. */
class RevisionLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-26T23:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);

    @Test
    void initializeConditions() {
        RevisionStatus s = fresh();
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, null);
        assertCondition(s, RevisionConditions.CONTAINER_HEALTHY, Condition.UNKNOWN, null);
        assertThat(s.getCondition(RevisionConditions.ACTIVE)).isNull();
    }

    @Test
    void readyNeedsResourcesAndHealthyContainersButNotActive() {
        RevisionStatus s = fresh();
        s.markResourcesAvailableTrue(T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        s.markContainerHealthyTrue(T1);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        s.markActiveFalse(RevisionConditions.REASON_NO_TRAFFIC, "scaled to zero", T1);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        assertThat(s.getCondition(RevisionConditions.ACTIVE).getSeverity()).isEqualTo(Condition.SEVERITY_INFO);
    }

    @Test
    void activationRequired() {
        RevisionStatus s = fresh();
        assertThat(s.isActivationRequired()).isFalse();
        s.markActiveUnknown("Queued", "", T1);
        assertThat(s.isActivationRequired()).isTrue();
        s.markActiveTrue(T1);
        assertThat(s.isActivationRequired()).isFalse();
        s.markActiveFalse("NoTraffic", "", T1);
        assertThat(s.isActivationRequired()).isTrue();
    }

    @Test
    void containerExitFailsTheRevision() {
        RevisionStatus s = fresh();
        s.markContainerHealthyFalse(RevisionStatus.exitCodeReason(137),
                RevisionStatus.containerExitingMessage("OOMKilled"), T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "ExitCode137");
        assertThat(s.getCondition(Condition.READY).getMessage()).isEqualTo("Container failed with: OOMKilled");
        s.markResourcesAvailableUnknown(RevisionConditions.REASON_DEPLOYING, "", T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "ExitCode137");
    }

    @Test
    void messages() {
        assertThat(RevisionStatus.resourceNotOwnedMessage("Deployment", "foo-deployment"))
                .isEqualTo("There is an existing Deployment \"foo-deployment\" that we do not own.");
        assertThat(RevisionStatus.containerMissingMessage("ko.local/app", "not found"))
                .isEqualTo("Unable to fetch image \"ko.local/app\": not found");
    }

    static Stream<Arguments> deploymentStatuses() {
        return Stream.of(
                Arguments.of("no conditions", List.of(), Condition.UNKNOWN, "Deploying"),
                Arguments.of("progressing", List.of(cond("Progressing", "True", "NewReplicaSetAvailable")),
                        Condition.TRUE, null),
                Arguments.of("progressing unknown", List.of(cond("Progressing", "Unknown", "Waiting")),
                        Condition.UNKNOWN, "Waiting"),
                Arguments.of("deadline", List.of(cond("Progressing", "False", "ProgressDeadlineExceeded")),
                        Condition.FALSE, "ProgressDeadlineExceeded"),
                Arguments.of("replica failure", List.of(cond("Progressing", "True", "x"),
                        cond("ReplicaFailure", "True", "FailedCreate")), Condition.FALSE, "FailedCreate"),
                Arguments.of("replica failure cleared", List.of(cond("Progressing", "True", "x"),
                        cond("ReplicaFailure", "False", "")), Condition.TRUE, null),
                Arguments.of("both failing", List.of(cond("Progressing", "False", "ProgressDeadlineExceeded"),
                        cond("ReplicaFailure", "True", "FailedCreate")), Condition.FALSE, "FailedCreate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentStatuses")
    void propagateDeploymentStatus(String name, List<DeploymentCondition> conds, String status, String reason) {
        RevisionStatus s = fresh();
        DeploymentStatus ds = new DeploymentStatusBuilder().withConditions(conds).build();
        s.propagateDeploymentStatus(ds, T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, status, reason);
    }

    @Test
    void autoscalerWithoutReadyMeansDeploying() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(new PodAutoscalerStatus(), T1);
        assertCondition(s, RevisionConditions.ACTIVE, Condition.UNKNOWN, "Deploying");
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, "Deploying");
        assertCondition(s, Condition.READY, Condition.UNKNOWN, "Deploying");
    }

    @Test
    void autoscalerWithoutReadyKeepsAFailure() {
        RevisionStatus s = fresh();
        s.markResourcesAvailableFalse("ImagePullBackOff", "nope", T1);
        s.propagateAutoscalerStatus(new PodAutoscalerStatus(), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.FALSE, "ImagePullBackOff");
        assertCondition(s, RevisionConditions.ACTIVE, Condition.UNKNOWN, "Deploying");
    }

    @Test
    void initializedAutoscalerWithServiceMakesTheRevisionReady() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(pa(Condition.TRUE, null, true, "foo-00001", 1, 1), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.TRUE, null);
        assertCondition(s, RevisionConditions.CONTAINER_HEALTHY, Condition.TRUE, null);
        assertCondition(s, RevisionConditions.ACTIVE, Condition.TRUE, null);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        assertThat(s.getActualReplicas()).isEqualTo(1);
        assertThat(s.getDesiredReplicas()).isEqualTo(1);
    }

    @Test
    void initializedAutoscalerWithoutServiceNameIsStillDeploying() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(pa(Condition.TRUE, null, true, "", 1, 1), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, "Deploying");
        assertCondition(s, Condition.READY, Condition.UNKNOWN, "Deploying");
    }

    @Test
    void availableButAutoscalerNotInitializedGoesBackToDeploying() {
        RevisionStatus s = fresh();
        s.markResourcesAvailableTrue(T0);
        s.propagateAutoscalerStatus(pa(Condition.UNKNOWN, "Queued", false, "foo-00001", -1, -1), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, "Deploying");
        assertCondition(s, RevisionConditions.ACTIVE, Condition.UNKNOWN, "Queued");
        assertThat(s.getActualReplicas()).isNull();
        assertThat(s.getDesiredReplicas()).isNull();
    }

    @Test
    void timedOutBeforeInitialScaleFailsTheRevision() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(pa(Condition.FALSE, "TimedOut", false, "foo-00001", 0, 0), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.FALSE, "ProgressDeadlineExceeded");
        assertThat(s.getCondition(RevisionConditions.RESOURCES_AVAILABLE).getMessage())
                .isEqualTo("Initial scale was never achieved");
        assertCondition(s, RevisionConditions.ACTIVE, Condition.FALSE, "TimedOut");
        assertCondition(s, Condition.READY, Condition.FALSE, "ProgressDeadlineExceeded");
    }

    @Test
    void idleBeforeInitialScaleIsNotAFailure() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(pa(Condition.FALSE, "NoTraffic", false, "foo-00001", 0, 0), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, null);
        assertCondition(s, RevisionConditions.ACTIVE, Condition.FALSE, "NoTraffic");
    }

    @Test
    void failedResourcesAreNotOverriddenByAnInitializedAutoscaler() {
        RevisionStatus s = fresh();
        s.markResourcesAvailableFalse("ProgressDeadlineExceeded", "slow", T0);
        s.propagateAutoscalerStatus(pa(Condition.TRUE, null, true, "foo-00001", 1, 1), T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.FALSE, "ProgressDeadlineExceeded");
        assertCondition(s, Condition.READY, Condition.FALSE, "ProgressDeadlineExceeded");
    }

    @Test
    void scaledToZeroAfterInitializationStaysReady() {
        RevisionStatus s = fresh();
        s.propagateAutoscalerStatus(pa(Condition.TRUE, null, true, "foo-00001", 1, 1), T0);
        s.propagateAutoscalerStatus(pa(Condition.FALSE, "NoTraffic", true, "foo-00001", 0, 0), T1);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        assertCondition(s, RevisionConditions.ACTIVE, Condition.FALSE, "NoTraffic");
        assertThat(s.getActualReplicas()).isZero();
    }

    @Test
    void timestampsMoveOnlyOnChange() {
        RevisionStatus s = fresh();
        s.markResourcesAvailableUnknown("Deploying", "", T0);
        s.markResourcesAvailableUnknown("Deploying", "", T1);
        assertThat(s.getCondition(RevisionConditions.RESOURCES_AVAILABLE).getLastTransitionTime())
                .isEqualTo("2026-11-26T23:00:00Z");
    }

    @Test
    void crashingContainerFailsWithItsExitCode() {
        RevisionStatus s = fresh();
        s.propagatePodFailure(deployment(1, 0, null), pod(null, terminated(1, "boom"), null), false, T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "ExitCode1");
        assertThat(s.getCondition(RevisionConditions.CONTAINER_HEALTHY).getMessage())
                .isEqualTo("Container failed with: boom");

        RevisionStatus quiet = fresh();
        quiet.propagatePodFailure(deployment(1, 0, null), pod(null, terminated(0, null), null), false, T1);
        assertThat(quiet.getCondition(RevisionConditions.CONTAINER_HEALTHY).getMessage())
                .isEqualTo("Container failed with: container exited with no error");
    }

    @Test
    void unschedulablePodFailsResourcesUnlessAlwaysSchedulable() {
        PodCondition unscheduled = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/1 nodes are available").build();
        RevisionStatus s = fresh();
        s.propagatePodFailure(deployment(1, 0, null), pod(unscheduled, null, null), false, T1);
        assertCondition(s, RevisionConditions.RESOURCES_AVAILABLE, Condition.FALSE, "Unschedulable");
        RevisionStatus always = fresh();
        always.propagatePodFailure(deployment(1, 0, null), pod(unscheduled, null, null), true, T1);
        assertCondition(always, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, null);
    }

    @Test
    void waitingContainerFailsOnlyAfterTheDeadline() {
        ContainerStateWaiting pull = new ContainerStateWaitingBuilder().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image").build();
        RevisionStatus early = fresh();
        early.propagatePodFailure(deployment(1, 0, null), pod(null, null, pull), false, T1);
        assertCondition(early, RevisionConditions.RESOURCES_AVAILABLE, Condition.UNKNOWN, null);
        RevisionStatus late = fresh();
        late.propagatePodFailure(deployment(1, 0, cond("Progressing", "False", "ProgressDeadlineExceeded")),
                pod(null, null, pull), false, T1);
        assertCondition(late, RevisionConditions.RESOURCES_AVAILABLE, Condition.FALSE, "ImagePullBackOff");
    }

    @Test
    void podsAreNotInspectedWhileSomeAreAvailableOrNoneWanted() {
        RevisionStatus s = fresh();
        s.propagatePodFailure(deployment(1, 1, null), pod(null, terminated(1, "boom"), null), false, T1);
        s.propagatePodFailure(deployment(0, 0, null), pod(null, terminated(1, "boom"), null), false, T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
    }

    static Deployment deployment(int replicas, int available, DeploymentCondition condition) {
        return new DeploymentBuilder().withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withAvailableReplicas(available)
                .withConditions(condition == null ? List.of() : List.of(condition)).endStatus().build();
    }

    static ContainerStateTerminated terminated(int code, String message) {
        return new ContainerStateTerminatedBuilder().withExitCode(code).withMessage(message).build();
    }

    static Pod pod(PodCondition condition, ContainerStateTerminated last, ContainerStateWaiting waiting) {
        return new PodBuilder().withNewStatus()
                .withConditions(condition == null ? List.of() : List.of(condition))
                .addNewContainerStatus().withName("user-container")
                .withNewLastState().withTerminated(last).endLastState()
                .withNewState().withWaiting(waiting).endState()
                .endContainerStatus()
                .endStatus().build();
    }

    static RevisionStatus fresh() {
        RevisionStatus s = new RevisionStatus();
        s.initializeConditions(T0);
        return s;
    }

    static PodAutoscalerStatus pa(String ready, String reason, boolean initialized, String serviceName,
            int actual, int desired) {
        PodAutoscalerStatus ps = new PodAutoscalerStatus();
        ps.initializeConditions(T0);
        if (initialized) {
            ps.markScaleTargetInitialized(T0);
        }
        if (Condition.TRUE.equals(ready)) {
            ps.markActive(T0);
            ps.markSksReady(T0);
            if (!initialized) {
                throw new IllegalArgumentException("a ready PA is initialised");
            }
        } else if (Condition.FALSE.equals(ready)) {
            ps.markInactive(reason, "", T0);
        } else {
            ps.markActivating(reason, "", T0);
        }
        ps.setServiceName(serviceName);
        ps.setActualScale(actual);
        ps.setDesiredScale(desired);
        return ps;
    }

    static DeploymentCondition cond(String type, String status, String reason) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(reason + " message").build();
    }

    static void assertCondition(io.qnative.api.duck.Status s, String type, String status, String reason) {
        Condition c = s.getCondition(type);
        assertThat(c).as(type).isNotNull();
        assertThat(c.getStatus()).as(type + " status").isEqualTo(status);
        assertThat(c.getReason()).as(type + " reason").isEqualTo(reason);
    }
}
