package io.qnative.reconciler.autoscaling;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.autoscaling.resources.PublicEndpoints;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The basic PodAutoscaler reconciler's table: scale target replicas, {@code <rev>} Endpoints, status. */
class PodAutoscalerReconcilerIT {

    static final Instant NOW = Fixtures.NOW;
    static final String SYSTEM_NAMESPACE = "knative-serving";
    static final String DEPLOYMENT_PATH = "ns/deployments/foo-00001-deployment";

    static PodAutoscalerReconciler reconciler(TableContext ctx) {
        return new PodAutoscalerReconciler(ctx.lister(PodAutoscaler.class), ctx.lister(Deployment.class),
                ctx.lister(Endpoints.class), ctx.children(), PodAutoscalerControllers.scaler(ctx.client()),
                ctx.snapshot(), new PodAutoscalerReconciler.Gateway(SYSTEM_NAMESPACE, io.qnative.gateway.Gateway.INTERNAL_HTTP_PORT,
                        io.qnative.gateway.Gateway.INTERNAL_HTTPS_PORT),
                ctx.statusUpdater(), ctx.clock());
    }

    /** PA foo-00001 (uid pa-uid, generation 1) with extra annotations and a status built on initialised conditions. */
    static PodAutoscaler pa(Map<String, String> annotations, Consumer<PodAutoscalerStatus> status) {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        pa.getMetadata().setUid("pa-uid");
        pa.getMetadata().setGeneration(1L);
        Map<String, String> a = new HashMap<>(pa.getMetadata().getAnnotations());
        a.putAll(annotations);
        pa.getMetadata().setAnnotations(a);
        if (status != null) {
            PodAutoscalerStatus st = new PodAutoscalerStatus();
            st.initializeConditions(NOW);
            st.setObservedGeneration(1L);
            status.accept(st);
            pa.setStatus(st);
        }
        return pa;
    }

    /** What every pass reports besides scales and Active. */
    static Consumer<PodAutoscalerStatus> reported(int desired, int actual, Consumer<PodAutoscalerStatus> rest) {
        return st -> {
            st.setServiceName("foo-00001");
            st.setMetricsServiceName("foo-00001-private");
            st.setDesiredScale(desired);
            st.setActualScale(actual);
            st.markSksReady(NOW);
            rest.accept(st);
        };
    }

    static void queued(PodAutoscalerStatus st) {
        st.markActivating(PodAutoscalerConditions.REASON_QUEUED, PodAutoscalerReconciler.MESSAGE_QUEUED, NOW);
    }

    static void initialisedAndActive(PodAutoscalerStatus st) {
        st.markScaleTargetInitialized(NOW);
        st.markActive(NOW);
    }

