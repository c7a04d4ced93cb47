package io.qnative.reconciler.autoscaling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.config.AutoscalerConfig;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.autoscaling.resources.PublicEndpoints;

/**
 * Wiring of the PodAutoscaler controller for PodAutoscalers of class {@code kpa.autoscaling.knative.dev} and
 * {@code hpa.autoscaling.knative.dev} (others are left to whatever implements their class), and of the KPA's
 * decision tick. Its queue is fed by the PodAutoscalers, by their scale
 * target Deployments (label {@code serving.knative.dev/revision}: a PA is named after its Revision), by the
 * Endpoints it controls, by the gateway's Endpoints (every PA) and by every change of the {@code config-*} maps.
 */
public final class PodAutoscalerControllers {

    /** The controller's name (logs, metrics, thread names). */
    public static final String NAME = "podautoscaler";

    private PodAutoscalerControllers() {
    }

    /** Builds the controller and registers its watches. */
    public static Controller create(ControllerContext ctx, KpaRuntime kpa) {
        Lister<PodAutoscaler> podAutoscalers = ctx.lister(PodAutoscaler.class);
        String systemNamespace = ctx.config().systemNamespace();
        AutoscalerMetrics metrics = new AutoscalerMetrics(ctx.registry());
        PodAutoscalerReconciler reconciler = new PodAutoscalerReconciler(podAutoscalers,
                ctx.lister(Deployment.class), ctx.lister(Endpoints.class), ctx.children(),
                scaler(ctx.client()), ctx.snapshot(),
                new PodAutoscalerReconciler.Gateway(systemNamespace, ctx.config().gateway().internalHttpPort(),
                        ctx.config().gateway().internalHttpsPort()),
                kpa, metrics, new HpaAutoscaling(ctx.client(), ctx.children(),
                        HpaAutoscaling.serverMinor(ctx.client())), ctx.statusUpdater(), ctx.clock());
        Controller controller = ctx.controller(NAME, onlyKnativeClasses(podAutoscalers, reconciler, key -> {
            RevisionKey k = new RevisionKey(key.namespace(), key.name());
            kpa.delete(k);
            metrics.remove(k);
        }), podAutoscalers);
        kpa.start(ctx.timer(), k -> controller.enqueue(new ObjectKey(k.namespace(), k.name())),
                k -> controller.enqueueFirst(new ObjectKey(k.namespace(), k.name())));
        ctx.informers().watch(PodAutoscaler.class, Watches.self(controller));
        ctx.informers().watch(Deployment.class, Watches.mapped(controller, PodAutoscalerControllers::byRevision));
        ctx.informers().watch(Endpoints.class, Watches.controllerOf(controller, "PodAutoscaler"));
        ctx.informers().watch(Endpoints.class, Watches.mapped(controller,
                e -> isGateway(e, systemNamespace) ? keys(podAutoscalers) : List.of()));
        ctx.configStore().addListener(config -> podAutoscalers.list().forEach(controller::enqueue));
        return controller;
    }

    /**
     * Sets spec.replicas with one JSON merge patch, as Knative's scaler patches the scale target
     * ({@code pkg/reconciler/autoscaling/kpa/scaler.go}). The patch is sent on the cached target: fabric8's {@code
     * withName(..).patch(..)} first GETs the object, a second round trip on the path of a scale from zero.
     */
    static PodAutoscalerReconciler.Scaler scaler(KubernetesClient client) {
        return (target, replicas) -> client.apps().deployments().inNamespace(target.getMetadata().getNamespace())
                .resource(target)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    /**
     * Reconciles only PodAutoscalers of the KPA class (the default when the annotation is missing) and of the HPA
     * class; a key whose PA is gone or of another class is handed to {@code forget} (its decider and gauges go).
     */
    static Reconciler onlyKnativeClasses(Lister<PodAutoscaler> podAutoscalers, Reconciler reconciler,
            Consumer<ObjectKey> forget) {
        return key -> {
            if (podAutoscalers.get(key.namespace(), key.name()).filter(PodAutoscalerControllers::isKnativeClass)
                    .isPresent()) {
                return reconciler.reconcile(key);
            }
            forget.accept(key);
            return Result.done();
        };
    }

    static boolean isKnativeClass(PodAutoscaler pa) {
        Map<String, String> annotations = pa.getMetadata().getAnnotations();
        String cls = annotations == null ? null : annotations.get(AutoscalingKeys.CLASS);
        return cls == null || AutoscalerConfig.KPA_CLASS.equals(cls) || AutoscalingKeys.CLASS_HPA.equals(cls);
    }

    /** The PodAutoscaler of a Revision's Deployment: named after the Revision. */
    static Collection<ObjectKey> byRevision(HasMetadata deployment) {
        Map<String, String> labels = deployment.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(ServingKeys.REVISION);
        return revision == null || revision.isEmpty() ? List.of()
                : List.of(new ObjectKey(deployment.getMetadata().getNamespace(), revision));
    }

    static boolean isGateway(HasMetadata endpoints, String systemNamespace) {
        return systemNamespace.equals(endpoints.getMetadata().getNamespace())
                && io.qnative.gateway.Gateway.INTERNAL_SERVICE.equals(endpoints.getMetadata().getName());
    }

    private static List<ObjectKey> keys(Lister<PodAutoscaler> podAutoscalers) {
        return podAutoscalers.list().stream().map(ObjectKey::of).toList();
    }
}
