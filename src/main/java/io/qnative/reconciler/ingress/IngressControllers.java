package io.qnative.reconciler.ingress;

import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.Watches;

/** Wiring of the gateway's KIngress controller: it watches every KIngress and acts on qnative's class only. */
public final class IngressControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "kingress";

    private IngressControllers() {
    }

    /**
     * Builds the controller and registers its informer handler.
     *
     * @param table the gateway's routing table the controller fills
     */
    public static Controller create(ControllerContext ctx, RoutingTable table) {
        Lister<Ingress> ingresses = ctx.lister(Ingress.class);
        IngressReconciler reconciler = new IngressReconciler(ingresses, ctx.statusUpdater(), ctx.clock(), table,
                ctx.snapshot(), ctx.config().systemNamespace());
        Controller controller = ctx.controller(NAME, reconciler.filtered(), ingresses);
        ctx.informers().watch(Ingress.class, Watches.self(controller));
        return controller;
    }
}
