package io.qnative.api.serving.v1;

import static io.qnative.api.serving.v1.RevisionLifecycleTest.assertCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;

/** Cases of Knative's {@code configuration_lifecycle_test.go}. */
class ConfigurationLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-26T23:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);

    @Test
    void newRevisionMakesReadyUnknownWithoutReason() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00001", T1);
        assertThat(s.getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        assertThat(s.isLatestReadyRevisionNameUpToDate()).isFalse();
    }

    @Test
    void latestReadyCatchingUpMakesReadyTrue() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00001", T1);
        s.setLatestReadyRevisionName("foo-00001", T2);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        assertThat(s.isLatestReadyRevisionNameUpToDate()).isTrue();
        assertThat(s.getCondition(Condition.READY).getLastTransitionTime()).isEqualTo("2026-11-26T23:00:20Z");
    }

    @Test
    void olderReadyRevisionDoesNotMakeReady() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00001", T0);
        s.setLatestReadyRevisionName("foo-00001", T0);
        s.setLatestCreatedRevisionName("foo-00002", T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        s.setLatestReadyRevisionName("foo-00001", T2);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        assertThat(s.getLatestReadyRevisionName()).isEqualTo("foo-00001");
    }

    @Test
    void latestCreatedFailed() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00002", T1);
        s.markLatestCreatedFailed("foo-00002", "Container failed with: boom", T2);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionFailed");
        assertThat(s.getCondition(Condition.READY).getMessage())
                .isEqualTo("Revision \"foo-00002\" failed with message: Container failed with: boom.");
    }

    @Test
    void revisionCreationFailed() {
        ConfigurationStatus s = fresh();
        s.markRevisionCreationFailed("revisions.serving.knative.dev \"byo\" already exists", T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionFailed");
        assertThat(s.getCondition(Condition.READY).getMessage()).isEqualTo(
                "Revision creation failed with message: revisions.serving.knative.dev \"byo\" already exists.");
    }

    @Test
    void latestReadyDeleted() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00001", T0);
        s.setLatestReadyRevisionName("foo-00001", T0);
        s.markLatestReadyDeleted(T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionDeleted");
        assertThat(s.getCondition(Condition.READY).getMessage()).isEqualTo("Revision \"foo-00001\" was deleted.");
    }

    @Test
    void failureThenRecovery() {
        ConfigurationStatus s = fresh();
        s.setLatestCreatedRevisionName("foo-00001", T0);
        s.markLatestCreatedFailed("foo-00001", "boom", T0);
        s.setLatestCreatedRevisionName("foo-00002", T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        s.setLatestReadyRevisionName("foo-00002", T2);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
    }

    static ConfigurationStatus fresh() {
        ConfigurationStatus s = new ConfigurationStatus();
        s.initializeConditions(T0);
        return s;
    }
}
