package io.qnative.reconciler.route.domains;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;

/**
 * The visibility of each traffic target name ({@code ""} and every tag in spec) of a Route (Knative
 * {@code route/visibility}): cluster-local when the Route's domain is {@code svc.<clusterDomain>} (which the
 * cluster-local label forces), or, for one target, when its placeholder Service carries any non-empty
 * {@code networking.knative.dev/visibility} label; external otherwise.
 */
public final class Visibilities {

    private Visibilities() {
    }

    /**
     * Resolves every target name.
     *
     * @param placeholders read-only lookup of the Route's placeholder Services by name
     */
    public static SortedMap<String, Visibility> resolve(ConfigSnapshot config, Route route,
            Function<String, Optional<Service>> placeholders) {
        Visibility routeDefault = routeVisibility(config, route);
        TreeSet<String> names = new TreeSet<>();
        names.add(Domains.DEFAULT_TARGET);
        if (route.getSpec() != null && route.getSpec().getTraffic() != null) {
            for (TrafficTarget t : route.getSpec().getTraffic()) {
                names.add(t.getTag() == null ? "" : t.getTag());
            }
        }
        SortedMap<String, Visibility> out = new TreeMap<>();
        for (String name : names) {
            String host = Domains.hostname(config.network(), route.getMetadata().getName(), name);
            Visibility v = placeholders.apply(host).filter(Visibilities::isLocal).isPresent()
                    ? Visibility.CLUSTER_LOCAL : Visibility.EXTERNAL_IP;
            out.put(name, Visibility.min(v, routeDefault));
        }
        return out;
    }

    /** The Route's own visibility: cluster-local exactly when its domain is {@code svc.<clusterDomain>}. */
    public static Visibility routeVisibility(ConfigSnapshot config, Route route) {
        Map<String, String> labels = route.getMetadata().getLabels() == null ? Map.of()
                : route.getMetadata().getLabels();
        return config.domain().lookup(labels).equals("svc." + config.clusterDomain())
                ? Visibility.CLUSTER_LOCAL : Visibility.EXTERNAL_IP;
    }

    private static boolean isLocal(Service svc) {
        Map<String, String> labels = svc.getMetadata() == null ? null : svc.getMetadata().getLabels();
        String v = labels == null ? null : labels.get(NetworkingKeys.VISIBILITY);
        return v != null && !v.isEmpty();
    }
}
