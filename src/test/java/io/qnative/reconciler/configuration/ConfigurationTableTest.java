package io.qnative.reconciler.configuration;

import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.reconciler.configuration.resources.Revisions;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Configuration reconciler's table in the unit tier, after Knative's
 * {@code pkg/reconciler/configuration/configuration_test.go}: rows over an in-process API store, with failure
 * injection; the Revisions it creates are built with {@code Revisions.make} (as Knative's with
 * {@code resources.MakeRevision}), every status it writes is a YAML literal.
 */
class ConfigurationTableTest {

    static final String KEY = "ns/foo";

    static ConfigurationReconciler reconciler(TableContext ctx) {
        return new ConfigurationReconciler(ctx.lister(Configuration.class), ctx.lister(Revision.class),
                ctx.children(), ctx.events(), ctx.statusUpdater(), ctx.snapshot(), ctx.clock());
    }

    /** Configuration foo at {@code generation}, no status. */
    static Configuration config(long generation) {
        Configuration c = Fixtures.configuration();
        c.getMetadata().setGeneration(generation);
        return c;
    }

    static Configuration config(long generation, String status) {
        return withStatus(config(generation), status);
    }

    /** The Revision Configuration foo makes at {@code generation}, as stored. */
    static Revision revision(long generation) {
        Revision r = Revisions.make(config(generation), Fixtures.NOW);
        r.getMetadata().setGeneration(1L);
        r.getMetadata().setCreationTimestamp("2026-11-26T22:00:00Z");
        return r;
    }

    static Revision revision(long generation, String status) {
        return withStatus(revision(generation), status);
    }

    static final String REV_READY = """
            observedGeneration: 1
            conditions:
            - {type: ContainerHealthy, status: "True"}
            - {type: Ready, status: "True"}
            - {type: ResourcesAvailable, status: "True"}
            """;

    static final String REV_DEPLOYING = """
            observedGeneration: 1
            conditions:
            - {type: ContainerHealthy, status: Unknown, reason: Deploying}
            - {type: Ready, status: Unknown, reason: Deploying}
            - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
            """;

    static final String REV_FAILED = """
            observedGeneration: 1
            conditions:
            - {type: ContainerHealthy, status: "False", reason: ExitCode1, message: boom}
            - {type: Ready, status: "False", reason: ExitCode1, message: boom}
            - {type: ResourcesAvailable, status: "True"}
            """;

    static final String CREATED_1 = """
            observedGeneration: 1
            conditions:
            - {type: Ready, status: Unknown}
            latestCreatedRevisionName: foo-00001
            """;

    static final String READY_1 = """
            observedGeneration: 1
            conditions:
            - {type: Ready, status: "True"}
            latestCreatedRevisionName: foo-00001
            latestReadyRevisionName: foo-00001
            """;

    static String created(String name) {
        return "Normal Created Created Revision \"" + name + "\"";
    }

    static Row createRevision() {
        return Row.named("create revision matching generation").key(KEY).objects(config(1))
                .wantCreates(Revisions.make(config(1), Fixtures.NOW))
                .wantStatusUpdates(config(1, CREATED_1))
                .wantEvents(created("foo-00001"));
    }

    static Row createRevisionFails() {
        return Row.named("create revision fails").key(KEY).objects(config(1))
                .withReactors(induceFailure("create", "revisions"))
                .wantCreates(Revisions.make(config(1), Fixtures.NOW))
                .wantStatusUpdates(config(1, """
                        observedGeneration: 1
                        conditions:
                        - type: Ready
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision creation failed with message: inducing failure for create revisions."
                        """))
                .wantEvents("Warning CreationFailed Failed to create Revision \"foo-00001\": "
                        + "inducing failure for create revisions")
                .wantErr();
    }

    static Row statusUpdateFails() {
        return Row.named("failure updating configuration status").key(KEY).objects(config(1))
                .withReactors(induceFailure("update", "configurations"))
                .wantCreates(Revisions.make(config(1), Fixtures.NOW))
                .wantStatusUpdates(config(1, CREATED_1))
                .wantEvents(created("foo-00001"))
                .wantErr();
    }

    static Row revisionDeploying() {
        return Row.named("reconcile revision matching generation (ready: unknown)").key(KEY)
                .objects(config(1, CREATED_1), revision(1, REV_DEPLOYING));
    }

