package io.qnative.api.duck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.networking.v1alpha1.CertificateStatus;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.RevisionConditions;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.ServiceStatus;
import io.qnative.api.serving.v1beta1.DomainMappingStatus;

/** The condition set derives Ready as knative.dev/pkg's {@code apis/condition_set.go} does. */
class ConditionSetTest {

    static final ConditionSet SET = ConditionSet.living("A", "B");
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.750Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);
    static final Instant T3 = T0.plusSeconds(30);
    static final String S0 = "2024-05-01T10:00:00Z";
    static final String S1 = "2024-05-01T10:00:10Z";
    static final String S2 = "2024-05-01T10:00:20Z";

    static Status initialized() {
        Status s = new Status();
        SET.manage(s, T0).initializeConditions();
        return s;
    }

    static Condition cond(String type, String status, String reason, String message, String time) {
        Condition c = new Condition(type, status, null, reason, message);
        c.setLastTransitionTime(time);
        return c;
    }

    static List<String> types(Status s) {
        return s.getConditions().stream().map(Condition::getType).toList();
    }

    @Test
    void initializeAddsReadyAndDependentsAsUnknownSortedWithOneTimestamp() {
        Status s = initialized();
        assertThat(s.getConditions()).containsExactly(
                cond("A", "Unknown", null, null, S0),
                cond("B", "Unknown", null, null, S0),
                cond("Ready", "Unknown", null, null, S0));
    }

    @Test
    void initializeLeavesPresentConditionsAlone() {
        Status s = new Status();
        s.setConditions(List.of(cond("Ready", "False", "Broken", "m", S1), cond("A", "True", null, null, S1)));
        SET.manage(s, T2).initializeConditions();
        assertThat(s.getConditions()).containsExactly(
                cond("A", "True", null, null, S1),
                cond("B", "Unknown", null, null, S2),
                cond("Ready", "False", "Broken", "m", S1));
    }

    @Test
    void initializeWithReadyTrueMakesMissingDependentsTrue() {
        Status s = new Status();
        s.setConditions(List.of(cond("Ready", "True", null, null, S0)));
        SET.manage(s, T1).initializeConditions();
        assertThat(s.getCondition("A").getStatus()).isEqualTo("True");
        assertThat(s.getCondition("B").getStatus()).isEqualTo("True");
    }

    @Test
    void dependentFalseMakesReadyFalseWithItsReasonAndMessage() {
        Status s = initialized();
        SET.manage(s, T1).markFalse("A", "Broken", "A is broken");
        assertThat(s.getCondition("A")).isEqualTo(cond("A", "False", "Broken", "A is broken", S1));
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "False", "Broken", "A is broken", S1));
    }

    @Test
    void dependentUnknownMakesReadyUnknownWithItsReason() {
        Status s = initialized();
        SET.manage(s, T1).markTrue("A");
        SET.manage(s, T1).markTrue("B");
        SET.manage(s, T2).markUnknown("B", "Deploying", "rolling out");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "Unknown", "Deploying", "rolling out", S2));
    }

    @Test
    void dependentUnknownDoesNotHideAFalseDependent() {
        Status s = initialized();
        SET.manage(s, T1).markFalse("A", "Broken", "A is broken");
        SET.manage(s, T2).markUnknown("B", "Deploying", "rolling out");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "False", "Broken", "A is broken", S1));
        assertThat(s.getCondition("B")).isEqualTo(cond("B", "Unknown", "Deploying", "rolling out", S2));
    }

    @Test
    void dependentUnknownTurnsAStaleReadyFalseWhenAnotherDependentIsFalse() {
        Status s = new Status();
        s.setConditions(List.of(cond("A", "False", "Broken", "a", S0), cond("Ready", "Unknown", null, null, S0)));
        SET.manage(s, T1).markUnknown("B", "Deploying", "rolling out");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "False", "Deploying", "rolling out", S1));
    }

    @Test
    void allDependentsTrueMakeReadyTrueWithoutReason() {
        Status s = initialized();
        SET.manage(s, T1).markFalse("A", "Broken", "a");
        ConditionManager m = SET.manage(s, T2);
        m.markTrue("A");
        assertThat(m.isHappy()).isFalse();
        m.markTrue("B");
        assertThat(m.isHappy()).isTrue();
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "True", null, null, S2));
    }

    @Test
    void dependentTrueMirrorsTheMostRecentlyChangedFalseDependent() {
        ConditionSet three = ConditionSet.living("A", "B", "C");
        Status s = new Status();
        three.manage(s, T0).initializeConditions();
        three.manage(s, T1).markFalse("B", "OldFailure", "b");
        three.manage(s, T2).markFalse("A", "NewFailure", "a");
        three.manage(s, T3).markUnknown("C", "Waiting", "c");
        three.manage(s, T3).markTrue("C");
        assertThat(s.getCondition("Ready").getReason()).isEqualTo("NewFailure");
        assertThat(s.getCondition("Ready").getStatus()).isEqualTo("False");
        three.manage(s, T3.plusSeconds(10)).markTrue("A");
        assertThat(s.getCondition("Ready").getReason()).isEqualTo("OldFailure");
    }

    @Test
    void dependentTrueMirrorsTheMostRecentlyChangedUnknownDependentWhenNoneIsFalse() {
        ConditionSet three = ConditionSet.living("A", "B", "C");
        Status s = new Status();
        three.manage(s, T0).initializeConditions();
        three.manage(s, T1).markUnknown("A", "Older", "a");
        three.manage(s, T2).markUnknown("B", "Newer", "b");
        three.manage(s, T3).markTrue("C");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "Unknown", "Newer", "b", S2));
        three.manage(s, T3).markTrue("B");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "Unknown", "Older", "a", "2024-05-01T10:00:30Z"));
    }

    @Test
    void readyTrueNeedsEveryDependentPresent() {
        Status s = new Status();
        SET.manage(s, T0).markTrue("A");
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "Unknown", null, null, S0));
    }

    @Test
    void infoConditionsNeverAffectReady() {
        Status s = initialized();
        ConditionManager m = SET.manage(s, T1);
        m.markTrue("A");
        m.markTrue("B");
        m.markFalse("Active", "NoTraffic", "scaled to zero");
        m.markUnknown("Active", "Queued", "waking up");
        assertThat(s.getCondition("Active").getSeverity()).isEqualTo(Condition.SEVERITY_INFO);
        assertThat(s.getCondition("Ready")).isEqualTo(cond("Ready", "True", null, null, S1));
        SET.manage(s, T2).markTrue("A");
        assertThat(s.getCondition("Ready").isTrue()).isTrue();
    }

    @Test
    void dependentsAndReadyHaveErrorSeverity() {
        Status s = initialized();
        SET.manage(s, T1).markFalse("A", "Broken", "a");
        assertThat(s.getConditions()).allSatisfy(c -> assertThat(c.getSeverity()).isNull());
    }

    @Test
    void timestampsMoveOnlyWhenSomethingChanged() {
        Status s = initialized();
        SET.manage(s, T1).markFalse("A", "Broken", "a");
        SET.manage(s, T2).markFalse("A", "Broken", "a");
        assertThat(s.getCondition("A").getLastTransitionTime()).isEqualTo(S1);
        assertThat(s.getCondition("Ready").getLastTransitionTime()).isEqualTo(S1);
        assertThat(s.getCondition("B").getLastTransitionTime()).isEqualTo(S0);
        SET.manage(s, T2).markFalse("A", "Broken", "a, differently");
        assertThat(s.getCondition("A").getLastTransitionTime()).isEqualTo(S2);
        assertThat(s.getCondition("Ready").getLastTransitionTime()).isEqualTo(S2);
    }

    @Test
    void emptyReasonEqualsNoReason() {
        Status s = new Status();
        s.setConditions(List.of(cond("Ready", "Unknown", "", "", S0)));
        SET.manage(s, T1).setCondition(new Condition("Ready", "Unknown", null, null, null));
        assertThat(s.getCondition("Ready").getLastTransitionTime()).isEqualTo(S0);
    }

    @Test
    void conditionsStaySortedByType() {
        Status s = new Status();
        ConditionManager m = SET.manage(s, T0);
        m.markTrue("B");
        m.markFalse("Zeta", "x", "y");
        m.markTrue("A");
        m.markUnknown("Active", "q", "r");
        assertThat(types(s)).containsExactly("A", "Active", "B", "Ready", "Zeta");
    }

    @Test
    void timestampsAreWholeSecondsUtc() {
        assertThat(ConditionManager.format(Instant.parse("2024-05-01T10:00:00.999999Z"))).isEqualTo(S0);
    }

    @Test
    void clearConditionRemovesOnlyNonTerminalTypes() {
        Status s = initialized();
        ConditionManager m = SET.manage(s, T1);
        m.markFalse("Active", "NoTraffic", "x");
        m.clearCondition("Active");
        assertThat(types(s)).containsExactly("A", "B", "Ready");
        assertThatThrownBy(() -> m.clearCondition("A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownFieldsOfAnUnchangedConditionAreKept() {
        Status s = initialized();
        s.getCondition("A").setAdditionalProperty("future", "kept");
        SET.manage(s, T1).markUnknown("A", null, null);
        assertThat(s.getCondition("A").getAdditionalProperties()).containsEntry("future", "kept");
    }

    @Test
    void eachKindInitializesItsOwnConditions() {
        assertThat(initTypes(new ServiceStatus())).containsExactly("ConfigurationsReady", "Ready", "RoutesReady");
        assertThat(initTypes(new ConfigurationStatus())).containsExactly("Ready");
        assertThat(initTypes(new RevisionStatus())).containsExactly("ContainerHealthy", "Ready", "ResourcesAvailable");
        assertThat(initTypes(new RouteStatus()))
                .containsExactly("AllTrafficAssigned", "CertificateProvisioned", "IngressReady", "Ready");
        assertThat(initTypes(new DomainMappingStatus())).containsExactly("CertificateProvisioned", "DomainClaimed",
                "IngressReady", "Ready", "ReferenceResolved");
        assertThat(initTypes(new PodAutoscalerStatus()))
                .containsExactly("Active", "Ready", "SKSReady", "ScaleTargetInitialized");
        assertThat(initTypes(new IngressStatus())).containsExactly("LoadBalancerReady", "NetworkConfigured", "Ready");
        assertThat(initTypes(new CertificateStatus())).containsExactly("Ready");
    }

    @Test
    void revisionActiveIsInfo() {
        RevisionStatus s = new RevisionStatus();
        s.initializeConditions(T0);
        ConditionManager m = s.manage(T1);
        m.markTrue(RevisionConditions.RESOURCES_AVAILABLE);
        m.markTrue(RevisionConditions.CONTAINER_HEALTHY);
        m.markFalse(RevisionConditions.ACTIVE, RevisionConditions.REASON_NO_TRAFFIC, "scaled to zero");
        assertThat(m.isHappy()).isTrue();
        assertThat(s.getCondition(RevisionConditions.ACTIVE).getSeverity()).isEqualTo("Info");
    }

    private static List<String> initTypes(Status s) {
        s.initializeConditions(T0);
        assertThat(s.getConditions()).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getLastTransitionTime()).isEqualTo(S0);
        });
        return types(s);
    }
}
