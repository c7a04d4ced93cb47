package io.qnative.reconciler.route.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gradual-rollout state of a Route (Knative {@code traffic/rollout.go}), serialized into the KIngress annotation
 * {@code networking.internal.knative.dev/rollout}. Configurations are sorted by tag, then name.
 *
 * <p>Each reconcile builds the desired (steady-state) rollout from the traffic ({@link TrafficConfig#buildRollout()})
 * and {@link #step steps} it from the previous one read back from the KIngress: a new latest Revision starts at 1%
 * and, once the KIngress is ready ({@link #observeReady}), receives equal steps spread over {@code rollout-duration}.
 * Time is a parameter (Unix nanoseconds in the JSON, as Knative writes it). {@link #step} and {@link #observeReady}
 * return new values: neither changes its arguments or {@code this}.
 */
public final class Rollout {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Comparator<ConfigurationRollout> ORDER = Comparator
            .comparing((ConfigurationRollout c) -> c.tag).thenComparing(c -> c.configurationName);

    /** Sorted by tag, then Configuration name. */
    @JsonProperty("configurations")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ConfigurationRollout> configurations = new ArrayList<>();

    /** An empty rollout (serializes as {@code {}}). */
    public Rollout() {
    }

    /** A rollout of these configurations, sorted. */
    public static Rollout of(List<ConfigurationRollout> configurations) {
        Rollout r = new Rollout();
        r.configurations.addAll(configurations);
        r.sort();
        return r;
    }

    /** The annotation value: compact JSON in Knative's field order. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize rollout", e);
        }
    }

    /** Parses an annotation value; empty when absent, malformed or inconsistent ({@link #validate()}). */
    public static Optional<Rollout> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return Optional.empty();
        }
        try {
            Rollout r = JSON.readValue(json, Rollout.class);
            if (r.configurations == null) {
                r.configurations = new ArrayList<>();
            }
            return r.validate() ? Optional.of(r) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The rollouts of one tag ({@code RolloutsByTag}). */
    public List<ConfigurationRollout> byTag(String tag) {
        List<ConfigurationRollout> out = new ArrayList<>();
        for (ConfigurationRollout c : configurations) {
            if (c.tag.equals(tag)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether no Configuration is mid-rollout. */
    public boolean done() {
        return configurations.stream().allMatch(ConfigurationRollout::done);
    }

    /** Knative's consistency check after reading the annotation. */
    public boolean validate() {
        for (ConfigurationRollout c : configurations) {
            if (c == null || c.percent > 100 || c.stepParams == null || c.stepParams.stepSize < 0
                    || c.stepParams.stepSize > c.percent || c.revisions == null) {
                return false;
            }
            int total = 0;
            for (RevisionRollout r : c.revisions) {
                total += r.percent();
            }
            if (total != c.percent) {
                return false;
            }
        }
        return true;
    }

    /**
     * This rollout with the step size and timing of every Configuration that has started but not yet measured how
     * long its first 1% took ({@code ObserveReady}); call when the KIngress reports Ready. This rollout is unchanged.
     */
    public Rollout observeReady(Instant now, Duration rolloutDuration) {
        long nowTs = nanos(now);
        double durationSecs = rolloutDuration.toNanos() / 1e9;
        List<ConfigurationRollout> observed = new ArrayList<>();
        for (ConfigurationRollout c : configurations) {
            ConfigurationRollout copy = c.copy();
            if (c.stepParams.stepDuration == 0 && c.stepParams.startTime > 0) {
                double firstStepSecs = Math.max(1, Math.ceil((nowTs - c.stepParams.startTime) / 1e9));
                copy.stepParams = timedSteps(c, nowTs, firstStepSecs, durationSecs);
            }
            observed.add(copy);
        }
        return of(observed);
    }

    /**
     * Merges this desired rollout with the previous state ({@code Step}); neither input is changed.
     *
     * @return the next rollout and the Unix-nanosecond time of the next step, 0 when nothing is scheduled
     */
    public Step step(Rollout previous, Instant now) {
        if (previous == null || previous.configurations.isEmpty()) {
            return new Step(this, 0);
        }
        long nowTs = nanos(now);
        Map<String, List<ConfigurationRollout>> previousByTag = byTagCopies(previous);
        List<ConfigurationRollout> next = new ArrayList<>();
        long nextStepTime = Long.MAX_VALUE;
        for (Map.Entry<String, List<ConfigurationRollout>> tag : byTagCopies(this).entrySet()) {
            List<ConfigurationRollout> previousOfTag = previousByTag.get(tag.getKey());
            if (previousOfTag == null) {
                next.add(tag.getValue().get(0));
                continue;
            }
            TagStep stepped = stepTag(tag.getValue(), previousOfTag, nowTs);
            next.addAll(stepped.rollouts());
            nextStepTime = Math.min(nextStepTime, stepped.nextStepTime());
        }
        return new Step(of(next), nextStepTime == Long.MAX_VALUE ? 0 : nextStepTime);
    }

    /**
     * The result of {@link #step}.
     *
     * @param rollout the rollout to write to the KIngress
     * @param nextStepTime Unix nanoseconds of the next scheduled step, 0 if none
     */
    public record Step(Rollout rollout, long nextStepTime) {
    }

    /** One tag's stepped Configurations and the earliest next step among them ({@code Long.MAX_VALUE}: none). */
    private record TagStep(List<ConfigurationRollout> rollouts, long nextStepTime) {
    }

    /**
     * Walks one tag's desired and previous Configurations, both sorted by name: a Configuration in both is stepped,
     * one only desired joins as it is (unless at 0%), one only previous is dropped.
     */
    private static TagStep stepTag(List<ConfigurationRollout> desired, List<ConfigurationRollout> previous, long now) {
        List<ConfigurationRollout> out = new ArrayList<>();
        long nextStepTime = Long.MAX_VALUE;
        int d = 0;
        int p = 0;
        while (d < desired.size()) {
            ConfigurationRollout goal = desired.get(d);
            if (p >= previous.size()) {
                out.add(goal);
                d++;
                continue;
            }
            int order = goal.configurationName.compareTo(previous.get(p).configurationName);
            if (order == 0) {
                if (goal.percent > 1) {
                    ConfigurationRollout stepped = stepConfiguration(goal, previous.get(p), now);
                    out.add(stepped);
                    if (stepped.stepParams.nextStepTime > 0) {
                        nextStepTime = Math.min(nextStepTime, stepped.stepParams.nextStepTime);
                    }
                } else if (goal.percent == 1) {
                    out.add(goal);
                }
                d++;
                p++;
            } else if (order < 0) {
                if (goal.percent != 0) {
                    out.add(goal);
                }
                d++;
            } else {
                p++;
            }
        }
        return new TagStep(out, nextStepTime);
    }

    /**
     * One Configuration's next state ({@code stepConfig}): the previous Revisions scaled to the goal's total; if
     * the goal's Revision is already the newest, the rollout in progress continues (one step when due); otherwise
     * a new rollout starts with 1% taken from the newest previous Revision.
     */
    private static ConfigurationRollout stepConfiguration(ConfigurationRollout goal, ConfigurationRollout previous,
            long now) {
        List<RevisionRollout> previousRevisions = previous.revisions.isEmpty() ? List.of()
                : adjustPercentage(goal.percent, previous);
        String goalRevision = goal.revisions.get(0).revisionName();
        // Knative indexes the pre-adjustment length here; the last element is the same one either way.
        if (previousRevisions.isEmpty()
                || goalRevision.equals(previousRevisions.get(previousRevisions.size() - 1).revisionName())) {
            if (previousRevisions.size() < 2) {
                return with(goal, goal.revisions, new RolloutParams());
            }
            ConfigurationRollout continuing = with(goal, previousRevisions, previous.stepParams.copy());
            return continuing.stepParams.stepSize > 0 ? stepRevisions(continuing, now) : continuing;
        }
        RolloutParams started = new RolloutParams();
        started.startTime = now;
        return with(goal, startRevision(previousRevisions, goalRevision), started);
    }

    /** The previous Revisions without the ones at 0%, 1% less on the newest that has any, then the new one at 1%. */
    private static List<RevisionRollout> startRevision(List<RevisionRollout> previous, String revision) {
        List<RevisionRollout> revisions = new ArrayList<>(previous);
        for (int i = revisions.size() - 1; i >= 0; i--) {
            RevisionRollout r = revisions.get(i);
            if (r.percent() > 0) {
                revisions.set(i, new RevisionRollout(r.revisionName(), r.percent() - 1));
                break;
            }
        }
        revisions.removeIf(r -> r.percent() == 0);
        revisions.add(new RevisionRollout(revision, 1));
        return revisions;
    }

    /**
     * The Revisions of {@code rollout} moved to a new Configuration total {@code goal}: an increase goes to the newest
     * Revision, a decrease comes off the oldest ones first. {@code rollout} is unchanged.
     */
    static List<RevisionRollout> adjustPercentage(int goal, ConfigurationRollout rollout) {
        if (goal == 0) {
            return new ArrayList<>();
        }
        List<RevisionRollout> revisions = new ArrayList<>(rollout.revisions);
        int increase = goal - rollout.percent;
        if (increase > 0) {
            RevisionRollout newest = revisions.get(revisions.size() - 1);
            revisions.set(revisions.size() - 1, new RevisionRollout(newest.revisionName(), newest.percent() + increase));
            return revisions;
        }
        int toRemove = -increase;
        int oldestKept = 0;
        while (toRemove > 0 && oldestKept < revisions.size()) {
            RevisionRollout r = revisions.get(oldestKept);
            if (r.percent() > toRemove) {
                revisions.set(oldestKept, new RevisionRollout(r.revisionName(), r.percent() - toRemove));
                break;
            }
            toRemove -= r.percent();
            oldestKept++;
        }
        return new ArrayList<>(revisions.subList(oldestKept, revisions.size()));
    }

    /**
     * {@code rollout} after one step, when due: {@code stepSize} percent moves from the newest older Revisions to the
     * latest one; Revisions left at 0% drop out. {@code rollout} is unchanged.
     */
    static ConfigurationRollout stepRevisions(ConfigurationRollout rollout, long now) {
        RolloutParams params = rollout.stepParams;
        if (now < params.nextStepTime || rollout.revisions.size() < 2) {
            return rollout;
        }
        List<RevisionRollout> revisions = new ArrayList<>(rollout.revisions);
        int last = revisions.size() - 1;
        int remaining = params.stepSize;
        int latestAt = last;
        int from = last - 1;
        while (remaining > 0 && from >= 0) {
            RevisionRollout r = revisions.get(from);
            if (r.percent() > remaining) {
                revisions.set(from, new RevisionRollout(r.revisionName(), r.percent() - remaining));
                break;
            }
            remaining -= r.percent();
            latestAt--;
            from--;
        }
        RevisionRollout latest = revisions.get(last);
        revisions.set(latestAt, new RevisionRollout(latest.revisionName(),
                Math.min(latest.percent() + params.stepSize, rollout.percent)));
        List<RevisionRollout> kept = new ArrayList<>(revisions.subList(0, latestAt + 1));
        RolloutParams next = new RolloutParams();
        if (kept.size() > 1) {
            next = params.copy();
            next.nextStepTime = now + params.stepDuration;
        }
        return with(rollout, kept, next);
    }

    /**
     * The step parameters of {@code c} once its first 1% took {@code firstStepSecs}: the remaining percent spread in
     * equal steps over what is left of {@code durationSecs} ({@code computeProperties}).
     */
    static RolloutParams timedSteps(ConfigurationRollout c, double now, double firstStepSecs, double durationSecs) {
        double duration = Math.max(1, durationSecs - firstStepSecs);
        double numSteps = Math.max(1, duration / firstStepSecs);
        double remainingPercent = c.percent - 1;
        if (remainingPercent < numSteps) {
            numSteps = remainingPercent;
        }
        // Go's math.Round: halves away from zero (the ratio is positive here).
        double stepSize = Math.floor(remainingPercent / numSteps + 0.5);
        double stepDuration = duration / numSteps * 1e9;
        RolloutParams params = c.stepParams.copy();
        params.stepDuration = (long) stepDuration;
        params.stepSize = (int) stepSize;
        params.nextStepTime = (long) (now + stepDuration);
        return params;
    }

    /** A Configuration rollout with {@code like}'s name, tag and total, and these Revisions and parameters. */
    private static ConfigurationRollout with(ConfigurationRollout like, List<RevisionRollout> revisions,
            RolloutParams params) {
        ConfigurationRollout c = new ConfigurationRollout();
        c.configurationName = like.configurationName;
        c.tag = like.tag;
        c.percent = like.percent;
        c.revisions = revisions;
        c.stepParams = params;
        return c;
    }

    private static Map<String, List<ConfigurationRollout>> byTagCopies(Rollout r) {
        Map<String, List<ConfigurationRollout>> out = new LinkedHashMap<>();
        for (ConfigurationRollout c : r.configurations) {
            out.computeIfAbsent(c.tag, t -> new ArrayList<>()).add(c.copy());
        }
        return out;
    }

    /** Unix nanoseconds. */
    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private void sort() {
        configurations.sort(ORDER);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rollout r && Objects.equals(configurations, r.configurations);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(configurations);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
