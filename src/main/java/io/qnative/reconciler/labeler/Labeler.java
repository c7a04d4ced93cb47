package io.qnative.reconciler.labeler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.kube.Index;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.route.traffic.RoutingReferences;

/**
 * The routing-state labeler (Knative's pkg/reconciler/labeler): adds the Route finalizer {@code
 * routes.serving.knative.dev}, marks
 * every Revision and Configuration the Route references ({@link RoutingReferences}) and, once the Route is ready or
 * failed, unmarks those it no longer references; on deletion it unmarks everything listing the Route, then removes
 * the finalizer. Writes are JSON merge patches of metadata only; the Route's status is never written.
 */
public final class Labeler implements Reconciler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Lister<Route> routes;
    private final Lister<Configuration> configurations;
    private final Lister<Revision> revisions;
    private final Clock clock;

    Labeler(KubernetesClient client, Lister<Route> routes, Lister<Configuration> configurations,
            Lister<Revision> revisions, Clock clock) {
        this.client = client;
        this.routes = routes;
        this.configurations = configurations;
        this.revisions = revisions;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Route> cached = routes.get(key.namespace(), key.name());
        if (cached.isEmpty()) {
            return Result.done();
        }
        Route route = cached.get();
        Instant now = clock.instant();
        List<String> finalizers = route.getMetadata().getFinalizers() == null ? List.of()
                : route.getMetadata().getFinalizers();
        if (route.getMetadata().getDeletionTimestamp() != null) {
            if (finalizers.contains(ServingKeys.ROUTE_FINALIZER)) {
                clearRoute(route, now);
                List<String> rest = new ArrayList<>(finalizers);
                rest.remove(ServingKeys.ROUTE_FINALIZER);
                patchFinalizers(route, rest);
            }
            return Result.done();
        }
        if (!finalizers.contains(ServingKeys.ROUTE_FINALIZER)) {
            List<String> more = new ArrayList<>(finalizers);
            more.add(ServingKeys.ROUTE_FINALIZER);
            patchFinalizers(route, more);
        }
        syncRoutingMeta(route, now);
        return Result.done();
    }

    /** Marks what the Route references; unmarks the rest once the Route has settled. */
    private void syncRoutingMeta(Route route, Instant now) {
        String ns = route.getMetadata().getNamespace();
        RoutingReferences refs = RoutingReferences.of(route, n -> configurations.get(ns, n),
                n -> revisions.get(ns, n));
        refs.revisions().forEach(n -> revisions.get(ns, n).ifPresent(r -> mark(r, route, false, now)));
        refs.configurations().forEach(n -> configurations.get(ns, n).ifPresent(c -> mark(c, route, false, now)));
        if (!(route.isReady() || route.isFailed())) {
            return;
        }
        String key = Index.key(ns, route.getMetadata().getName());
        unmarkUnlisted(revisions.byIndex(Indexes.REVISIONS_BY_ROUTE, key), route, refs.revisions(), now);
        unmarkUnlisted(configurations.byIndex(Indexes.CONFIGURATIONS_BY_ROUTE, key), route, refs.configurations(),
                now);
    }

    /** Drops the Route from every object listing it (its finalizer). */
    private void clearRoute(Route route, Instant now) {
        String key = Index.key(route.getMetadata().getNamespace(), route.getMetadata().getName());
        unmarkUnlisted(revisions.byIndex(Indexes.REVISIONS_BY_ROUTE, key), route, Set.of(), now);
        unmarkUnlisted(configurations.byIndex(Indexes.CONFIGURATIONS_BY_ROUTE, key), route, Set.of(), now);
    }

    private void unmarkUnlisted(List<? extends HasMetadata> objects, Route route, Set<String> keep, Instant now) {
        String name = route.getMetadata().getName();
        for (HasMetadata obj : objects) {
            if (!keep.contains(obj.getMetadata().getName()) && RoutingMeta.routes(obj).contains(name)) {
                mark(obj, route, true, now);
            }
        }
    }

    private void mark(HasMetadata obj, Route route, boolean remove, Instant now) {
        RoutingMeta.patch(obj, route.getMetadata().getName(), remove, obj instanceof Revision, now)
                .ifPresent(patch -> patch(obj, patch, (remove ? "remove" : "add") + " route annotation"));
    }

    private void patchFinalizers(Route route, List<String> finalizers) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("finalizers", finalizers);
        meta.put("resourceVersion", route.getMetadata().getResourceVersion());
        patch(route, Map.of("metadata", meta), "update finalizers");
    }

    private void patch(HasMetadata obj, Map<String, Object> patch, String what) {
        try {
            client.resource(obj).patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (KubernetesClientException e) {
            throw new KubernetesClientException("failed to " + what + " of " + obj.getKind() + " "
                    + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName(), e);
        }
    }
}
