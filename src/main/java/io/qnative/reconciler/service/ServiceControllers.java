package io.qnative.reconciler.service;

import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;
import java.util.List;
import java.util.Map;

/** Wiring of the Service controller: its reconciler, and the informers whose changes queue a Service. */
public final class ServiceControllers {

    /** The controller's name in logs and metrics. */
    public static final String NAME = "service";

    private ServiceControllers() {
    }

    public static Controller create(ControllerContext ctx) {
        Lister<Service> services = ctx.lister(Service.class);
        Lister<Revision> revisions = ctx.lister(Revision.class);
        ServiceReconciler reconciler = new ServiceReconciler(services, ctx.lister(Configuration.class),
                ctx.lister(Route.class), revisions, ctx.children(), ctx.statusUpdater(), ctx.snapshot(),
                ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, services);
        ctx.informers().watch(Service.class, Watches.self(controller));
        ctx.informers().watch(Configuration.class, Watches.controllerOf(controller, "Service"));
        ctx.informers().watch(Route.class, Watches.controllerOf(controller, "Service"));
        // A BYO-named Revision appearing unblocks the Service's Route (CheckNameAvailability).
        ctx.informers().watch(Revision.class, Watches.mapped(controller, rev -> serviceOf(rev.getMetadata()
                .getNamespace(), rev.getMetadata().getLabels())));
        ctx.configStore().addListener(snapshot -> services.list().forEach(controller::enqueue));
        return controller;
    }

    private static List<ObjectKey> serviceOf(String namespace, Map<String, String> labels) {
        String service = labels == null ? null : labels.get(ServingKeys.SERVICE);
        return service == null || service.isEmpty() ? List.of() : List.of(new ObjectKey(namespace, service));
    }
}
