package io.qnative.gateway;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.qnative.api.serving.v1.Revision;
import io.qnative.autoscaler.metrics.StatSink;
import io.qnative.config.ConfigStore;
import io.qnative.config.QnativeConfig;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.activator.ClusterView;
import io.qnative.gateway.activator.PodAddresses;
import io.qnative.gateway.activator.PodProber;
import io.qnative.gateway.activator.PodProbing;
import io.qnative.gateway.metrics.GatewayMetrics;
import io.qnative.gateway.metrics.StatReporter;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.kube.Discovery;
import io.qnative.kube.Informers;
import io.qnative.observability.Tracing;
import io.qnative.kube.Lister;
import io.qnative.observability.StartupOrder;
import io.qnative.observability.Uptime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Starts the data plane in every replica (not only on the leader): the listeners on the configured host and ports,
 * the activator fed by the EndpointSlice (where served) or Endpoints, the revision pods' (their IPs) and the Revision
 * informers, and the once-a-second stats to the autoscaler. On shutdown it drains: readiness turns false for {@code
 * qnative.gateway.drain-delay}, then new requests are refused while those in flight finish (at most {@code
 * qnative.gateway.drain-timeout}), then the listeners close.
 */
@ApplicationScoped
public class GatewayServer {

    private static final Logger LOG = Logger.getLogger(GatewayServer.class);
    private static final ResourceDefinitionContext ENDPOINT_SLICES = new ResourceDefinitionContext.Builder()
            .withGroup("discovery.k8s.io").withVersion("v1").withKind("EndpointSlice").withPlural("endpointslices")
            .withNamespaced(true).build();

    private final Vertx vertx;
    private final QnativeConfig.Gateway config;
    private final GatewayHandler handler;
    private final GatewayListeners listeners;
    private final GatewayCertificates certificates;
    private final StatReporter reporter;
    private final HttpClient http1;
    private final HttpClient h2c;
    private volatile GatewayListeners.Bound bound;
    /** {@code discovery.k8s.io/v1} EndpointSlices, once chosen as the source of Service endpoints. */
    private final AtomicReference<Lister<GenericKubernetesResource>> slices = new AtomicReference<>();
    private final AtomicReference<Lister<io.fabric8.kubernetes.api.model.Pod>> pods = new AtomicReference<>();
    private final Informers informers;
    private final Activator activator;
    private volatile boolean podSourceChosen;
    private boolean discoveryFailed;
    private long statTimer = -1;

    GatewayServer(Vertx vertx, QnativeConfig config, RoutingTable table, Informers informers, ConfigStore configStore,
            StatSink sink, MeterRegistry registry, Instance<GatewayCertificates> certificates, Tracer tracer,
            Tracing tracing, KubernetesClient client) {
        this.vertx = vertx;
        this.config = config.gateway();
        this.certificates = certificates.isResolvable() ? certificates.get() : GatewayCertificates.NONE;
        this.http1 = GatewayListeners.http1Client(vertx, this.config.maxConnectionsPerPod());
        this.h2c = GatewayListeners.h2cClient(vertx);
        Lister<Revision> revisions = informers.watch(Revision.class, null);
        Lister<Endpoints> endpoints = informers.watch(Endpoints.class, null);
        // the reconcilers inform on Services and Endpoints already: one shared informer each, no second cache
        Lister<io.fabric8.kubernetes.api.model.Service> services = informers.watch(
                io.fabric8.kubernetes.api.model.Service.class, null);
        ClusterView cluster = ClusterView.of(revisions, endpoints, services, slices::get, pods::get);
        java.util.function.Supplier<Activator.Settings> settings = () -> settings(configStore);
        PodProbing probing = new PodProbing(vertx, new PodProber(vertx, http1), System::nanoTime,
                () -> settings.get().probeTimeoutMillis());
        String podName = podName(config);
        this.informers = informers;
        this.activator = new Activator(vertx.getOrCreateContext(), cluster, probing,
                settings, java.util.random.RandomGenerator.getDefault(), podName, config.systemNamespace(),
                Gateway.INTERNAL_SERVICE);
        informers.watch(Endpoints.class, handler(activator::onEndpoints, activator::onEndpoints));
        GatewayMetrics metrics = new GatewayMetrics(registry);
        informers.watch(Revision.class, handler(activator::onRevision, rev -> {
            activator.onRevisionDeleted(rev);
            metrics.forget(rev.getMetadata().getNamespace(), rev.getMetadata().getName());
        }));
        informers.watch(io.fabric8.kubernetes.api.model.Service.class, handler(svc -> { },
                svc -> metrics.forgetService(svc.getMetadata().getNamespace(), svc.getMetadata().getName())));
        choosePodSource(client, informers, activator);
        this.reporter = new StatReporter(sink, podName, System::nanoTime, Clock.systemUTC());
        this.handler = new GatewayHandler(vertx, table, cluster, activator, reporter, metrics,
                () -> podSourceChosen && informers.unsynced().isEmpty() && configStore.synced(), http1, h2c,
                java.util.random.RandomGenerator.getDefault(), System::nanoTime, tracer, tracing::settings);
        this.listeners = new GatewayListeners(vertx, this.config.eventLoops(), this.config.maxConnectionsPerPod());
    }

