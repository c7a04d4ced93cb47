package io.qnative.reconciler.route;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Index;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.route.traffic.Referrers;

/**
 * Wiring of the Route controller: Routes themselves; the KIngresses, placeholder Services and Endpoints they
 * control (and their Certificates, and a namespace's wildcard Certificates); the Configurations and Revisions their traffic names (existing or not, {@link Referrers}); and a resync
 * of every Route when {@code config-network}, {@code config-domain} or {@code config-features} change.
 */
public final class RouteControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "route";

    private RouteControllers() {
    }

    /** Builds the Route controller and registers its informer handlers and config listener. */
    public static List<Controller> create(ControllerContext ctx) {
        Lister<Route> routes = ctx.lister(Route.class);
        Lister<Configuration> configurations = ctx.lister(Configuration.class);
        Lister<Revision> revisions = ctx.lister(Revision.class);
        RouteReconciler reconciler = new RouteReconciler(routes, configurations, revisions,
                ctx.lister(Service.class), ctx.lister(Endpoints.class), ctx.lister(Ingress.class),
                ctx.lister(Certificate.class), ctx.children(), ctx.statusUpdater(), ctx.snapshot(), ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, routes);
        ctx.informers().watch(Route.class, Watches.self(controller));
        ctx.informers().watch(Ingress.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Service.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Endpoints.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Certificate.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Certificate.class, Watches.mapped(controller, c -> wildcardUsers(routes, c)));
        watchReferences(ctx, controller, routes, revisions);
        resyncOnRouteConfig(ctx, controller, routes);
        return List.of(controller);
    }

    /**
     * Queues the Routes whose traffic names a changed Configuration or Revision (also used by the labeler, which
     * follows the same references).
     */
    public static void watchReferences(ControllerContext ctx, Controller controller, Lister<Route> routes,
            Lister<Revision> revisions) {
        ctx.informers().index(Route.class, Indexes.ROUTES_BY_TARGET);
        ctx.informers().index(Revision.class, Indexes.REVISIONS_BY_CONFIGURATION);
        ctx.informers().watch(Configuration.class, Watches.mapped(controller, obj -> {
            String ns = obj.getMetadata().getNamespace();
            String name = obj.getMetadata().getName();
            Set<Route> candidates = new LinkedHashSet<>(routes.byIndex(Indexes.ROUTES_BY_TARGET,
                    Indexes.configurationTarget(ns, name)));
            revisions.byIndex(Indexes.REVISIONS_BY_CONFIGURATION, Index.key(ns, name)).forEach(r -> candidates
                    .addAll(routes.byIndex(Indexes.ROUTES_BY_TARGET, Indexes.revisionTarget(ns,
                            r.getMetadata().getName()))));
            return keys(candidates, r -> Referrers.refersToConfiguration(r, name, n -> revisions.get(ns, n)));
        }));
        ctx.informers().watch(Revision.class, Watches.mapped(controller, obj -> {
            String ns = obj.getMetadata().getNamespace();
            Set<Route> candidates = new LinkedHashSet<>(routes.byIndex(Indexes.ROUTES_BY_TARGET,
                    Indexes.revisionTarget(ns, obj.getMetadata().getName())));
            Map<String, String> labels = obj.getMetadata().getLabels();
            String config = labels == null ? null : labels.get(ServingKeys.CONFIGURATION);
            if (config != null) {
                candidates.addAll(routes.byIndex(Indexes.ROUTES_BY_TARGET, Indexes.configurationTarget(ns, config)));
            }
            return keys(candidates, r -> Referrers.refersToRevision(r, (Revision) obj));
        }));
    }

    private static List<ObjectKey> keys(Set<Route> candidates, Predicate<Route> refers) {
        return candidates.stream().filter(refers).map(ObjectKey::of).toList();
    }

    /**
     * A namespace wildcard Certificate ({@code networking.knative.dev/wildcardDomain}) may cover any Route of its
     * namespace: queue them all when it changes.
     */
    private static List<ObjectKey> wildcardUsers(Lister<Route> routes, HasMetadata cert) {
        Map<String, String> labels = cert.getMetadata().getLabels();
        if (labels == null || !labels.containsKey(NetworkingKeys.WILDCARD_DOMAIN)) {
            return List.of();
        }
        return routes.list(cert.getMetadata().getNamespace()).stream().map(ObjectKey::of).toList();
    }

    /** Queues every Route when the configuration Routes are built from changes. */
    private static void resyncOnRouteConfig(ControllerContext ctx, Controller controller, Lister<Route> routes) {
        AtomicReference<ConfigSnapshot> last = new AtomicReference<>();
        ctx.configStore().addListener(snapshot -> {
            ConfigSnapshot previous = last.getAndSet(snapshot);
            if (previous != null && (!Objects.equals(previous.network(), snapshot.network())
                    || !Objects.equals(previous.domain(), snapshot.domain())
                    || !Objects.equals(previous.features(), snapshot.features()))) {
                routes.list().forEach(controller::enqueue);
            }
        });
    }
}
