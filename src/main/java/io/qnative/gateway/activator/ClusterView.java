package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.kube.Lister;
import java.util.Map;
import java.util.Optional;

/**
 * What the activator reads of the cluster: Revisions, the private Endpoints of each, the gateway's own
 * Endpoints, and the Services (with their Endpoints) that KIngress splits name when they are not revisions. {@link #of} reads the informer caches; tests supply maps.
 */
public interface ClusterView {

    /** A Revision. */
    Optional<Revision> revision(String namespace, String name);

    /** The revision's {@code <rev>-private} Endpoints (by label, as names of long revisions are hashed). */
    Optional<Endpoints> privateEndpoints(String namespace, String revision);

    /** An Endpoints object by name (the gateway's own, or a plain Service's). */
    Optional<Endpoints> endpoints(String namespace, String name);

    /** A Kubernetes Service (a KIngress backend that is not a revision). */
    Optional<Service> service(String namespace, String name);

    /** Whether an Endpoints object is a revision's private one; its revision's name then. */
    static Optional<String> privateRevision(Endpoints ep) {
        Map<String, String> labels = ep.getMetadata() == null ? null : ep.getMetadata().getLabels();
        if (labels == null || labels.get(ServingKeys.REVISION) == null
                || !"Private".equals(labels.get(NetworkingKeys.SERVICE_TYPE))) {
            return Optional.empty();
        }
        return Optional.of(labels.get(ServingKeys.REVISION));
    }

    /** The view over informer caches. */
    static ClusterView of(Lister<Revision> revisions, Lister<Endpoints> endpoints, Lister<Service> services) {
        return new ClusterView() {
            @Override
            public Optional<Revision> revision(String namespace, String name) {
                return revisions.get(namespace, name);
            }

            @Override
            public Optional<Endpoints> privateEndpoints(String namespace, String revision) {
                return endpoints.list(namespace).stream()
                        .filter(e -> privateRevision(e).filter(revision::equals).isPresent()).findFirst();
            }

            @Override
            public Optional<Endpoints> endpoints(String namespace, String name) {
                return endpoints.get(namespace, name);
            }

            @Override
            public Optional<Service> service(String namespace, String name) {
                return services.get(namespace, name);
            }
        };
    }
}
