package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.kube.Index;
import io.qnative.kube.Lister;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the gateway reads of the cluster: Revisions, Services, and the endpoints of a Service from one source, its
 * EndpointSlices where the API server serves {@code discovery.k8s.io/v1}, else its Endpoints (as Knative's activator
 * reads either): a revision's pods (its private Service's), the gateway's own replicas, and the addresses of the
 * Services that KIngress splits name when they are not revisions. {@link #of} reads the informer caches; tests
 * supply maps.
 */
public interface ClusterView {

    /** EndpointSlices filed under {@code <namespace>/<kubernetes.io/service-name>}. */
    Index<GenericKubernetesResource> SLICES_BY_SERVICE = new Index<>("service", s -> {
        Map<String, String> labels = s.getMetadata() == null ? null : s.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(PodAddresses.SERVICE_NAME_LABEL);
        return service == null ? List.of() : List.of(Index.key(s.getMetadata().getNamespace(), service));
    });

    /** A Revision. */
    Optional<Revision> revision(String namespace, String name);

    /**
     * The revision's pod addresses, {@code ip:port} to ready, from its private Service (found by label, as names of
     * long revisions are hashed); empty when it has none.
     */
    Map<String, Boolean> revisionAddresses(String namespace, String revision);

    /**
     * The IPs of the revision's pods that have one and are not going away (no deletion timestamp, not Succeeded or
     * Failed), from the pods themselves: a pod's IP is known from the status write that sets it, before the endpoints
     * controllers list it. Empty when the gateway does not read pods.
     */
    default List<String> revisionPodIps(String namespace, String revision) {
        return List.of();
    }

    /** A Service's endpoints (the gateway's own, or a plain Service's); {@link ServiceEndpoints#NONE} when none. */
    ServiceEndpoints serviceEndpoints(String namespace, String name);

    /** A Kubernetes Service (a KIngress backend that is not a revision). */
    Optional<Service> service(String namespace, String name);

    /** Whether a pod has an IP and is not going away. */
    static boolean live(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
            return false;
        }
        String ip = pod.getStatus().getPodIP();
        String phase = pod.getStatus().getPhase();
        return ip != null && !ip.isEmpty() && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** Whether an Endpoints object is a revision's private one; its revision's name then. */
    static Optional<String> privateRevision(Endpoints ep) {
        Map<String, String> labels = ep.getMetadata() == null ? null : ep.getMetadata().getLabels();
        if (labels == null || labels.get(ServingKeys.REVISION) == null
                || !"Private".equals(labels.get(NetworkingKeys.SERVICE_TYPE))) {
            return Optional.empty();
        }
        return Optional.of(labels.get(ServingKeys.REVISION));
    }

    /**
     * Whether an EndpointSlice belongs to a revision's private Service (the EndpointSlice controller copies the
     * Service's labels onto its slices: {@code setEndpointSliceLabels} in kubernetes'
     * {@code pkg/controller/endpointslice/utils.go}); its revision's name then.
     */
    static Optional<String> privateRevision(GenericKubernetesResource slice) {
        Map<String, String> labels = slice.getMetadata() == null ? null : slice.getMetadata().getLabels();
        if (labels == null || labels.get(ServingKeys.REVISION) == null
                || !"Private".equals(labels.get(NetworkingKeys.SERVICE_TYPE))) {
            return Optional.empty();
        }
        return Optional.of(labels.get(ServingKeys.REVISION));
    }

    /** The view over informer caches, reading revision pods from Endpoints. */
    static ClusterView of(Lister<Revision> revisions, Lister<Endpoints> endpoints, Lister<Service> services) {
        return of(revisions, endpoints, services, () -> null);
    }

    /**
     * The view over informer caches.
     *
     * @param slices the EndpointSlice lister (indexed by {@link #SLICES_BY_SERVICE}, or scanned) once the gateway
     *     reads endpoints from slices, null while it reads Endpoints
     */
    static ClusterView of(Lister<Revision> revisions, Lister<Endpoints> endpoints, Lister<Service> services,
            Supplier<Lister<GenericKubernetesResource>> slices) {
        return of(revisions, endpoints, services, slices, () -> null);
    }

    /**
     * The view over informer caches, with the revision pods' own IPs.
     *
     * @param pods the lister of revision pods (label {@code serving.knative.dev/revision}) once the gateway reads
     *     them, null before
     */
    static ClusterView of(Lister<Revision> revisions, Lister<Endpoints> endpoints, Lister<Service> services,
            Supplier<Lister<GenericKubernetesResource>> slices, Supplier<Lister<Pod>> pods) {
        return new ClusterView() {
            @Override
            public List<String> revisionPodIps(String namespace, String revision) {
                Lister<Pod> podLister = pods.get();
                if (podLister == null) {
                    return List.of();
                }
                return podLister.list(namespace, Map.of(ServingKeys.REVISION, revision)).stream()
                        .filter(ClusterView::live).map(p -> p.getStatus().getPodIP()).toList();
            }

            @Override
            public Optional<Revision> revision(String namespace, String name) {
                return revisions.get(namespace, name);
            }

            @Override
            public Map<String, Boolean> revisionAddresses(String namespace, String revision) {
                Lister<GenericKubernetesResource> sliceLister = slices.get();
                if (sliceLister == null) {
                    return PodAddresses.of(endpoints.list(namespace).stream()
                            .filter(e -> privateRevision(e).filter(revision::equals).isPresent()).findFirst()
                            .orElse(null));
                }
                // the private Service by its labels, then its slices by kubernetes.io/service-name
                return services.list(namespace,
                                Map.of(ServingKeys.REVISION, revision, NetworkingKeys.SERVICE_TYPE, "Private"))
                        .stream().findFirst()
                        .map(s -> PodAddresses.fromSlices(sliceLister.byIndex(SLICES_BY_SERVICE,
                                Index.key(namespace, s.getMetadata().getName()))).revisionPods())
                        .orElse(Map.of());
            }

            @Override
            public ServiceEndpoints serviceEndpoints(String namespace, String name) {
                Lister<GenericKubernetesResource> sliceLister = slices.get();
                if (sliceLister == null) {
                    return PodAddresses.fromEndpoints(endpoints.get(namespace, name).orElse(null));
                }
                return PodAddresses.fromSlices(sliceLister.byIndex(SLICES_BY_SERVICE, Index.key(namespace, name)));
            }

            @Override
            public Optional<Service> service(String namespace, String name) {
                return services.get(namespace, name);
            }
        };
    }
}
