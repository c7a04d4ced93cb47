package io.qnative.reconciler.labeler;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.route.RouteControllers;

/**
 * Wiring of the labeler: a second controller on Routes, also woken by the Configurations and Revisions a Route's
 * traffic names (a Configuration's new latest created Revision must turn {@code active}).
 */
public final class LabelerControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "labeler";

    private LabelerControllers() {
    }

    /** Builds the labeler controller and registers its informer handlers. */
    public static Controller create(ControllerContext ctx) {
        Lister<Route> routes = ctx.lister(Route.class);
        Lister<Revision> revisions = ctx.lister(Revision.class);
        Labeler labeler = new Labeler(ctx.client(), routes, ctx.lister(Configuration.class), revisions, ctx.clock());
        Controller controller = ctx.controller(NAME, labeler, routes);
        ctx.informers().index(Revision.class, Indexes.REVISIONS_BY_ROUTE);
        ctx.informers().index(Configuration.class, Indexes.CONFIGURATIONS_BY_ROUTE);
        ctx.informers().watch(Route.class, Watches.self(controller));
        RouteControllers.watchReferences(ctx, controller, routes, revisions);
        return controller;
    }
}
