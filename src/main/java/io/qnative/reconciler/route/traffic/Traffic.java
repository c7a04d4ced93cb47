package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;

/**
 * Resolves a Route's spec traffic to Revisions ({@code BuildTrafficConfiguration}; Knative's
 * pkg/reconciler/route/traffic/traffic.go).
 *
 * <p>Per target, in spec order: a {@code revisionName} target needs the Revision to exist, to belong to the
 * Route's Service when the Route has one, to be ready, and its labelled Configuration to exist; a
 * {@code configurationName} target needs the Configuration to exist and to have a latest ready Revision that
 * exists. Every target is visited so that every referenced object is known; the error reported is the last
 * failure, else the first not-ready target. Lookups are read-only functions (an informer cache, or a map in tests).
 */
public final class Traffic {

    private Traffic() {
    }

    /**
     * The outcome of resolving.
     *
     * @param config the resolved traffic; its groups and flattened targets are empty when {@code error} is set
     * @param error the target error to mark AllTrafficAssigned with, if any
     */
    public record Resolution(TrafficConfig config, Optional<TargetError> error) {
    }

    /** Resolves the Route's {@code spec.traffic}. */
    public static Resolution resolve(Route route, Function<String, Optional<Configuration>> configurations,
            Function<String, Optional<Revision>> revisions) {
        return new Builder(route, configurations, revisions).build();
    }

    private static final class Builder {
        private final Route route;
        private final Function<String, Optional<Configuration>> configLookup;
        private final Function<String, Optional<Revision>> revLookup;
        private final Map<String, List<RevisionTarget>> targets = new LinkedHashMap<>();
        private final List<RevisionTarget> revisionTargets = new ArrayList<>();
        private final Map<String, Configuration> configurations = new TreeMap<>();
        private final Map<String, Revision> revisions = new TreeMap<>();
        private final List<ObjectRef> missing = new ArrayList<>();
        private TargetError deferred;

        Builder(Route route, Function<String, Optional<Configuration>> configs,
                Function<String, Optional<Revision>> revs) {
            this.route = route;
            this.configLookup = configs;
            this.revLookup = revs;
        }

        Resolution build() {
            List<TrafficTarget> spec = route.getSpec() == null || route.getSpec().getTraffic() == null ? List.of()
                    : route.getSpec().getTraffic();
            for (TrafficTarget tt : spec) {
                TargetError err = add(tt);
                if (err != null) {
                    if (err instanceof TargetError.Missing m) {
                        missing.add(new ObjectRef(m.kind(), m.name()));
                    }
                    if (deferred == null || err.isFailure()) {
                        deferred = err;
                    }
                }
            }
            Map<String, List<RevisionTarget>> groups = new TreeMap<>();
            if (deferred == null) {
                targets.forEach((name, tts) -> groups.put(name, consolidate(tts)));
            }
            TrafficConfig config = new TrafficConfig(new TreeMap<>(groups),
                    deferred == null ? revisionTargets : List.of(), new TreeMap<>(configurations),
                    new TreeMap<>(revisions), missing);
            return new Resolution(config, Optional.ofNullable(deferred));
        }

        private TargetError add(TrafficTarget tt) {
            if (notEmpty(tt.getRevisionName())) {
                return addRevisionTarget(tt);
            }
            if (notEmpty(tt.getConfigurationName())) {
                return addConfigurationTarget(tt);
            }
            return null;
        }

        private TargetError addConfigurationTarget(TrafficTarget tt) {
            Configuration config = configuration(tt.getConfigurationName());
            if (config == null) {
                return new TargetError.Missing(ObjectRef.CONFIGURATION, tt.getConfigurationName());
            }
            String latestReady = config.getStatus() == null ? null : config.getStatus().getLatestReadyRevisionName();
            if (!notEmpty(latestReady)) {
                return new TargetError.UnreadyConfiguration(name(config), readyIsFalse(config));
            }
            Revision rev = revision(latestReady);
            if (rev == null) {
                return new TargetError.Missing(ObjectRef.REVISION, latestReady);
            }
            addFlattened(target(tt, tt.getConfigurationName(), latestReady, rev));
            return null;
        }

