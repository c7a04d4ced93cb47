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
 * never change their arguments' state except {@code this} for {@code observeReady}.
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
     * Computes the step size and timing of rollouts that have started but not yet measured how long the first 1%
     * took ({@code ObserveReady}); call when the KIngress reports Ready. Changes this rollout.
     */
    public void observeReady(Instant now, Duration rolloutDuration) {
        long nowTs = nanos(now);
        double durationSecs = rolloutDuration.toNanos() / 1e9;
        for (ConfigurationRollout c : configurations) {
            if (c.stepParams.stepDuration == 0 && c.stepParams.startTime > 0) {
                double minStepSec = Math.max(1, Math.ceil((nowTs - c.stepParams.startTime) / 1e9));
                computeProperties(c, nowTs, minStepSec, durationSecs);
            }
        }
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
        Map<String, List<ConfigurationRollout>> cur = byTagCopies(this);
        Map<String, List<ConfigurationRollout>> prev = byTagCopies(previous);
        List<ConfigurationRollout> ret = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Map.Entry<String, List<ConfigurationRollout>> e : cur.entrySet()) {
            List<ConfigurationRollout> ccfgs = e.getValue();
            List<ConfigurationRollout> pcfgs = prev.get(e.getKey());
            if (pcfgs == null) {
                ret.add(ccfgs.get(0));
                continue;
            }
            int i = 0;
            int j = 0;
            while (i < ccfgs.size()) {
                ConfigurationRollout c = ccfgs.get(i);
                if (j >= pcfgs.size()) {
                    ret.add(c);
                    i++;
                    continue;
                }
                int cmp = c.configurationName.compareTo(pcfgs.get(j).configurationName);
                if (cmp == 0) {
                    if (c.percent > 1) {
                        ConfigurationRollout sc = stepConfig(c, pcfgs.get(j), nowTs);
                        ret.add(sc);
                        long nst = sc.stepParams.nextStepTime;
                        if (nst > 0 && nst < next) {
                            next = nst;
                        }
                    } else if (c.percent == 1) {
                        ret.add(c);
                    }
                    i++;
                    j++;
                } else if (cmp < 0) {
                    if (c.percent != 0) {
                        ret.add(c);
                    }
                    i++;
                } else {
                    j++;
                }
            }
        }
        return new Step(of(ret), next == Long.MAX_VALUE ? 0 : next);
    }

    /**
     * The result of {@link #step}.
     *
     * @param rollout the rollout to write to the KIngress
     * @param nextStepTime Unix nanoseconds of the next scheduled step, 0 if none
     */
    public record Step(Rollout rollout, long nextStepTime) {
    }

    private static ConfigurationRollout stepConfig(ConfigurationRollout goal, ConfigurationRollout prev, long nowTs) {
        ConfigurationRollout ret = new ConfigurationRollout();
        ret.configurationName = goal.configurationName;
        ret.tag = goal.tag;
        ret.percent = goal.percent;
        ret.revisions = goal.revisions;
        if (!prev.revisions.isEmpty()) {
            adjustPercentage(goal.percent, prev);
        }
        // Knative indexes the pre-adjustment length here; the last element is the same one either way.
        if (prev.revisions.isEmpty() || goal.revisions.get(0).revisionName()
                .equals(prev.revisions.get(prev.revisions.size() - 1).revisionName())) {
            if (prev.revisions.size() > 1) {
                ret.revisions = prev.revisions;
                ret.stepParams = prev.stepParams;
                if (ret.stepParams.stepSize > 0) {
                    stepRevisions(ret, nowTs);
                }
            }
            return ret;
        }
        ret.stepParams.startTime = nowTs;
        for (int i = prev.revisions.size() - 1; i >= 0; i--) {
            RevisionRollout r = prev.revisions.get(i);
            if (r.percent() > 0) {
                r.setPercent(r.percent() - 1);
                break;
            }
        }
        List<RevisionRollout> out = new ArrayList<>();
        for (RevisionRollout r : prev.revisions) {
            if (r.percent() != 0) {
                out.add(r);
            }
        }
        out.add(new RevisionRollout(goal.revisions.get(0).revisionName(), 1));
        ret.revisions = out;
        return ret;
    }

    /** Moves a changed Configuration total onto the newest Revision (more) or off the oldest ones (less). */
    static void adjustPercentage(int goal, ConfigurationRollout cr) {
        int diff = goal - cr.percent;
        if (goal == 0) {
            cr.revisions = new ArrayList<>();
        } else if (diff > 0) {
            RevisionRollout last = cr.revisions.get(cr.revisions.size() - 1);
            last.setPercent(last.percent() + diff);
        } else if (diff < 0) {
            diff = -diff;
            int i = 0;
            while (diff > 0 && i < cr.revisions.size()) {
                RevisionRollout r = cr.revisions.get(i);
                if (r.percent() > diff) {
                    r.setPercent(r.percent() - diff);
                    break;
                }
                diff -= r.percent();
                i++;
            }
            cr.revisions = new ArrayList<>(cr.revisions.subList(i, cr.revisions.size()));
        }
    }

    /** One step: {@code stepSize} percent moves from the newest older Revisions to the latest one. */
    static void stepRevisions(ConfigurationRollout goal, long nowTs) {
        if (nowTs < goal.stepParams.nextStepTime || goal.revisions.size() < 2) {
            return;
        }
        List<RevisionRollout> revs = goal.revisions;
        int revLen = revs.size();
        int remaining = goal.stepParams.stepSize;
        int writePos = revLen - 1;
        int readPos = revLen - 2;
        while (remaining > 0 && readPos >= 0) {
            RevisionRollout r = revs.get(readPos);
            if (r.percent() > remaining) {
                r.setPercent(r.percent() - remaining);
                break;
            }
            remaining -= r.percent();
            writePos--;
            readPos--;
        }
        RevisionRollout latest = revs.get(revLen - 1).copy();
        latest.setPercent(Math.min(latest.percent() + goal.stepParams.stepSize, goal.percent));
        revs.set(writePos, latest);
        goal.revisions = new ArrayList<>(revs.subList(0, writePos + 1));
        if (goal.revisions.size() > 1) {
            goal.stepParams.nextStepTime = nowTs + goal.stepParams.stepDuration;
        } else {
            goal.stepParams = new RolloutParams();
        }
    }

    /** Number of steps, step size and the time between steps once the first 1% took {@code minStepSec}. */
    static void computeProperties(ConfigurationRollout c, double nowTs, double minStepSec, double durationSecs) {
        double duration = Math.max(1, durationSecs - minStepSec);
        double numSteps = Math.max(1, duration / minStepSec);
        double remPercent = c.percent - 1;
        if (remPercent < numSteps) {
            numSteps = remPercent;
        }
        // Go's math.Round: halves away from zero (the ratio is positive here).
        double stepSize = Math.floor(remPercent / numSteps + 0.5);
        double stepDuration = duration / numSteps * 1e9;
        c.stepParams.stepDuration = (long) stepDuration;
        c.stepParams.stepSize = (int) stepSize;
        c.stepParams.nextStepTime = (long) (nowTs + stepDuration);
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