    /**
     * Reads Service endpoints (revision pods, the gateway's own replicas, plain Service backends) from EndpointSlices
     * when the API server serves {@code discovery.k8s.io/v1} (Kubernetes 1.21+; 1.33 deprecates Endpoints and warns
     * on every call), else from Endpoints, decided once from the API group list (asked again every 2 s while the API
     * server cannot be reached; the gateway is not ready until then). The slice informer holds the slices that name
     * a Service ({@code kubernetes.io/service-name}, which the EndpointSlice controllers set on theirs), filed by it.
     */
    private void choosePodSource(KubernetesClient client, Informers informers, Activator activator) {
        vertx.executeBlocking(() -> Discovery.serves(client, PodAddresses.SLICE_API_VERSION)).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                if (!discoveryFailed) {
                    discoveryFailed = true;
                    LOG.infof("cannot read the API group list at %s yet (%s); asking again every 2 s",
                            client.getMasterUrl(), ar.failed() ? ar.cause().toString() : "no answer");
                }
                vertx.setTimer(2000, id -> choosePodSource(client, informers, activator));
                return;
            }
            if (ar.result().get()) {
                slices.set(informers.watchGeneric(ENDPOINT_SLICES, PodAddresses.SERVICE_NAME_LABEL,
                        ClusterView.SLICES_BY_SERVICE,
                        handler(activator::onEndpointSlice, activator::onEndpointSlice)));
                activator.refreshAll();
                LOG.infof("gateway reads Service endpoints from EndpointSlices (%s is served)",
                        PodAddresses.SLICE_API_VERSION);
            } else {
                LOG.infof("gateway reads Service endpoints from Endpoints (the API server does not serve %s)",
                        PodAddresses.SLICE_API_VERSION);
            }
            podSourceChosen = true;
        });
    }

    /** After the work readiness waits on has been started (docs/memory-and-startup.md). */
    void onStart(@Observes @Priority(StartupOrder.GATEWAY) StartupEvent event) throws Exception {
        // revision pods (their IPs before the endpoints list them): the controllers' informer, which they restricted
        // to revision pods and trimmed when they were built, before this runs (StartupOrder.INFORMERS)
        pods.set(informers.watch(io.fabric8.kubernetes.api.model.Pod.class, handler(activator::onPod,
                activator::onPod)));
        bound = listeners.start(handler, config.host(), config.ports(), certificates).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        certificates.whenChanged(this::startHttpsOnFirstCertificate);
        startHttpsOnFirstCertificate();
        statTimer = vertx.setPeriodic(1000, id -> reporter.report());
        LOG.infof("gateway listening on %s on %d event loops: external http %d, cluster-local http %d%s (%s)",
                config.host(), listeners.instances(), bound.externalHttp(), bound.internalHttp(),
                certificates.available()
                        ? ", https " + bound.externalHttps() + "/" + bound.internalHttps() : "", Uptime.mark());
    }

    /** Opens 8443/8444 as soon as a certificate exists (they stay open after: unknown names fail the handshake). */
    private void startHttpsOnFirstCertificate() {
        if (!certificates.available() || bound == null || bound.externalHttps() != 0) {
            return;
        }
        listeners.startHttps(handler, config.host(), config.ports(), certificates).onSuccess(tls -> {
            GatewayListeners.Bound http = bound;
            bound = new GatewayListeners.Bound(http.externalHttp(), http.internalHttp(), tls.externalHttps(),
                    tls.internalHttps());
            LOG.infof("gateway listening for https on %s: external %d, cluster-local %d", config.host(),
                    tls.externalHttps(), tls.internalHttps());
        }).onFailure(e -> LOG.errorf("gateway https listeners did not start: %s", e.toString()));
    }

    void onStop(@Observes ShutdownEvent event) {
        handler.startDraining();
        pause(config.drainDelay().toMillis());
        handler.refuseNew();
        CompletableFuture<Void> idle = new CompletableFuture<>();
        long check = vertx.setPeriodic(50, id -> {
            if (handler.inFlight() == 0) {
                idle.complete(null);
            }
        });
        try {
            idle.get(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("gateway drain: %d requests still in flight after %s; closing", handler.inFlight(),
                    config.drainTimeout());
        }
        vertx.cancelTimer(check);
        if (statTimer >= 0) {
            vertx.cancelTimer(statTimer);
        }
        reporter.report();
        try {
            listeners.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("gateway listeners did not close cleanly: %s", e.toString());
        }
        http1.close();
        h2c.close();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            // the drain delay is a fixed wait by design: load balancers need time to see readiness false
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ports bound, once started. */
    public GatewayListeners.Bound bound() {
        return bound;
    }

    /** Whether the gateway takes traffic (listening, synced, not draining). */
    public boolean ready() {
        return bound != null && handler.ready();
    }

    /** The activator's settings from {@code config-deployment} and {@code config-network}. */
    private static Activator.Settings settings(ConfigStore store) {
        var current = store.current();
        var a = current.deployment().activator();
        return new Activator.Settings(a.queueDepth(), a.queueTotal(), a.probeTimeout().toMillis(),
                current.network().maxUpgradedConnectionSeconds().orElse(-1));
    }

    private static String podName(QnativeConfig config) {
        return config.podName().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "qnative";
            }
        });
    }

    /** An informer handler: {@code changed} for adds and updates (the new object), {@code deleted} for deletes. */
    public static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> changed,
            java.util.function.Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        };
    }

}
