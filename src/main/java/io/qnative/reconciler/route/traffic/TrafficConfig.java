package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;

/**
 * A Route's traffic resolved to Revisions ({@code traffic.Config}).
 *
 * @param targets the traffic groups by name, sorted: {@code ""} holds every target, each tag its own; within a
 *     group same-Revision entries are summed and a one-Revision group has 100%; empty when resolution failed
 * @param revisionTargets the flattened spec targets in spec order, entries equal in tag, Revision and
 *     latestRevision merged (percents summed): the source of {@code status.traffic}; empty when resolution failed
 * @param configurations every Configuration read while resolving, by name
 * @param revisions every Revision read while resolving, by name
 * @param missingTargets referenced objects that do not exist (still watched: they may appear)
 */
public record TrafficConfig(SortedMap<String, List<RevisionTarget>> targets, List<RevisionTarget> revisionTargets,
        SortedMap<String, Configuration> configurations, SortedMap<String, Revision> revisions,
        List<ObjectRef> missingTargets) {

    /** Unmodifiable copies. */
    public TrafficConfig {
        SortedMap<String, List<RevisionTarget>> t = new TreeMap<>();
        targets.forEach((k, v) -> t.put(k, List.copyOf(v)));
        targets = Collections.unmodifiableSortedMap(t);
        revisionTargets = List.copyOf(revisionTargets);
        configurations = Collections.unmodifiableSortedMap(new TreeMap<>(configurations));
        revisions = Collections.unmodifiableSortedMap(new TreeMap<>(revisions));
        missingTargets = List.copyOf(missingTargets);
    }

    /** The group names, sorted ({@code ""} first). */
    public List<String> names() {
        return new ArrayList<>(targets.keySet());
    }

    /**
     * The steady-state rollout ({@code BuildRollout}): one entry per latestRevision target with traffic, per
     * group, each with its one Revision at the whole percent; sorted by tag then Configuration.
     */
    public Rollout buildRollout() {
        List<ConfigurationRollout> out = new ArrayList<>();
        for (Map.Entry<String, List<RevisionTarget>> e : targets.entrySet()) {
            for (RevisionTarget rt : e.getValue()) {
                if (!rt.latestRevision() || rt.percent() == 0) {
                    continue;
                }
                out.add(ConfigurationRollout.of(rt.configurationName(), e.getKey(), (int) rt.percent(),
                        rt.revisionName()));
            }
        }
        return Rollout.of(out);
    }
}
