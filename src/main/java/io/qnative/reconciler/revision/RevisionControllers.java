package io.qnative.reconciler.revision;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;

/**
 * Wiring of the Revision controller ({@code pkg/reconciler/revision/controller.go}): the Revision queue is fed by
 * Revisions themselves, by the Deployments, Services and PodAutoscalers they control, by their pods (label
 * {@code serving.knative.dev/revision}), and by every change of the {@code config-*} maps (all Revisions).
 */
public final class RevisionControllers {

    /** The controller's name (logs, metrics, thread names). */
    public static final String NAME = "revision";

    private RevisionControllers() {
    }

    /** Builds the controller and registers its watches. */
    public static Controller create(ControllerContext ctx) {
        Lister<Revision> revisions = ctx.lister(Revision.class);
        RevisionReconciler reconciler = new RevisionReconciler(revisions, ctx.lister(Deployment.class),
                ctx.lister(Service.class), ctx.lister(PodAutoscaler.class), ctx.lister(Pod.class), ctx.children(),
                ctx.events(), ctx.snapshot(), new ServerMinorVersion(() -> ctx.client().getKubernetesVersion()),
                ctx.config().gateway().ports(),
                ctx.statusUpdater(), ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, revisions);
        ctx.informers().watch(Revision.class, Watches.self(controller));
        ctx.informers().watch(Deployment.class, Watches.controllerOf(controller, "Revision"));
        ctx.informers().watch(Service.class, Watches.controllerOf(controller, "Revision"));
        ctx.informers().watch(PodAutoscaler.class, Watches.controllerOf(controller, "Revision"));
        ctx.informers().watch(Pod.class, Watches.mapped(controller, RevisionControllers::revisionOfPod));
        ctx.configStore().addListener(config -> revisions.list().forEach(controller::enqueue));
        return controller;
    }

    /** The Revision a pod belongs to, by its {@code serving.knative.dev/revision} label. */
    static Collection<ObjectKey> revisionOfPod(HasMetadata pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String name = labels == null ? null : labels.get(ServingKeys.REVISION);
        return name == null || name.isEmpty() ? List.of()
                : List.of(new ObjectKey(pod.getMetadata().getNamespace(), name));
    }
}
