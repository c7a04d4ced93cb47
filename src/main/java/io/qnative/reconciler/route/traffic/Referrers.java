package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;

/**
 * Which Routes a changed Configuration or Revision concerns (what Knative's tracker answers for the Route
 * reconciler and the labeler), computed from the Routes' own traffic so that objects named before they exist are
 * covered too:
 *
 * <ul>
 *   <li>a Configuration: named by a spec target's {@code configurationName}, or the labelled Configuration of a
 *       Revision named by a spec or status target (it must exist for that target to resolve);</li>
 *   <li>a Revision: named by a spec or status target's {@code revisionName}, or its labelled Configuration named by
 *       a spec target's {@code configurationName} (its latest ready or created Revision may be this one).</li>
 * </ul>
 */
public final class Referrers {

    private Referrers() {
    }

    /** Whether the Route refers to Configuration {@code name}. */
    public static boolean refersToConfiguration(Route route, String name,
            Function<String, Optional<Revision>> revisions) {
        for (TrafficTarget t : spec(route)) {
            if (name.equals(t.getConfigurationName())) {
                return true;
            }
        }
        for (TrafficTarget t : specAndStatus(route)) {
            if (notEmpty(t.getRevisionName()) && revisions.apply(t.getRevisionName())
                    .map(r -> name.equals(label(r, ServingKeys.CONFIGURATION))).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Route refers to {@code revision}. */
    public static boolean refersToRevision(Route route, Revision revision) {
        String name = revision.getMetadata().getName();
        String config = label(revision, ServingKeys.CONFIGURATION);
        for (TrafficTarget t : specAndStatus(route)) {
            if (name.equals(t.getRevisionName())) {
                return true;
            }
        }
        for (TrafficTarget t : spec(route)) {
            if (config != null && config.equals(t.getConfigurationName())) {
                return true;
            }
        }
        return false;
    }

    private static List<TrafficTarget> spec(Route route) {
        return route.getSpec() == null || route.getSpec().getTraffic() == null ? List.of()
                : route.getSpec().getTraffic().stream().filter(Objects::nonNull).toList();
    }

    private static List<TrafficTarget> specAndStatus(Route route) {
        List<TrafficTarget> all = new ArrayList<>(spec(route));
        if (route.getStatus() != null && route.getStatus().getTraffic() != null) {
            route.getStatus().getTraffic().stream().filter(Objects::nonNull).forEach(all::add);
        }
        return all;
    }

    private static String label(Revision r, String key) {
        Map<String, String> labels = r.getMetadata() == null ? null : r.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