    static Deployment deployment(int replicas, int ready) {
        Deployment d = Deployments.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, DeploymentOptions.forMinor(20));
        d.getSpec().setReplicas(replicas);
        d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).build());
        return d;
    }

    static Endpoints gateway(String... ips) {
        EndpointSubsetBuilder subset = new EndpointSubsetBuilder();
        for (String ip : ips) {
            subset.addNewAddress().withIp(ip).endAddress();
        }
        subset.addNewPort().withName("http2").withPort(8081).withProtocol("TCP").endPort()
                .addNewPort().withName("https").withPort(8444).withProtocol("TCP").endPort();
        return new EndpointsBuilder().withNewMetadata().withNamespace(SYSTEM_NAMESPACE)
                .withName(io.qnative.gateway.Gateway.INTERNAL_SERVICE).endMetadata().withSubsets(subset.build()).build();
    }

    static Endpoints revEndpoints(Endpoints gateway) {
        return PublicEndpoints.make(pa(Map.of(), null), gateway, 8081, 8444);
    }

    static Stream<Row> rows() {
        Endpoints foreign = revEndpoints(null);
        foreign.getMetadata().setOwnerReferences(List.of());
        Endpoints stale = revEndpoints(gateway("10.0.0.1"));
        stale.getMetadata().getLabels().put("team", "a");
        Endpoints refreshed = Kmeta.deepCopy(stale, Endpoints.class);
        refreshed.setSubsets(revEndpoints(gateway("10.0.0.5", "10.0.0.4")).getSubsets());
        refreshed.getMetadata().getLabels().remove("team");
        PodAutoscaler unreachable = pa(Map.of(), PodAutoscalerReconcilerIT::initialisedAndActive);
        unreachable.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        PodAutoscaler unreachableAfter = pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive));
        unreachableAfter.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        return Stream.of(
                Row.named("a new PA writes <rev>'s Endpoints (no gateway endpoints: no subsets) and waits for pods")
                        .objects(pa(Map.of(), null), deployment(1, 0))
                        .key("ns/foo-00001")
                        .wantCreates(revEndpoints(null))
                        .wantStatusUpdates(pa(Map.of(), reported(1, 0, PodAutoscalerReconcilerIT::queued)))
                        .wantEvents("Normal Created Created Endpoints \"foo-00001\""),
                Row.named("initial-scale sets the Deployment's replicas before initialisation")
                        .objects(pa(Map.of("autoscaling.knative.dev/initial-scale", "3"), s -> { }),
                                deployment(1, 0), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":3}}")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/initial-scale", "3"),
                                reported(3, 0, PodAutoscalerReconcilerIT::queued))),
                Row.named("the initial scale ready once: ScaleTargetInitialized, Active, Ready")
                        .objects(pa(Map.of(), reported(1, 0, PodAutoscalerReconcilerIT::queued)),
                                deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of(), reported(1, 1, st -> {
                            queued(st);
                            initialisedAndActive(st);
                        }))),
                Row.named("not initialised while fewer than initial-scale pods are ready")
                        .objects(pa(Map.of("autoscaling.knative.dev/initial-scale", "2"),
                                reported(2, 0, PodAutoscalerReconcilerIT::queued)), deployment(2, 1),
                                revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/initial-scale", "2"),
                                reported(2, 1, PodAutoscalerReconcilerIT::queued))),
                Row.named("min-scale raises an initialised Deployment")
                        .objects(pa(Map.of("autoscaling.knative.dev/min-scale", "2"),
                                reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":2}}")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/min-scale", "2"),
                                reported(2, 1, st -> {
                                    initialisedAndActive(st);
                                    queued(st);
                                }))),
                Row.named("an initialised Deployment scaled by someone else is not scaled back")
                        .objects(pa(Map.of(), reported(3, 3, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(3, 3), revEndpoints(null))
                        .key("ns/foo-00001"),
                Row.named("unreachable with min-scale 0 keeps its replicas (the KPA will decide)")
                        .objects(unreachable, deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(unreachableAfter),
                Row.named("the gateway's endpoints become <rev>'s, on <rev>'s port names")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), gateway("10.0.0.5", "10.0.0.4"))
                        .key("ns/foo-00001")
                        .wantCreates(revEndpoints(gateway("10.0.0.4", "10.0.0.5")))
                        .wantEvents("Normal Created Created Endpoints \"foo-00001\""),
                Row.named("changed gateway endpoints update <rev>'s")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), gateway("10.0.0.5", "10.0.0.4"), stale)
                        .key("ns/foo-00001")
                        .wantUpdates(refreshed),
                Row.named("Endpoints another object controls are not touched: Inactive NotOwned")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), foreign)
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of(), reported(1, 1, st -> {
                            initialisedAndActive(st);
                            st.markResourceNotOwned("Endpoints", "foo-00001", NOW);
                        })))
                        .wantErr(),
                Row.named("no scale target yet: nothing happens until its Deployment appears")
                        .objects(pa(Map.of(), s -> { }))
                        .key("ns/foo-00001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, PodAutoscalerReconcilerIT::reconciler);
    }
}
