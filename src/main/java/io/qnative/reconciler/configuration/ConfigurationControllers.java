package io.qnative.reconciler.configuration;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.gc.GcReconciler;
import java.util.List;

/**
 * Wiring of the two controllers on Configurations: the Configuration reconciler and revision GC, each queued by
 * its Configuration and by changes to the Revisions it controls.
 */
public final class ConfigurationControllers {

    /** The Configuration controller's name in logs and metrics. */
    public static final String NAME = "configuration";
    /** The revision GC controller's name. */
    public static final String GC = "gc";

    private ConfigurationControllers() {
    }

    public static List<Controller> create(ControllerContext ctx) {
        Lister<Configuration> configurations = ctx.lister(Configuration.class);
        Lister<Revision> revisions = ctx.lister(Revision.class);
        ctx.informers().index(Revision.class, Indexes.REVISIONS_BY_CONFIGURATION);
        Controller configuration = ctx.controller(NAME, new ConfigurationReconciler(configurations, revisions,
                ctx.children(), ctx.events(), ctx.statusUpdater(), ctx.snapshot(), ctx.clock()), configurations);
        Controller gc = ctx.controller(GC, new GcReconciler(configurations, revisions, ctx.children(),
                ctx.snapshot(), ctx.clock()), configurations);
        for (Controller c : List.of(configuration, gc)) {
            ctx.informers().watch(Configuration.class, Watches.self(c));
            ctx.informers().watch(Revision.class, Watches.controllerOf(c, "Configuration"));
            ctx.configStore().addListener(snapshot -> configurations.list().forEach(c::enqueue));
        }
        return List.of(configuration, gc);
    }
}
