package io.qnative.reconciler.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;

/** {@link PodAutoscalerReconciler#computeActiveCondition}, Knative's table in {@code kpa.go}. */
class ActiveConditionTest {

    static final Instant NOW = Instant.parse("2026-11-26T23:00:00Z");

    @Test
    void nothingWantedIsNoTraffic() {
        PodAutoscalerStatus s = active(0, 0, 1, fresh());
        // A fresh PA's Active is Unknown (activating): scaling to zero then means activation timed out.
        assertThat(reason(s)).isEqualTo(PodAutoscalerConditions.REASON_TIMED_OUT);
        PodAutoscalerStatus wasActive = fresh();
        wasActive.markActive(NOW);
        assertThat(reason(active(0, 0, 1, wasActive))).isEqualTo(PodAutoscalerConditions.REASON_NO_TRAFFIC);
        assertThat(active(0, 0, 1, wasActive).getCondition("Active").getStatus()).isEqualTo(Condition.FALSE);
    }

    @Test
    void zeroInitialScaleIsNoTraffic() {
        assertThat(reason(active(0, 0, 0, fresh()))).isEqualTo(PodAutoscalerConditions.REASON_NO_TRAFFIC);
    }

    @Test
    void fewerReadyThanTheThresholdIsQueued() {
        PodAutoscalerStatus s = active(3, 1, 3, fresh());
        assertThat(s.isActivating()).isTrue();
        assertThat(reason(s)).isEqualTo(PodAutoscalerConditions.REASON_QUEUED);
    }

    @Test
    void enoughReadyIsActive() {
        assertThat(active(1, 1, 1, fresh()).isActive()).isTrue();
        assertThat(active(2, 3, 2, fresh()).isActive()).isTrue();
    }

    private static PodAutoscalerStatus fresh() {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.initializeConditions(NOW);
        return s;
    }

    private static PodAutoscalerStatus active(int want, int ready, int minReady, PodAutoscalerStatus s) {
        PodAutoscalerReconciler.computeActiveCondition(s, want, ready, minReady, NOW);
        return s;
    }

    private static String reason(PodAutoscalerStatus s) {
        return s.getCondition(PodAutoscalerConditions.ACTIVE).getReason();
    }
}