    static Row revisionReady() {
        return Row.named("reconcile revision matching generation (ready: true)").key(KEY)
                .objects(config(1, CREATED_1), revision(1, REV_READY))
                .wantStatusUpdates(config(1, READY_1))
                .wantEvents("Normal ConfigurationReady Configuration becomes ready",
                        "Normal LatestReadyUpdate LatestReadyRevisionName updated to \"foo-00001\"");
    }

    static Row revisionFailed() {
        return Row.named("reconcile revision matching generation (ready: false)").key(KEY)
                .objects(config(1, CREATED_1), revision(1, REV_FAILED))
                .wantStatusUpdates(config(1, """
                        observedGeneration: 1
                        conditions:
                        - type: Ready
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision \\"foo-00001\\" failed with message: boom."
                        latestCreatedRevisionName: foo-00001
                        """))
                .wantEvents("Warning LatestCreatedFailed Latest created revision \"foo-00001\" has failed");
    }

    static Row steadyState() {
        return Row.named("ready steady state").key(KEY).objects(config(1, READY_1), revision(1, REV_READY));
    }

    static Row newGeneration() {
        Configuration c = config(2, READY_1);
        return Row.named("a new generation creates a second revision; latest ready stays on the first").key(KEY)
                .objects(c, revision(1, REV_READY))
                .wantCreates(Revisions.make(config(2), Fixtures.NOW))
                .wantStatusUpdates(config(2, """
                        observedGeneration: 2
                        conditions:
                        - {type: Ready, status: Unknown}
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00001
                        """))
                .wantEvents(created("foo-00002"));
    }

    static Row latestReadyKeptWhenNewFails() {
        return Row.named("revision not ready, the latest ready should be kept").key(KEY)
                .objects(config(2, """
                        observedGeneration: 2
                        conditions:
                        - {type: Ready, status: Unknown}
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00001
                        """), revision(1, REV_READY), revision(2, REV_FAILED))
                .wantStatusUpdates(config(2, """
                        observedGeneration: 2
                        conditions:
                        - type: Ready
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision \\"foo-00002\\" failed with message: boom."
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00001
                        """))
                .wantEvents("Warning LatestCreatedFailed Latest created revision \"foo-00002\" has failed");
    }

    static Row newReadyReplacesLatestReady() {
        return Row.named("the newer ready revision becomes latest ready").key(KEY)
                .objects(config(2, """
                        observedGeneration: 2
                        conditions:
                        - {type: Ready, status: Unknown}
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00001
                        """), revision(1, REV_READY), revision(2, REV_READY))
                .wantStatusUpdates(config(2, """
                        observedGeneration: 2
                        conditions:
                        - {type: Ready, status: "True"}
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00002
                        """))
                .wantEvents("Normal LatestReadyUpdate LatestReadyRevisionName updated to \"foo-00002\"");
    }

    static Configuration byo(Configuration c) {
        c.getSpec().getTemplate().getMetadata().setName("foo-byo");
        return c;
    }

    static Row byoName() {
        Configuration c = byo(config(1));
        Revision want = Revisions.make(c, Fixtures.NOW);
        return Row.named("byo name create").key(KEY).objects(c)
                .wantCreates(want)
                .wantStatusUpdates(withStatus(c, """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown}
                        latestCreatedRevisionName: foo-byo
                        """))
                .wantEvents(created("foo-byo"));
    }

    static Row byoNameTaken() {
        Configuration c = byo(config(1));
        Revision foreign = revision(1);
        foreign.getMetadata().setName("foo-byo");
        foreign.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Configuration").withName("other").withUid("other-uid").withController(true).build()));
        foreign.getMetadata().getLabels().put("serving.knative.dev/configuration", "other");
        return Row.named("byo name exists (not owned)").key(KEY).objects(c, foreign)
                .wantStatusUpdates(withStatus(c, """
                        observedGeneration: 1
                        conditions:
                        - type: Ready
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision creation failed with message: revisions.serving.knative.dev \\"foo-byo\\" already exists."
                        """));
    }

    static Row beingDeleted() {
        Configuration c = config(1, READY_1);
        c.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        c.getMetadata().setFinalizers(List.of("keep"));
        return Row.named("nop deletion reconcile").key(KEY).objects(c);
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                beingDeleted(), createRevision(), createRevisionFails(), statusUpdateFails(), revisionDeploying(),
                revisionReady(), revisionFailed(), steadyState(), newGeneration(), latestReadyKeptWhenNewFails(),
                newReadyReplacesLatestReady(), byoName(), byoNameTaken());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, ConfigurationTableTest::reconciler);
    }
}
