package io.qnative;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.qnative.api.serving.ServingKeys;
import io.qnative.config.ConfigStore;
import io.qnative.config.QnativeConfig;
import io.qnative.kube.Informers;
import io.qnative.observability.StartupOrder;
import io.qnative.observability.Uptime;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.kube.EventRecorder;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.LeaderElection;
import io.qnative.reconciler.autoscaling.KpaRuntime;
import io.qnative.reconciler.autoscaling.PodAutoscalerControllers;
import io.qnative.reconciler.certificate.CertificateControllers;
import io.qnative.reconciler.configuration.ConfigurationControllers;
import io.qnative.reconciler.domainmapping.DomainMappingControllers;
import io.qnative.reconciler.ingress.IngressControllers;
import io.qnative.reconciler.ingress.RoutingEntries;
import io.qnative.reconciler.labeler.LabelerControllers;
import io.qnative.reconciler.nscert.NamespaceCertControllers;
import io.qnative.reconciler.revision.RevisionControllers;
import io.qnative.reconciler.route.RouteControllers;
import io.qnative.reconciler.service.ServiceControllers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Startup wiring of the control plane: the explicit list of controllers, the informers they read, and leader
 * election deciding which replica runs them. Informers start on every replica (the webhook and the data plane read
 * the same caches); controllers run only on the leader. Election starts once the informers and the config store have synced, so an
 * unreachable API server shows as one log line and an unready replica, not a loop of lease errors.
 */
@ApplicationScoped
public class ControllerManager {

    private static final Logger LOG = Logger.getLogger(ControllerManager.class);

    private final Informers informers;
    private final ConfigStore configStore;
    private final LeaderElection election;
    private final ScheduledExecutorService timer;
    private final List<Controller> controllers;
    private final AtomicBoolean started = new AtomicBoolean();

    ControllerManager(KubernetesClient client, QnativeConfig config, Informers informers, ConfigStore configStore,
            EventRecorder events, RoutingTable routingTable, Tracer tracer, MeterRegistry registry,
            KpaRuntime kpa) {
        this.informers = informers;
        this.configStore = configStore;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qnative-timer");
            t.setDaemon(true);
            return t;
        });
        this.controllers = controllers(new ControllerContext(client, config, informers, configStore, events,
                Clock.systemUTC(), timer, tracer, registry), routingTable, kpa);
        this.election = new LeaderElection(client, config, identity(config), this::startControllers,
                this::stopControllers);
    }

    /**
     * The controllers this binary runs, in start order. Each factory also registers the informer handlers that
     * queue its keys.
     */
    private static List<Controller> controllers(ControllerContext ctx, RoutingTable routingTable,
            KpaRuntime kpa) {
        // only revision pods are ever read (failure reasons): never cache the cluster's other pods
        ctx.informers().restrict(Pod.class, ServingKeys.REVISION);
        // the cache keeps what is read (docs/memory-and-startup.md, "Informer caches"): pods only for their
        // status; Deployments compared by their deployment-hash label and replaced with a whole new spec
        // (OwnedFields), so the pod template's spec is never read
        ctx.informers().trim(Pod.class, pod -> pod.setSpec(null));
        ctx.informers().trim(Deployment.class, d -> {
            if (d.getSpec() != null && d.getSpec().getTemplate() != null) {
                d.getSpec().getTemplate().setSpec(null);
            }
        });
        List<Controller> all = new ArrayList<>();
        all.add(ServiceControllers.create(ctx));
        all.addAll(ConfigurationControllers.create(ctx));
        all.add(RevisionControllers.create(ctx));
        all.add(PodAutoscalerControllers.create(ctx, kpa));
        all.addAll(RouteControllers.create(ctx));
        all.add(NamespaceCertControllers.create(ctx));
        all.add(LabelerControllers.create(ctx));
        all.add(DomainMappingControllers.create(ctx));
        all.add(IngressControllers.create(ctx, routingTable));
        all.add(CertificateControllers.create(ctx));
        ctx.informers().watch(Ingress.class, tableLoader(routingTable));
        return List.copyOf(all);
    }

    /**
     * Loads every KIngress of qnative's class into the routing table on every replica, leader or not: the gateway
     * serves in all of them, while the KIngress controller (leader only) marks status.
     */
    private static ResourceEventHandler<Ingress> tableLoader(RoutingTable table) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Ingress ingress) {
                if (RoutingEntries.isQnativeClass(ingress) && ingress.getMetadata().getDeletionTimestamp() == null) {
                    table.put(RoutingEntries.of(ingress));
                } else {
                    onDelete(ingress, false);
                }
            }

            @Override
            public void onUpdate(Ingress old, Ingress ingress) {
                onAdd(ingress);
            }

            @Override
            public void onDelete(Ingress ingress, boolean finalStateUnknown) {
                table.remove(ingress.getMetadata().getNamespace(), ingress.getMetadata().getName());
            }
        };
    }

    /** Before the gateway binds (docs/memory-and-startup.md): the informers' lists overlap the rest of startup. */
    void onStart(@Observes @Priority(StartupOrder.INFORMERS) StartupEvent event) {
        informers.start();
        awaitSyncThenElect();
        started.set(true);
    }

    private void awaitSyncThenElect() {
        if (informers.unsynced().isEmpty() && configStore.synced()) {
            LOG.infof("caches synced: %d informers and the config-* ConfigMaps (%s)", informers.count(),
                    Uptime.mark());
            election.start();
        } else {
            timer.schedule(this::awaitSyncThenElect, 200, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        election.stop();
        stopControllers();
        informers.stop();
        timer.shutdownNow();
    }

    private void startControllers() {
        controllers.forEach(Controller::start);
    }

    private void stopControllers() {
        controllers.forEach(Controller::stop);
    }

    /** True once startup wiring has run. */
    public boolean started() {
        return started.get();
    }

    public LeaderElection election() {
        return election;
    }

    public List<Controller> controllers() {
        return controllers;
    }

    private static String identity(QnativeConfig config) {
        String base = config.podName().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "qnative";
            }
        });
        return base + "_" + UUID.randomUUID();
    }
}
