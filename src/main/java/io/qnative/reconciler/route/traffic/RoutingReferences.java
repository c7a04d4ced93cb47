package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;

/**
 * What the routing-state labeler marks for a Route (Knative's labeler {@code syncRoutingMeta}):
 * the existing Revisions named in {@code status.traffic} and {@code spec.traffic}, the Configurations controlling
 * them and those named in spec (if they exist), and, for {@code latestRevision} targets, each such Configuration's
 * {@code latestCreatedRevisionName} so a new Revision turns {@code active} before it is ready.
 *
 * @param configurations Configuration names, sorted
 * @param revisions Revision names, sorted
 */
public record RoutingReferences(SortedSet<String> configurations, SortedSet<String> revisions) {

    /** Unmodifiable sorted copies. */
    public RoutingReferences {
        configurations = Collections.unmodifiableSortedSet(new TreeSet<>(configurations));
        revisions = Collections.unmodifiableSortedSet(new TreeSet<>(revisions));
    }

    /** Computes the references of a Route from read-only lookups; missing objects are skipped. */
    public static RoutingReferences of(Route route, Function<String, Optional<Configuration>> configurations,
            Function<String, Optional<Revision>> revisions) {
        SortedSet<String> configs = new TreeSet<>();
        SortedSet<String> revs = new TreeSet<>();
        List<TrafficTarget> all = new ArrayList<>();
        if (route.getStatus() != null && route.getStatus().getTraffic() != null) {
            all.addAll(route.getStatus().getTraffic());
        }
        if (route.getSpec() != null && route.getSpec().getTraffic() != null) {
            all.addAll(route.getSpec().getTraffic());
        }
        for (TrafficTarget tt : all) {
            String configName = tt.getConfigurationName();
            if (notEmpty(tt.getRevisionName())) {
                Optional<Revision> rev = revisions.apply(tt.getRevisionName());
                if (rev.isEmpty()) {
                    continue;
                }
                revs.add(tt.getRevisionName());
                String owner = controllingConfiguration(rev.get());
                if (owner != null) {
                    configName = owner;
                }
            }
            if (notEmpty(configName)) {
                Optional<Configuration> config = configurations.apply(configName);
                if (config.isEmpty()) {
                    continue;
                }
                configs.add(configName);
                String latestCreated = config.get().getStatus() == null ? null
                        : config.get().getStatus().getLatestCreatedRevisionName();
                if (notEmpty(latestCreated) && Boolean.TRUE.equals(tt.getLatestRevision())) {
                    revs.add(latestCreated);
                }
            }
        }
        return new RoutingReferences(configs, revs);
    }

    private static String controllingConfiguration(Revision rev) {
        if (rev.getMetadata() == null || rev.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference o : rev.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(o.getController())) {
                return "Configuration".equals(o.getKind()) ? o.getName() : null;
            }
        }
        return null;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
