package io.qnative.reconciler.domainmapping;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.duck.KReference;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;

/**
 * Wiring of the DomainMapping controller (Knative's {@code pkg/reconciler/domainmapping/controller.go}):
 * DomainMappings themselves; the KIngresses and Certificates they control; the ClusterDomainClaim of their domain
 * (a freed claim queues every mapping of that domain); the Knative Services, Routes and Kubernetes Services their
 * {@code spec.ref} names (Knative tracks them with its resolver's tracker); and a resync of every mapping when
 * {@code config-network} changes.
 */
public final class DomainMappingControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "domainmapping";

    private DomainMappingControllers() {
    }

    /** Builds the DomainMapping controller and registers its informer handlers and config listener. */
    public static Controller create(ControllerContext ctx) {
        Lister<DomainMapping> mappings = ctx.lister(DomainMapping.class);
        Lister<io.qnative.api.serving.v1.Service> ksvcs = ctx.lister(io.qnative.api.serving.v1.Service.class);
        Lister<Route> routes = ctx.lister(Route.class);
        Lister<Service> services = ctx.lister(Service.class);
        DomainMappingReconciler reconciler = new DomainMappingReconciler(ctx.client(), mappings,
                ctx.lister(Ingress.class), ctx.lister(Certificate.class), ctx.lister(ClusterDomainClaim.class),
                new Targets(ksvcs, routes, services), ctx.children(), ctx.statusUpdater(), ctx.snapshot(),
                ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, mappings);
        ctx.informers().watch(DomainMapping.class, Watches.self(controller));
        ctx.informers().watch(Ingress.class, Watches.controllerOf(controller, "DomainMapping"));
        ctx.informers().watch(Certificate.class, Watches.controllerOf(controller, "DomainMapping"));
        ctx.informers().watch(ClusterDomainClaim.class, Watches.mapped(controller, claim -> mappings.list().stream()
                .filter(dm -> dm.getMetadata().getName().equals(claim.getMetadata().getName()))
                .map(ObjectKey::of).toList()));
        ctx.informers().watch(io.qnative.api.serving.v1.Service.class,
                Watches.mapped(controller, obj -> referrers(mappings, obj, "serving.knative.dev/v1", "Service")));
        ctx.informers().watch(Route.class,
                Watches.mapped(controller, obj -> referrers(mappings, obj, "serving.knative.dev/v1", "Route")));
        ctx.informers().watch(Service.class,
                Watches.mapped(controller, obj -> referrers(mappings, obj, "v1", "Service")));
        resyncOnNetworkConfig(ctx, controller, mappings);
        return controller;
    }

    /** The mappings of the object's namespace whose {@code spec.ref} names it. */
    static List<ObjectKey> referrers(Lister<DomainMapping> mappings, HasMetadata obj, String apiVersion,
            String kind) {
        String ns = obj.getMetadata().getNamespace();
        return mappings.list(ns).stream()
                .filter(dm -> dm.getSpec() != null && Targets.refersTo(withNamespace(dm), ns, apiVersion, kind,
                        obj.getMetadata().getName()))
                .map(ObjectKey::of).toList();
    }

    /** The mapping's ref with its namespace defaulted, as the reconciler sees it. */
    private static KReference withNamespace(DomainMapping dm) {
        KReference ref = dm.getSpec().getRef();
        if (ref == null || (ref.getNamespace() != null && !ref.getNamespace().isEmpty())) {
            return ref;
        }
        KReference copy = new KReference();
        copy.setApiVersion(ref.getApiVersion());
        copy.setKind(ref.getKind());
        copy.setName(ref.getName());
        copy.setNamespace(dm.getMetadata().getNamespace());
        return copy;
    }

    /** Queues every mapping when {@code config-network} changes. */
    private static void resyncOnNetworkConfig(ControllerContext ctx, Controller controller,
            Lister<DomainMapping> mappings) {
        AtomicReference<ConfigSnapshot> last = new AtomicReference<>();
        ctx.configStore().addListener(snapshot -> {
            ConfigSnapshot previous = last.getAndSet(snapshot);
            if (previous != null && !Objects.equals(previous.network(), snapshot.network())) {
                mappings.list().forEach(controller::enqueue);
            }
        });
    }
}
