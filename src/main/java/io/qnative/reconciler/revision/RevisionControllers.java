package io.qnative.reconciler.revision;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
import io.qnative.reconciler.revision.digest.DigestResolver;
import io.qnative.reconciler.revision.digest.RegistryClient;

/**
 * Wiring of the Revision controller ({@code pkg/reconciler/revision/controller.go}): the Revision queue is fed by
 * Revisions themselves, by the Deployments, Services and PodAutoscalers they control, by their pods (label
 * {@code serving.knative.dev/revision}), and by every change of the {@code config-*} maps (all Revisions).
 */
public final class RevisionControllers {

    /** The controller's name (logs, metrics, thread names). */
    public static final String NAME = "revision";

    /** Threads resolving image digests (registry calls, each bounded by digest-resolution-timeout). */
    static final int RESOLVER_THREADS = 2;
    /** Revisions whose resolution is held at most (Knative's resolver holds them until they are recorded). */
    static final int RESOLVER_CAPACITY = 1000;

    private RevisionControllers() {
    }

    private static ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "digest-resolver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds the controller and registers its watches. */
    public static Controller create(ControllerContext ctx) {
        Lister<Revision> revisions = ctx.lister(Revision.class);
        AtomicReference<Controller> enqueue = new AtomicReference<>();
        DigestResolver digests = new DigestResolver(new ClientKeychain(ctx.client()),
                RegistryClient.create()::digest, Executors.newFixedThreadPool(RESOLVER_THREADS, daemon()),
                key -> enqueue.get().enqueue(ObjectKey.parse(key)), RESOLVER_CAPACITY);
        RevisionReconciler reconciler = new RevisionReconciler(revisions, ctx.lister(Deployment.class),
                ctx.lister(Service.class), ctx.lister(PodAutoscaler.class), ctx.lister(Pod.class), ctx.children(),
                ctx.events(), ctx.snapshot(), new ServerMinorVersion(() -> ctx.client().getKubernetesVersion()),
                ctx.config().gateway().ports(),
                digests, ctx.statusUpdater(), ctx.clock());
        Controller controller = ctx.controller(NAME, reconciler, revisions);
        enqueue.set(controller);
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
