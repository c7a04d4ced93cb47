package io.qnative.api.autoscaling.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;

/** Cases of Knative's {@code pa_lifecycle_test.go}. */
class PodAutoscalerLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-26T23:00:00Z");

    @Test
    void readyNeedsActiveInitializedAndServices() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.initializeConditions(T0);
        s.markActive(T0);
        s.markScaleTargetInitialized(T0);
        assertThat(s.getCondition(Condition.READY).isTrue()).isFalse();
        s.markSksReady(T0);
        assertThat(s.getCondition(Condition.READY).isTrue()).isTrue();
        assertThat(s.isActive()).isTrue();
        assertThat(s.isScaleTargetInitialized()).isTrue();
    }

    @Test
    void activationStates() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.initializeConditions(T0);
        s.markActivating("Queued", "Requests to the target are being buffered as resources are provisioned.", T0);
        assertThat(s.isActivating()).isTrue();
        assertThat(s.getCondition(Condition.READY).getReason()).isEqualTo("Queued");
        s.markInactive("NoTraffic", "The target is not receiving traffic.", T0);
        assertThat(s.isInactive()).isTrue();
        assertThat(s.getCondition(Condition.READY).getStatus()).isEqualTo(Condition.FALSE);
    }

    @Test
    void durationsInState() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        assertThat(s.inactiveFor(T0)).isNegative();
        s.markInactive("NoTraffic", "", T0);
        assertThat(s.inactiveFor(T0.plusSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.activeFor(T0.plusSeconds(45))).isNegative();
        assertThat(s.canScaleToZero(T0.plusSeconds(29), Duration.ofSeconds(30))).isFalse();
        assertThat(s.canScaleToZero(T0.plusSeconds(30), Duration.ofSeconds(30))).isTrue();
        s.markActive(T0.plusSeconds(60));
        assertThat(s.activeFor(T0.plusSeconds(70))).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.canScaleToZero(T0.plusSeconds(100), Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void notOwnedAndFailedCreate() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.markResourceNotOwned("Deployment", "foo-deployment", T0);
        assertThat(s.getCondition(PodAutoscalerConditions.ACTIVE).getReason()).isEqualTo("NotOwned");
        assertThat(s.getCondition(PodAutoscalerConditions.ACTIVE).getMessage())
                .isEqualTo("There is an existing Deployment \"foo-deployment\" that we do not own.");
        s.markResourceFailedCreation("Service", "foo", T0);
        assertThat(s.getCondition(PodAutoscalerConditions.ACTIVE).getMessage())
                .isEqualTo("Failed to create Service \"foo\".");
    }

    @Test
    void servicesNotReady() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.initializeConditions(T0);
        s.markSksNotReady("no endpoints", T0);
        assertThat(s.getCondition(PodAutoscalerConditions.SKS_READY).getReason()).isEqualTo("NotReady");
        s.markScaleTargetNotInitialized("Deploying", "", T0);
        assertThat(s.isScaleTargetInitialized()).isFalse();
    }
}
