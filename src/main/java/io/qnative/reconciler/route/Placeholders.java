package io.qnative.reconciler.route;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.route.resources.PlaceholderServices;
import io.qnative.reconciler.route.resources.PlaceholderUpdates;

/**
 * Applies a Route's placeholder Services (Knative's pkg/reconciler/route/resources) in Knative's two passes: before
 * the KIngress, one
 * {@code ExternalName} Service per traffic group (created when missing, never adopted from another owner) and the
 * deletion of groups' Services the Route no longer has; after it, each Service pointed at the KIngress's load
 * balancer, with same-named Endpoints when that is an IP.
 */
final class Placeholders {

    private final Lister<Service> services;
    private final Lister<Endpoints> endpoints;
    private final Children children;

    Placeholders(Lister<Service> services, Lister<Endpoints> endpoints, Children children) {
        this.services = services;
        this.endpoints = endpoints;
        this.children = children;
    }

    /**
     * The first pass.
     *
     * @param names the traffic group names ({@code ""} and the tags)
     * @return the live Service of each group name
     * @throws Children.NotOwnedException when a Service of a group's name belongs to someone else
     */
    SortedMap<String, Service> reconcile(ConfigSnapshot config, Route route, Iterable<String> names)
            throws Children.NotOwnedException {
        String ns = route.getMetadata().getNamespace();
        SortedMap<String, Service> out = new TreeMap<>();
        for (String name : names) {
            Service desired = PlaceholderServices.make(config, route, name);
            Service live = services.get(ns, desired.getMetadata().getName()).orElse(null);
            if (live == null) {
                live = children.create(route, desired);
            } else {
                Children.checkControlled(route, live);
            }
            out.put(name, live);
        }
        deleteUnwanted(route, Set.copyOf(out.values().stream().map(s -> s.getMetadata().getName()).toList()));
        return out;
    }

    private void deleteUnwanted(Route route, Set<String> wanted) {
        String ns = route.getMetadata().getNamespace();
        for (Service svc : services.list(ns, Map.of(ServingKeys.ROUTE, route.getMetadata().getName()))) {
            String name = svc.getMetadata().getName();
            if (wanted.contains(name) || !Kmeta.isControlledBy(svc, route)) {
                continue;
            }
            children.delete(route, svc);
            endpoints.get(ns, name).filter(ep -> Kmeta.isControlledBy(ep, route))
                    .ifPresent(ep -> children.delete(route, ep));
        }
    }

    /**
     * The second pass: nothing while the KIngress reports no load balancer.
     *
     * @param live the result of {@link #reconcile}
     * @throws Children.NotOwnedException when the Endpoints of a group's name belong to someone else
     */
    void update(ConfigSnapshot config, Route route, SortedMap<String, Service> live, Ingress ingress)
            throws Children.NotOwnedException {
        for (Map.Entry<String, Service> e : live.entrySet()) {
            PlaceholderServices.ServicePair pair;
            try {
                pair = PlaceholderServices.withLoadBalancer(config, route, e.getKey(), ingress.getStatus(),
                        isClusterLocal(e.getValue()));
            } catch (PlaceholderServices.LoadBalancerNotFoundException notYet) {
                continue;
            }
            updateService(route, e.getValue(), pair.service());
            updateEndpoints(route, pair);
        }
    }

    private void updateService(Route route, Service live, Service desired) {
        if (PlaceholderUpdates.same(live, desired)) {
            return;
        }
        if (PlaceholderUpdates.needsRecreate(live, desired)) {
            children.delete(route, live);
            children.create(route, PlaceholderUpdates.recreated(live, desired));
            return;
        }
        Service copy = Kmeta.deepCopy(live, Service.class);
        children.update(route, PlaceholderUpdates.merge(copy, desired));
    }

    private void updateEndpoints(Route route, PlaceholderServices.ServicePair pair)
            throws Children.NotOwnedException {
        String ns = route.getMetadata().getNamespace();
        String name = pair.service().getMetadata().getName();
        Endpoints live = endpoints.get(ns, name).orElse(null);
        if (pair.endpoints() == null && (live == null || !Kmeta.isControlledBy(live, route))) {
            return;
        }
        children.apply(route, live, pair.endpoints(), PlaceholderUpdates::sameEndpoints,
                PlaceholderUpdates::mergeEndpoints);
    }

    /** Knative's {@code IsClusterLocalService}: the Service is labelled cluster-local. */
    private static boolean isClusterLocal(Service svc) {
        Map<String, String> labels = svc.getMetadata().getLabels();
        return labels != null
                && NetworkingKeys.VISIBILITY_CLUSTER_LOCAL.equals(labels.get(NetworkingKeys.VISIBILITY));
    }
}
