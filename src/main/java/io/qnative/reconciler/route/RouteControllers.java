package io.qnative.reconciler.route;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.route.traffic.Referrers;

/**
 * Wiring of the Route controller: Routes themselves; the KIngresses, placeholder Services and Endpoints they
 * control; the Configurations and Revisions their traffic names (existing or not, {@link Referrers}); and a resync
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
                ctx.lister(Service.class), ctx.lister(Endpoints.class), ctx.lister(Ingress.class), ctx.children(),
                ctx.statusUpdater(), ctx.snapshot(), ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, routes);
        ctx.informers().watch(Route.class, Watches.self(controller));
        ctx.informers().watch(Ingress.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Service.class, Watches.controllerOf(controller, "Route"));
        ctx.informers().watch(Endpoints.class, Watches.controllerOf(controller, "Route"));
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
        ctx.informers().watch(Configuration.class, Watches.mapped(controller, obj -> referrers(routes, obj,
                r -> Referrers.refersToConfiguration(r, obj.getMetadata().getName(),
                        n -> revisions.get(obj.getMetadata().getNamespace(), n)))));
        ctx.informers().watch(Revision.class, Watches.mapped(controller, obj -> referrers(routes, obj,
                r -> Referrers.refersToRevision(r, (Revision) obj))));
    }

    private static List<ObjectKey> referrers(Lister<Route> routes, HasMetadata obj,
            java.util.function.Predicate<Route> refers) {
        return routes.list(obj.getMetadata().getNamespace()).stream().filter(refers).map(ObjectKey::of).toList();
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
