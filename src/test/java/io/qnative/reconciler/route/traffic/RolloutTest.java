package io.qnative.reconciler.route.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rollout state machine and its annotation JSON (Knative's {@code rollout.go} / {@code rollout_test.go}). */
class RolloutTest {

    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    static ConfigurationRollout cr(String config, String tag, int percent, Object... revPercent) {
        ConfigurationRollout c = new ConfigurationRollout();
        c.configurationName = config;
        c.tag = tag;
        c.percent = percent;
        c.revisions = new ArrayList<>();
        for (int i = 0; i < revPercent.length; i += 2) {
            c.revisions.add(new RevisionRollout((String) revPercent[i], (Integer) revPercent[i + 1]));
        }
        return c;
    }

    @Test
    void jsonRoundTripAndEmpty() {
        assertThat(new Rollout().toJson()).isEqualTo("{}");
        Rollout r = Rollout.of(List.of(cr("b", "", 100, "b-1", 100), cr("a", "t", 100, "a-1", 100)));
        String json = r.toJson();
        assertThat(json).isEqualTo("{\"configurations\":[{\"configurationName\":\"b\",\"percent\":100,\"revisions\":"
                + "[{\"revisionName\":\"b-1\",\"percent\":100}],\"stepParams\":{}},{\"configurationName\":\"a\","
                + "\"tag\":\"t\",\"percent\":100,\"revisions\":[{\"revisionName\":\"a-1\",\"percent\":100}],"
                + "\"stepParams\":{}}]}");
        assertThat(Rollout.fromJson(json)).contains(r);
        assertThat(Rollout.fromJson("{\"configurations\":[{\"configurationName\":\"a\",\"percent\":100,"
                + "\"revisions\":[{\"revisionName\":\"a-1\",\"percent\":90}]}]}")).isEmpty();
        assertThat(Rollout.fromJson("not json")).isEmpty();
        assertThat(Rollout.fromJson("")).isEmpty();
    }

    @Test
    void newRevisionStartsAtOnePercent() {
        Rollout prev = Rollout.of(List.of(cr("c", "", 100, "c-1", 100)));
        Rollout goal = Rollout.of(List.of(cr("c", "", 100, "c-2", 100)));
        Rollout.Step step = goal.step(prev, T0);
        ConfigurationRollout c = step.rollout().configurations.get(0);
        assertThat(c.revisions).containsExactly(new RevisionRollout("c-1", 99), new RevisionRollout("c-2", 1));
        assertThat(c.stepParams.startTime).isEqualTo(Rollout.nanos(T0));
        assertThat(step.nextStepTime()).isZero();
        assertThat(step.rollout().done()).isFalse();
        assertThat(prev.configurations.get(0).revisions).containsExactly(new RevisionRollout("c-1", 100));
    }

    @Test
    void observeReadyComputesStepsAndStepsMoveTraffic() {
        Rollout prev = Rollout.of(List.of(cr("c", "", 100, "c-1", 100)));
        Rollout goal = Rollout.of(List.of(cr("c", "", 100, "c-2", 100)));
        Rollout begun = goal.step(prev, T0).rollout();
        // The first 1% took 10 s; 100 s in total: 90 s left in 9 steps of 11%.
        Rollout started = begun.observeReady(T0.plusSeconds(10), Duration.ofSeconds(100));
        assertThat(begun.configurations.get(0).stepParams.stepSize).as("observeReady leaves its input").isZero();
        RolloutParams p = started.configurations.get(0).stepParams;
        assertThat(p.stepSize).isEqualTo(11);
        assertThat(p.stepDuration).isEqualTo(10_000_000_000L);
        assertThat(p.nextStepTime).isEqualTo(Rollout.nanos(T0.plusSeconds(20)));

        Rollout.Step early = goal.step(started, T0.plusSeconds(15));
        assertThat(early.rollout().configurations.get(0).revisions).containsExactly(
                new RevisionRollout("c-1", 99), new RevisionRollout("c-2", 1));
        assertThat(early.nextStepTime()).isEqualTo(Rollout.nanos(T0.plusSeconds(20)));

        Rollout.Step second = goal.step(started, T0.plusSeconds(20));
        assertThat(second.rollout().configurations.get(0).revisions).containsExactly(
                new RevisionRollout("c-1", 88), new RevisionRollout("c-2", 12));
        assertThat(second.nextStepTime()).isEqualTo(Rollout.nanos(T0.plusSeconds(30)));

        Rollout last = Rollout.of(List.of(cr("c", "", 100, "c-1", 5, "c-2", 95)));
        last.configurations.get(0).stepParams = p.copy();
        Rollout.Step done = goal.step(last, T0.plusSeconds(500));
        assertThat(done.rollout().configurations.get(0).revisions).containsExactly(new RevisionRollout("c-2", 100));
        assertThat(done.rollout().configurations.get(0).stepParams).isEqualTo(new RolloutParams());
        assertThat(done.rollout().done()).isTrue();
        assertThat(done.nextStepTime()).isZero();
    }

    @Test
    void percentChangesAdjustOldestFirstAndNewTagsOrConfigsJoinAsIs() {
        ConfigurationRollout c = cr("c", "", 60, "c-1", 40, "c-2", 20);
        assertThat(Rollout.adjustPercentage(15, c)).containsExactly(new RevisionRollout("c-2", 15));
        assertThat(Rollout.adjustPercentage(70, c)).containsExactly(new RevisionRollout("c-1", 40),
                new RevisionRollout("c-2", 30));
        assertThat(c.revisions).as("unchanged").containsExactly(new RevisionRollout("c-1", 40),
                new RevisionRollout("c-2", 20));

        Rollout prev = Rollout.of(List.of(cr("c", "", 100, "c-1", 100)));
        Rollout goal = Rollout.of(List.of(cr("c", "", 50, "c-1", 50), cr("b", "", 50, "b-1", 50),
                cr("c", "x", 100, "c-1", 100)));
        assertThat(goal.step(prev, T0).rollout()).isEqualTo(goal);
        assertThat(goal.step(null, T0).rollout()).isSameAs(goal);
    }
}