        private TargetError addRevisionTarget(TrafficTarget tt) {
            Revision rev = revision(tt.getRevisionName());
            if (rev == null) {
                return new TargetError.Missing(ObjectRef.REVISION, tt.getRevisionName());
            }
            String service = label(route.getMetadata().getLabels(), ServingKeys.SERVICE);
            if (service != null && !service.equals(label(rev.getMetadata().getLabels(), ServingKeys.SERVICE))) {
                return new TargetError.RevisionNotOwned(name(rev), service);
            }
            if (!rev.isReady()) {
                return new TargetError.UnreadyRevision(name(rev), readyIsFalse(rev));
            }
            String configName = label(rev.getMetadata().getLabels(), ServingKeys.CONFIGURATION);
            if (configName != null && configuration(configName) == null) {
                return new TargetError.Missing(ObjectRef.CONFIGURATION, configName);
            }
            addFlattened(target(tt, configName, tt.getRevisionName(), rev));
            return null;
        }

        private static RevisionTarget target(TrafficTarget tt, String configName, String revName, Revision rev) {
            return new RevisionTarget(tt.getTag() == null ? "" : tt.getTag(), configName, revName,
                    Boolean.TRUE.equals(tt.getLatestRevision()), tt.getPercent() == null ? 0 : tt.getPercent(),
                    Protocol.of(rev));
        }

        private void addFlattened(RevisionTarget t) {
            mergeIfNecessary(t);
            targets.computeIfAbsent("", k -> new ArrayList<>()).add(t);
            if (!t.tag().isEmpty()) {
                targets.computeIfAbsent(t.tag(), k -> new ArrayList<>()).add(t);
            }
        }

        /** Entries equal in tag, Revision and latestRevision become one with the summed percent. */
        private void mergeIfNecessary(RevisionTarget t) {
            for (int i = 0; i < revisionTargets.size(); i++) {
                RevisionTarget r = revisionTargets.get(i);
                if (r.tag().equals(t.tag()) && r.revisionName().equals(t.revisionName())
                        && r.latestRevision() == t.latestRevision()) {
                    revisionTargets.set(i, r.withPercent(r.percent() + t.percent()));
                    return;
                }
            }
            revisionTargets.add(t);
        }

        private Configuration configuration(String name) {
            Configuration c = configurations.get(name);
            if (c == null) {
                c = configLookup.apply(name).orElse(null);
                if (c != null) {
                    configurations.put(name, c);
                }
            }
            return c;
        }

        private Revision revision(String name) {
            Revision r = revisions.get(name);
            if (r == null) {
                r = revLookup.apply(name).orElse(null);
                if (r != null) {
                    revisions.put(name, r);
                }
            }
            return r;
        }
    }

    /** Same-Revision entries summed (first one's other fields kept); a single Revision gets 100%. */
    static List<RevisionTarget> consolidate(List<RevisionTarget> tts) {
        Map<String, RevisionTarget> byName = new LinkedHashMap<>();
        for (RevisionTarget t : tts) {
            byName.merge(t.revisionName(), t, (cur, add) -> cur.withPercent(cur.percent() + add.percent()));
        }
        List<RevisionTarget> out = new ArrayList<>(byName.values());
        if (out.size() == 1) {
            out.set(0, out.get(0).withPercent(100));
        }
        return out;
    }

    private static boolean readyIsFalse(io.qnative.api.duck.KnativeObject<?, ?> o) {
        Condition c = o.getStatus() == null ? null : o.getStatus().getCondition(Condition.READY);
        return c != null && c.isFalse();
    }

    private static String name(io.qnative.api.duck.KnativeObject<?, ?> o) {
        return o.getMetadata().getName();
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
