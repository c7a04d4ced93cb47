package io.qnative.reconciler.revision;

import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.time.Instant;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.gateway.Gateway;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.reconciler.revision.resources.Services;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Revision reconciler's table in the unit tier, after Knative's {@code pkg/reconciler/revision/table_test.go}:
 * rows over an in-process API store with failure injection. Expected statuses are YAML literals.
 */
class RevisionTableTest {

    static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;
    static final String KEY = "ns/foo-00001";

    static RevisionReconciler reconciler(TableContext ctx) {
        return new RevisionReconciler(ctx.lister(Revision.class), ctx.lister(Deployment.class),
                ctx.lister(Service.class), ctx.lister(PodAutoscaler.class), ctx.lister(Pod.class), ctx.children(),
                ctx.events(), ctx.snapshot(), () -> 20, Gateway.Ports.DEFAULTS, ctx.statusUpdater(), ctx.clock());
    }

    static Revision rev() {
        return Fixtures.revision();
    }

    static Deployment deployment() {
        return Deployments.make(rev(), CONFIG, DeploymentOptions.forMinor(20));
    }

    static final String DEPLOYING = """
            observedGeneration: 1
            conditions:
            - {type: Active, status: Unknown, reason: Deploying}
            - {type: ContainerHealthy, status: Unknown, reason: Deploying}
            - {type: Ready, status: Unknown, reason: Deploying}
            - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
            containerStatuses:
            - {name: user-container, imageDigest: ko.local/app:v1}
            """;

    static Row firstReconcile() {
        return Row.named("first revision reconciliation").objects(rev()).key(KEY)
                .wantCreates(deployment(), Services.makePublic(rev(), Gateway.Ports.DEFAULTS),
                        Services.makePrivate(rev()), PodAutoscalers.make(rev(), CONFIG, null))
                .wantStatusUpdates(withStatus(rev(), DEPLOYING))
                .wantEvents("Normal Created Created Deployment \"foo-00001-deployment\"",
                        "Normal Created Created Service \"foo-00001\"",
                        "Normal Created Created Service \"foo-00001-private\"",
                        "Normal Created Created PodAutoscaler \"foo-00001\"");
    }

    static Row createDeploymentFails() {
        return Row.named("failure creating user deployment").objects(rev()).key(KEY)
                .withReactors(induceFailure("create", "deployments"))
                .wantCreates(deployment())
                .wantStatusUpdates(withStatus(rev(), DEPLOYING))
                .wantEvents("Warning CreationFailed Failed to create Deployment \"foo-00001-deployment\": "
                        + "inducing failure for create deployments")
                .wantErr();
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                firstReconcile(), createDeploymentFails());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, RevisionTableTest::reconciler);
    }
}
