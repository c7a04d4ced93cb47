package io.qnative.reconciler.autoscaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.reconciler.autoscaling.resources.HorizontalPodAutoscalers;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.PodCounter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The basic PodAutoscaler reconciler's table: scale target replicas, {@code <rev>} Endpoints, status. */
class PodAutoscalerReconcilerIT {

    static final Instant NOW = Fixtures.NOW;
    static final String SYSTEM_NAMESPACE = "knative-serving";
    static final String DEPLOYMENT_PATH = "ns/deployments/foo-00001-deployment";

    static PodAutoscalerReconciler reconciler(TableContext ctx, Deciders deciders) {
        return reconciler(ctx, deciders, 27);
    }

    static PodAutoscalerReconciler reconciler(TableContext ctx, Deciders deciders, int serverMinor) {
        return new PodAutoscalerReconciler(ctx.lister(PodAutoscaler.class), ctx.lister(Deployment.class),
                ctx.lister(Endpoints.class), ctx.children(), PodAutoscalerControllers.scaler(ctx.client()),
                ctx.snapshot(), new PodAutoscalerReconciler.Gateway(SYSTEM_NAMESPACE,
                        io.qnative.gateway.Gateway.INTERNAL_HTTP_PORT, io.qnative.gateway.Gateway.INTERNAL_HTTPS_PORT),
                deciders, new AutoscalerMetrics(new SimpleMeterRegistry()),
                new HpaAutoscaling(ctx.client(), ctx.children(), () -> serverMinor), ctx.statusUpdater(),
                ctx.clock());
    }

    static final Map<String, String> HPA_CPU = Map.of("autoscaling.knative.dev/class",
            "hpa.autoscaling.knative.dev", "autoscaling.knative.dev/metric", "cpu", "autoscaling.knative.dev/target",
            "70");

    static HorizontalPodAutoscaler hpa(HorizontalPodAutoscalerStatus status) {
        PodAutoscaler pa = pa(HPA_CPU, null);
        HorizontalPodAutoscaler h = HorizontalPodAutoscalers.make(pa, PodAutoscalerReconciler.parameters(pa,
                ConfigSnapshot.DEFAULT.autoscaler()));
        h.setStatus(status);
        return h;
    }

