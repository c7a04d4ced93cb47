package io.qnative.reconciler.service.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The Route of a Service (Knative's pkg/reconciler/service/service.go, {@code MakeRoute}): the Service's labels plus
 * {@code serving.knative.dev/service}; its annotations minus last-applied (rollout-duration kept); the Service's
 * traffic with {@code configurationName: <service>} on every target that names no revision; controlled by the
 * Service.
 */
public final class Routes {

    private Routes() {
    }

    /** The Route a Service wants. */
    public static Route make(Service service) {
        Route r = new Route();
        r.setMetadata(new ObjectMetaBuilder()
                .withName(Names.route(service))
                .withNamespace(service.getMetadata().getNamespace())
                .withLabels(Kmeta.union(service.getMetadata().getLabels(),
                        Map.of(ServingKeys.SERVICE, service.getMetadata().getName())))
                .withAnnotations(Kmeta.filter(service.getMetadata().getAnnotations(),
                        k -> k.equals(Kmeta.LAST_APPLIED_CONFIGURATION)))
                .withOwnerReferences(Kmeta.controllerRef(service))
                .build());
        RouteSpec spec = new RouteSpec();
        List<TrafficTarget> traffic = service.getSpec() == null ? null : service.getSpec().getTraffic();
        if (traffic != null) {
            List<TrafficTarget> copy = new ArrayList<>(traffic.size());
            for (TrafficTarget t : traffic) {
                TrafficTarget c = Kmeta.deepCopy(t, TrafficTarget.class);
                if (c.getRevisionName() == null || c.getRevisionName().isEmpty()) {
                    c.setConfigurationName(Names.configuration(service));
                }
                copy.add(c);
            }
            spec.setTraffic(copy);
        }
        r.setSpec(spec);
        return r;
    }
}
