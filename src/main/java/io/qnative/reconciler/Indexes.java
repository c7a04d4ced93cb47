package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.kube.Index;
import io.qnative.reconciler.labeler.RoutingMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cache indexes the reconcilers look objects up by, so that a namespace with a thousand services is not
 * scanned on every event: Revisions by Configuration, Revisions and Configurations by the Routes their routes
 * annotation lists, and Routes by the Revisions and Configurations their traffic names.
 */
public final class Indexes {

    /** Revisions by {@code <ns>/<serving.knative.dev/configuration label>}. */
    public static final Index<Revision> REVISIONS_BY_CONFIGURATION = new Index<>("configuration",
            r -> label(r, ServingKeys.CONFIGURATION));
    /** Revisions by {@code <ns>/<route>} for each Route in their {@code serving.knative.dev/routes}. */
    public static final Index<Revision> REVISIONS_BY_ROUTE = new Index<>("routes", Indexes::routes);
    /** Configurations by {@code <ns>/<route>} for each Route in their {@code serving.knative.dev/routes}. */
    public static final Index<Configuration> CONFIGURATIONS_BY_ROUTE = new Index<>("routes", Indexes::routes);
    /**
     * Routes by the targets of their spec and status traffic: {@link #revisionTarget} for each revisionName,
     * {@link #configurationTarget} for each spec configurationName.
     */
    public static final Index<Route> ROUTES_BY_TARGET = new Index<>("targets", Indexes::targets);

    private Indexes() {
    }

    public static String revisionTarget(String namespace, String revision) {
        return "revision:" + Index.key(namespace, revision);
    }

    public static String configurationTarget(String namespace, String configuration) {
        return "configuration:" + Index.key(namespace, configuration);
    }

    private static List<String> label(HasMetadata obj, String key) {
        Map<String, String> labels = obj.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(key);
        return value == null || value.isEmpty() ? List.of()
                : List.of(Index.key(obj.getMetadata().getNamespace(), value));
    }

    private static List<String> routes(HasMetadata obj) {
        return RoutingMeta.routes(obj).stream().map(r -> Index.key(obj.getMetadata().getNamespace(), r)).toList();
    }

    private static List<String> targets(Route route) {
        String ns = route.getMetadata().getNamespace();
        List<String> keys = new ArrayList<>();
        if (route.getSpec() != null && route.getSpec().getTraffic() != null) {
            for (TrafficTarget t : route.getSpec().getTraffic()) {
                add(keys, ns, t, true);
            }
        }
        if (route.getStatus() != null && route.getStatus().getTraffic() != null) {
            for (TrafficTarget t : route.getStatus().getTraffic()) {
                add(keys, ns, t, false);
            }
        }
        return keys;
    }

    private static void add(List<String> keys, String ns, TrafficTarget t, boolean spec) {
        if (t == null) {
            return;
        }
        if (t.getRevisionName() != null && !t.getRevisionName().isEmpty()) {
            keys.add(revisionTarget(ns, t.getRevisionName()));
        }
        if (spec && t.getConfigurationName() != null && !t.getConfigurationName().isEmpty()) {
            keys.add(configurationTarget(ns, t.getConfigurationName()));
        }
    }
}