    static Stream<Arguments> hpaRows() {
        PodAutoscaler fresh = pa(HPA_CPU, s -> { });
        return Stream.of(
                Arguments.of(Row.named("an HPA-class PA gets its autoscaling/v2 HPA and is Active at once").wantRequeueAfter(Duration.parse("PT15S"))
                        .objects(fresh, deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantCreates(hpa(null))
                        .wantStatusUpdates(pa(HPA_CPU, reported(0, 0, st -> st.markActive(NOW))))
                        .wantEvents("Normal Created Created HorizontalPodAutoscaler \"foo-00001\""), 27),
                Arguments.of(Row.named("on a 1.20 server the HPA is autoscaling/v2beta2").wantRequeueAfter(Duration.parse("PT15S"))
                        .objects(fresh, deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantCreates(HorizontalPodAutoscalers.asV2beta2(hpa(null)))
                        .wantStatusUpdates(pa(HPA_CPU, reported(0, 0, st -> st.markActive(NOW))))
                        .wantEvents("Normal Created Created HorizontalPodAutoscaler \"foo-00001\""), 20),
                Arguments.of(Row.named("the HPA's replicas become the PA's scales; the target is initialised: Ready").wantRequeueAfter(Duration.parse("PT15S"))
                        .objects(fresh, deployment(2, 2), revEndpoints(null),
                                hpa(new HorizontalPodAutoscalerStatusBuilder().withCurrentReplicas(2)
                                        .withDesiredReplicas(3).build()))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(HPA_CPU,
                                reported(3, 2, PodAutoscalerReconcilerIT::initialisedAndActive))), 27));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hpaRows")
    void hpaRow(Row row, int serverMinor) throws Exception {
        Table.run(row, ctx -> reconciler(ctx, NONE, serverMinor));
    }

    /** A decider that has published {@code desired} (−1: nothing yet); the gateway proxied for {@code proxyFor}. */
    record Published(int desired, int ebc, Duration proxyFor) implements Deciders {

        static Published scale(int desired) {
            return new Published(desired, -1, Duration.ZERO);
        }

        @Override
        public Decision reconcile(RevisionKey key, Parameters params, PodCounter pods, Instant now) {
            return new Decision(desired, ebc, false, Double.NaN, Double.NaN, -1);
        }

        @Override
        public void delete(RevisionKey key) {
        }

        @Override
        public Duration proxyFor(RevisionKey key, Instant now) {
            return proxyFor;
        }

        @Override
        public void routed(RevisionKey key, boolean proxied, Instant now) {
        }
    }

    /** PA foo-00001 (uid pa-uid, generation 1, no min-scale) with extra annotations and a status built on initialised conditions. */
    static PodAutoscaler pa(Map<String, String> annotations, Consumer<PodAutoscalerStatus> status) {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        pa.getMetadata().setUid("pa-uid");
        pa.getMetadata().setGeneration(1L);
        Map<String, String> a = new HashMap<>(pa.getMetadata().getAnnotations());
        // the fixture Revision's min-scale 1 would hide every scale-to-zero path
        a.remove("autoscaling.knative.dev/min-scale");
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

    static Stream<Arguments> rows() {
        Endpoints foreign = revEndpoints(null);
        foreign.getMetadata().setOwnerReferences(List.of());
        Endpoints stale = revEndpoints(gateway("10.0.0.1"));
        stale.getMetadata().getLabels().put("team", "a");
        Endpoints refreshed = Kmeta.deepCopy(stale, Endpoints.class);
        refreshed.setSubsets(revEndpoints(gateway("10.0.0.5", "10.0.0.4")).getSubsets());
        refreshed.getMetadata().getLabels().remove("team");
        PodAutoscaler unreachable = pa(Map.of(), PodAutoscalerReconcilerIT::initialisedAndActive);
        unreachable.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        PodAutoscaler unreachableAfter = pa(Map.of(),
                reported(-1, 1, PodAutoscalerReconcilerIT::initialisedAndActive));
        unreachableAfter.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        return Stream.of(
                Arguments.of(Row.named("a new PA writes <rev>'s Endpoints (no gateway endpoints: no subsets) and "
                                + "waits for pods without a decision").wantRequeueAfter(Duration.parse("PT10M30S"))
                        .objects(pa(Map.of(), null), deployment(1, 0))
                        .key("ns/foo-00001")
                        .wantCreates(revEndpoints(null))
                        .wantStatusUpdates(pa(Map.of(), reported(-1, 0, PodAutoscalerReconcilerIT::queued)))
                        .wantEvents("Normal Created Created Endpoints \"foo-00001\""), NONE),
                Arguments.of(Row.named("initial-scale sets the Deployment's replicas before initialisation")
                        .objects(pa(Map.of("autoscaling.knative.dev/initial-scale", "3"), s -> { }),
                                deployment(1, 0), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":3}}")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/initial-scale", "3"),
                                reported(3, 0, PodAutoscalerReconcilerIT::queued))), NONE),
                Arguments.of(Row.named("the initial scale ready once: ScaleTargetInitialized, Active, Ready").wantRequeueAfter(Duration.parse("PT10M30S"))
                        .objects(pa(Map.of(), reported(1, 0, PodAutoscalerReconcilerIT::queued)),
                                deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of(), reported(1, 1, st -> {
                            queued(st);
                            initialisedAndActive(st);
                        }))), NONE),
                Arguments.of(Row.named("not initialised while fewer than initial-scale pods are ready")
                        .objects(pa(Map.of("autoscaling.knative.dev/initial-scale", "2"),
                                reported(2, 0, PodAutoscalerReconcilerIT::queued)), deployment(2, 1),
                                revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/initial-scale", "2"),
                                reported(2, 1, PodAutoscalerReconcilerIT::queued))), NONE),
                Arguments.of(Row.named("min-scale raises a decision below it")
                        .objects(pa(Map.of("autoscaling.knative.dev/min-scale", "2"),
                                reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":2}}")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/min-scale", "2"),
                                reported(2, 1, st -> {
                                    initialisedAndActive(st);
                                    queued(st);
                                }))), Published.scale(1)),
                Arguments.of(Row.named("without a decision an initialised Deployment is left alone")
                        .objects(pa(Map.of(), reported(3, 3, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(3, 3), revEndpoints(null))
                        .key("ns/foo-00001"), NONE),
                Arguments.of(Row.named("unreachable without a decision keeps its replicas")
                        .objects(unreachable, deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(unreachableAfter), NONE),
                Arguments.of(Row.named("the gateway's endpoints become <rev>'s, on <rev>'s port names")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), gateway("10.0.0.5", "10.0.0.4"))
                        .key("ns/foo-00001")
                        .wantCreates(revEndpoints(gateway("10.0.0.4", "10.0.0.5")))
                        .wantEvents("Normal Created Created Endpoints \"foo-00001\""), NONE),
                Arguments.of(Row.named("changed gateway endpoints update <rev>'s")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), gateway("10.0.0.5", "10.0.0.4"), stale)
                        .key("ns/foo-00001")
                        .wantUpdates(refreshed), NONE),
                Arguments.of(Row.named("Endpoints another object controls are not touched: Inactive NotOwned")
                        .objects(pa(Map.of(), reported(1, 1, PodAutoscalerReconcilerIT::initialisedAndActive)),
                                deployment(1, 1), foreign)
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of(), reported(1, 1, st -> {
                            initialisedAndActive(st);
                            st.markResourceNotOwned("Endpoints", "foo-00001", NOW);
                        })))
                        .wantErr(), NONE),
                Arguments.of(Row.named("no scale target yet: nothing happens until its Deployment appears")
                        .objects(pa(Map.of(), s -> { }))
                        .key("ns/foo-00001"), NONE));
    }

    /** Rows where the decider has published a scale. */
    static Stream<Arguments> decided() {
        ConfigSnapshot noScaleToZero = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-autoscaler",
                Map.of("enable-scale-to-zero", "false"));
        return Stream.of(
                Arguments.of(Row.named("a decision scales the Deployment")
                        .objects(active(Map.of(), 1, NOW), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":5}}")
                        .wantStatusUpdates(active(Map.of(), 5, NOW)), Published.scale(5)),
                Arguments.of(Row.named("max-scale caps a decision")
                        .objects(active(Map.of("autoscaling.knative.dev/max-scale", "3"), 1, NOW), deployment(1, 1),
                                revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":3}}")
                        .wantStatusUpdates(active(Map.of("autoscaling.knative.dev/max-scale", "3"), 3, NOW)),
                        Published.scale(5)),
                Arguments.of(Row.named("zero while Active for less than the stable window keeps one pod").wantRequeueAfter(Duration.parse("PT0.5S"))
                        .objects(active(Map.of(), 2, NOW.minusSeconds(59)), deployment(2, 2), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":1}}")
                        .wantStatusUpdates(pa(Map.of(), reported(1, 2, st -> {
                            st.markScaleTargetInitialized(NOW);
                            st.markActive(NOW.minusSeconds(59));
                        }))), Published.scale(0)),
                Arguments.of(Row.named("zero after a stable window Active turns the PA Inactive, no scaling yet").wantRequeueAfter(Duration.parse("PT3S"))
                        .objects(active(Map.of(), 1, NOW.minusSeconds(60)), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of(), reported(0, 1, st -> {
                            st.markScaleTargetInitialized(NOW);
                            st.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC,
                                    PodAutoscalerReconciler.MESSAGE_NO_TRAFFIC, NOW);
                        }))), Published.scale(0)),
                Arguments.of(Row.named("Inactive for the grace period scales to zero")
                        .objects(inactive(1, NOW.minusSeconds(30)), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":0}}")
                        .wantStatusUpdates(inactive(0, NOW.minusSeconds(30))), Published.scale(0)),
                Arguments.of(Row.named("Inactive within the grace period and freshly proxied waits").wantRequeueAfter(Duration.parse("PT25S"))
                        .objects(inactive(0, NOW.minusSeconds(10)), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001"), new Published(0, -1, Duration.ofSeconds(5))),
                Arguments.of(Row.named("Inactive within the grace period but proxied for longer scales to zero")
                        .objects(inactive(0, NOW.minusSeconds(10)), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":0}}"),
                        new Published(0, -1, Duration.ofSeconds(30))),
                Arguments.of(Row.named("pod retention keeps the last pod past the grace period").wantRequeueAfter(Duration.parse("PT59.5S"))
                        .objects(inactiveWith(Map.of("autoscaling.knative.dev/scale-to-zero-pod-retention-period",
                                "2m"), 0, NOW.minusSeconds(60)), deployment(1, 1), revEndpoints(null))
                        .key("ns/foo-00001"), new Published(0, -1, Duration.ofSeconds(300))),
                Arguments.of(Row.named("enable-scale-to-zero false keeps one pod")
                        .objects(active(Map.of(), 2, NOW.minusSeconds(120)), deployment(2, 2), revEndpoints(null))
                        .key("ns/foo-00001")
                        .config(noScaleToZero)
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":1}}")
                        .wantStatusUpdates(active(Map.of(), 1, NOW.minusSeconds(120), 2)), Published.scale(0)),
                Arguments.of(Row.named("an activation that never got pods times out: scale to zero, TimedOut")
                        .objects(pa(Map.of(), reported(1, 0, st -> st.markActivating(
                                PodAutoscalerConditions.REASON_QUEUED, PodAutoscalerReconciler.MESSAGE_QUEUED,
                                NOW.minusSeconds(631)))), deployment(1, 0), revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":0}}")
                        .wantStatusUpdates(pa(Map.of(), reported(0, 0, st -> st.markInactive(
                                PodAutoscalerConditions.REASON_TIMED_OUT, PodAutoscalerReconciler.MESSAGE_TIMED_OUT,
                                NOW)))), NONE),
                Arguments.of(Row.named("invalid annotations are reported and their defaults apply")
                        .objects(active(Map.of("autoscaling.knative.dev/window", "2s"), 1, NOW), deployment(1, 1),
                                revEndpoints(null))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(pa(Map.of("autoscaling.knative.dev/window", "2s"), reported(1, 1, st -> {
                            initialisedAndActive(st);
                            st.manage(NOW).markFalse(PodAutoscalerReconciler.ANNOTATIONS_VALID,
                                    PodAutoscalerReconciler.REASON_INVALID_ANNOTATIONS,
                                    "Invalid autoscaling annotations are ignored and their defaults apply: "
                                            + "expected 6s <= 2s <= 1h0m0s: autoscaling.knative.dev/window");
                        }))), Published.scale(1)));
    }

    /** An initialised PA, Active since {@code since}, that reported {@code desired} with one ready pod. */
    static PodAutoscaler active(Map<String, String> annotations, int desired, Instant since) {
        return active(annotations, desired, since, 1);
    }

    static PodAutoscaler active(Map<String, String> annotations, int desired, Instant since, int ready) {
        return pa(annotations, reported(desired, ready, st -> {
            st.markScaleTargetInitialized(NOW);
            st.markActive(since);
        }));
    }

    static PodAutoscaler inactive(int desired, Instant since) {
        return inactiveWith(Map.of(), desired, since);
    }

    static PodAutoscaler inactiveWith(Map<String, String> annotations, int desired, Instant since) {
        return pa(annotations, reported(desired, 1, st -> {
            st.markScaleTargetInitialized(NOW);
            st.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC, PodAutoscalerReconciler.MESSAGE_NO_TRAFFIC,
                    since);
        }));
    }

    static final Published NONE = Published.scale(-1);

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rows", "decided"})
    void row(Row row, Deciders deciders) throws Exception {
        Table.run(row, ctx -> reconciler(ctx, deciders));
    }

    @Test
    void loadFedToTheStatSinkScalesTheDeploymentThroughTheRealDecider() throws Exception {
        KpaRuntime kpa = new KpaRuntime(Duration.ofSeconds(2), Duration.ofSeconds(1), Clock.fixed(NOW,
                ZoneOffset.UTC));
        PodAutoscaler pa = active(Map.of(), 1, NOW);
        Row row = Row.named("real decider")
                .objects(pa, deployment(1, 1), revEndpoints(null))
                .key("ns/foo-00001")
                .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":5}}")
                .wantStatusUpdates(active(Map.of(), 5, NOW));
        Table.run(row, ctx -> {
            RevisionKey key = new RevisionKey("ns", "foo-00001");
            Parameters params = PodAutoscalerReconciler.parameters(pa, ConfigSnapshot.DEFAULT.autoscaler());
            kpa.reconcile(key, params, () -> 1, NOW);
            // 350 in flight over the target 70 per pod: 5 pods
            kpa.record(new Stat("ns", "foo-00001", "gateway-a", 200, 20, NOW));
            kpa.record(new Stat("ns", "foo-00001", "gateway-b", 150, 20, NOW));
            kpa.tick(NOW);
            return reconciler(ctx, kpa);
        });
    }

}
