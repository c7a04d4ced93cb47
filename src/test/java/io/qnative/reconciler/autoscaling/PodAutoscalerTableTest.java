package io.qnative.reconciler.autoscaling;

import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.config.ConfigSnapshot;
import io.qnative.gateway.Gateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.autoscaling.resources.PublicEndpoints;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The basic PodAutoscaler reconciler's table in the unit tier (the parts of Knative's
 * {@code pkg/reconciler/autoscaling/kpa/kpa_test.go} this reconciler has: scale target, the public Service's
 * Endpoints standing in for the SKS, status), with failure injection; statuses are YAML literals. Not ported until
 * the KPA decider lands: rows about metrics, the decider's scale, the activator in the path and scale-to-zero grace.
 */
class PodAutoscalerTableTest {

    static final String KEY = "ns/foo-00001";
    static final String SYSTEM_NAMESPACE = "knative-serving";
    static final String DEPLOYMENT_PATH = "ns/deployments/foo-00001-deployment";

    static Reconciler reconciler(TableContext ctx) {
        PodAutoscalerReconciler r = new PodAutoscalerReconciler(ctx.lister(PodAutoscaler.class),
                ctx.lister(Deployment.class), ctx.lister(Endpoints.class), ctx.children(),
                PodAutoscalerControllers.scaler(ctx.client()), ctx.snapshot(),
                new PodAutoscalerReconciler.Gateway(SYSTEM_NAMESPACE, Gateway.INTERNAL_HTTP_PORT,
                        Gateway.INTERNAL_HTTPS_PORT),
                PodAutoscalerReconcilerIT.NONE, new AutoscalerMetrics(new SimpleMeterRegistry()),
                new HpaAutoscaling(ctx.client(), ctx.children(), () -> 20), ctx.statusUpdater(), ctx.clock());
        return PodAutoscalerControllers.onlyKnativeClasses(ctx.lister(PodAutoscaler.class), r, key -> { });
    }

    /** PA foo-00001 (uid pa-uid, generation 1), no status. */
    static PodAutoscaler pa() {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        pa.getMetadata().setUid("pa-uid");
        pa.getMetadata().setGeneration(1L);
        return pa;
    }

    static PodAutoscaler pa(String status) {
        return withStatus(pa(), status);
    }

