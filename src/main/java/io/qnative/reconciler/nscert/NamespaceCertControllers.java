package io.qnative.reconciler.nscert;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.Namespace;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;

/**
 * Wiring of the namespace wildcard Certificate controller: Namespaces, the Certificates they control, and every
 * Namespace again when {@code config-network} or {@code config-domain} change.
 */
public final class NamespaceCertControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "namespace-wildcard-certs";

    private NamespaceCertControllers() {
    }

    /** Builds the controller and registers its informer handlers and config listener. */
    public static Controller create(ControllerContext ctx) {
        Lister<Namespace> namespaces = ctx.lister(Namespace.class);
        NamespaceCertReconciler reconciler = new NamespaceCertReconciler(namespaces, ctx.lister(Certificate.class),
                ctx.children(), ctx.snapshot());
        Controller controller = ctx.controller(NAME, reconciler, namespaces);
        ctx.informers().watch(Namespace.class, Watches.self(controller));
        ctx.informers().watch(Certificate.class, Watches.controllerOf(controller, "Namespace"));
        AtomicReference<ConfigSnapshot> last = new AtomicReference<>();
        ctx.configStore().addListener(snapshot -> {
            ConfigSnapshot previous = last.getAndSet(snapshot);
            if (previous != null && (!Objects.equals(previous.network(), snapshot.network())
                    || !Objects.equals(previous.domain(), snapshot.domain()))) {
                namespaces.list().forEach(n -> controller.enqueue(ObjectKey.of(n)));
            }
        });
        return controller;
    }
}