    static Deployment deployment(int replicas, int ready) {
        Deployment d = Deployments.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, DeploymentOptions.forMinor(20));
        d.getSpec().setReplicas(replicas);
        return withStatus(d, "{replicas: " + replicas + ", readyReplicas: " + ready + ", availableReplicas: " + ready
                + "}");
    }

    /** {@code <rev>}'s Endpoints while the gateway has no endpoints of its own: no subsets. */
    static Endpoints revEndpoints() {
        return PublicEndpoints.make(pa(), null, Gateway.INTERNAL_HTTP_PORT, Gateway.INTERNAL_HTTPS_PORT);
    }

    static final String QUEUED = """
            observedGeneration: 1
            conditions:
            - {type: Active, status: Unknown, reason: Queued, message: Requests to the target are being buffered as resources are provisioned.}
            - {type: Ready, status: Unknown, reason: Queued, message: Requests to the target are being buffered as resources are provisioned.}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: Unknown}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            desiredScale: 1
            actualScale: 0
            """;

    static final String ACTIVE = """
            observedGeneration: 1
            conditions:
            - {type: Active, status: "True"}
            - {type: Ready, status: "True"}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: "True"}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            desiredScale: 1
            actualScale: 1
            """;

    static Row first() {
        return Row.named("a new pa writes <rev>'s endpoints and waits for pods").key(KEY)
                .objects(pa(), deployment(1, 0))
                .wantCreates(revEndpoints())
                .wantStatusUpdates(pa(QUEUED))
                .wantEvents("Normal Created Created Endpoints \"foo-00001\"");
    }

    static Row createEndpointsFails() {
        return Row.named("failure creating <rev>'s endpoints").key(KEY)
                .objects(pa(), deployment(1, 0))
                .withReactors(induceFailure("create", "endpoints"))
                .wantCreates(revEndpoints())
                .wantStatusUpdates(pa("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown}
                        - {type: Ready, status: Unknown, reason: NewObservedGenFailure, message: unsuccessfully observed a new generation}
                        - {type: SKSReady, status: Unknown}
                        - {type: ScaleTargetInitialized, status: Unknown}
                        """))
                .wantEvents("Warning CreationFailed Failed to create Endpoints \"foo-00001\": "
                        + "inducing failure for create endpoints")
                .wantErr();
    }

    static Row statusUpdateFails() {
        return Row.named("failure updating pa status").key(KEY)
                .objects(pa(), deployment(1, 0))
                .withReactors(induceFailure("update", "podautoscalers"))
                .wantCreates(revEndpoints())
                .wantStatusUpdates(pa(QUEUED))
                .wantEvents("Normal Created Created Endpoints \"foo-00001\"")
                .wantErr();
    }

    static PodAutoscaler withAnnotation(PodAutoscaler pa, String key, String value) {
        pa.getMetadata().getAnnotations().put(key, value);
        return pa;
    }

    static Row initialScale() {
        PodAutoscaler pa = withAnnotation(pa(), "autoscaling.knative.dev/initial-scale", "3");
        return Row.named("initial-scale sets the deployment's replicas").key(KEY)
                .objects(pa, deployment(1, 0), revEndpoints())
                .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":3}}")
                .wantStatusUpdates(withStatus(pa, QUEUED.replace("desiredScale: 1", "desiredScale: 3")));
    }

    static Row scaleFails() {
        PodAutoscaler pa = withAnnotation(pa(), "autoscaling.knative.dev/initial-scale", "3");
        return Row.named("failure scaling the deployment").key(KEY)
                .objects(pa, deployment(1, 0), revEndpoints())
                .withReactors(induceFailure("patch", "deployments"))
                .wantPatch(DEPLOYMENT_PATH, "{\"spec\":{\"replicas\":3}}")
                .wantStatusUpdates(withStatus(pa, """
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown}
                        - {type: Ready, status: Unknown, reason: NewObservedGenFailure, message: unsuccessfully observed a new generation}
                        - {type: SKSReady, status: Unknown}
                        - {type: ScaleTargetInitialized, status: Unknown}
                        """))
                .wantErr();
    }

    static Row becomesActive() {
        return Row.named("the initial scale ready: ScaleTargetInitialized, Active, Ready").key(KEY)
                .objects(pa(QUEUED), deployment(1, 1), revEndpoints())
                .wantStatusUpdates(pa(ACTIVE));
    }

    static Row steady() {
        return Row.named("steady state").key(KEY).objects(pa(ACTIVE), deployment(1, 1), revEndpoints());
    }

    static Row scaledByOthers() {
        return Row.named("an initialised deployment scaled by someone else is not scaled back").key(KEY)
                .objects(pa(ACTIVE.replace("desiredScale: 1", "desiredScale: 3")
                        .replace("actualScale: 1", "actualScale: 3")), deployment(3, 3), revEndpoints());
    }

    static Endpoints gatewayEndpoints() {
        return Literals.object("""
                apiVersion: v1
                kind: Endpoints
                metadata: {namespace: knative-serving, name: qnative-gateway-internal}
                subsets:
                - addresses: [{ip: 10.0.0.5}, {ip: 10.0.0.4}]
                  ports:
                  - {name: http2, port: 8081, protocol: TCP}
                  - {name: https, port: 8444, protocol: TCP}
                """, Endpoints.class);
    }

    static Row updateEndpointsFails() {
        Endpoints stale = revEndpoints();
        return Row.named("failure updating <rev>'s endpoints").key(KEY)
                .objects(pa(ACTIVE), deployment(1, 1), gatewayEndpoints(), stale)
                .withReactors(induceFailure("update", "endpoints"))
                .wantUpdates(PublicEndpoints.make(pa(), gatewayEndpoints(), Gateway.INTERNAL_HTTP_PORT,
                        Gateway.INTERNAL_HTTPS_PORT))
                .wantEvents("Warning UpdateFailed Failed to update Endpoints \"foo-00001\": "
                        + "inducing failure for update endpoints")
                .wantErr();
    }

    static Row notOwned() {
        Endpoints foreign = revEndpoints();
        foreign.getMetadata().setOwnerReferences(List.of());
        return Row.named("endpoints another object controls: NotOwned").key(KEY)
                .objects(pa(ACTIVE), deployment(1, 1), foreign)
                .wantStatusUpdates(pa("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: "False", reason: NotOwned, message: There is an existing Endpoints "foo-00001" that we do not own.}
                        - {type: Ready, status: "False", reason: NotOwned, message: There is an existing Endpoints "foo-00001" that we do not own.}
                        - {type: SKSReady, status: "True"}
                        - {type: ScaleTargetInitialized, status: "True"}
                        serviceName: foo-00001
                        metricsServiceName: foo-00001-private
                        desiredScale: 1
                        actualScale: 1
                        """))
                .wantErr();
    }

    static Row noTarget() {
        return Row.named("no scale target yet: nothing until its deployment appears").key(KEY)
                .objects(pa(ACTIVE));
    }

    static Row otherClass() {
        PodAutoscaler other = withAnnotation(pa(), "autoscaling.knative.dev/class", "custom.autoscaler.example.com");
        return Row.named("a pa of another class is left to its own reconciler").key(KEY)
                .objects(other, deployment(1, 0));
    }

    static Row beingDeleted() {
        PodAutoscaler pa = pa(ACTIVE);
        pa.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        pa.getMetadata().setFinalizers(List.of("keep"));
        return Row.named("nop deletion reconcile").key(KEY).objects(pa, deployment(1, 1));
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                beingDeleted(), first(), createEndpointsFails(), statusUpdateFails(), initialScale(), scaleFails(),
                becomesActive(), steady(), scaledByOthers(), updateEndpointsFails(), notOwned(), noTarget(),
                otherClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, PodAutoscalerTableTest::reconciler);
    }
}
