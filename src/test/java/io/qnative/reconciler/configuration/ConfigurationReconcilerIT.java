package io.qnative.reconciler.configuration;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.reconciler.configuration.resources.Revisions;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Configuration reconciler's table (Knative's {@code configuration_test.go} rows). */
class ConfigurationReconcilerIT {

    static final Instant NOW = Fixtures.NOW;

    static ConfigurationReconciler reconciler(TableContext ctx) {
        return new ConfigurationReconciler(ctx.lister(Configuration.class), ctx.lister(Revision.class),
                ctx.children(), ctx.events(), ctx.statusUpdater(), ctx.snapshot(), ctx.clock());
    }

    /** Configuration foo (generation {@code generation}) with the given status, observed. */
    static Configuration config(long generation, Consumer<ConfigurationStatus> status) {
        Configuration c = Fixtures.configuration();
        c.getMetadata().setGeneration(generation);
        ConfigurationStatus st = new ConfigurationStatus();
        st.initializeConditions(NOW);
        status.accept(st);
        st.setObservedGeneration(generation);
        c.setStatus(st);
        return c;
    }

    static Configuration unreconciled(long generation) {
        Configuration c = Fixtures.configuration();
        c.getMetadata().setGeneration(generation);
        return c;
    }

    /** The Revision the Configuration at {@code generation} makes, with the given status. */
    static Revision revision(long generation, Consumer<RevisionStatus> status) {
        Revision r = Revisions.make(unreconciled(generation), NOW);
        r.getMetadata().setGeneration(1L);
        r.getMetadata().setCreationTimestamp("2026-11-26T22:00:00Z");
        RevisionStatus st = new RevisionStatus();
        st.initializeConditions(NOW);
        status.accept(st);
        st.setObservedGeneration(1L);
        r.setStatus(st);
        return r;
    }

    static void ready(RevisionStatus s) {
        s.markResourcesAvailableTrue(NOW);
        s.markContainerHealthyTrue(NOW);
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("a new Configuration creates its first Revision")
                        .objects(unreconciled(1))
                        .key("ns/foo")
                        .wantCreates(Revisions.make(unreconciled(1), NOW))
                        .wantStatusUpdates(config(1, s -> s.setLatestCreatedRevisionName("foo-00001", NOW)))
                        .wantEvents("Normal Created Created Revision \"foo-00001\""),
                Row.named("a Revision still deploying leaves Ready Unknown with no reason")
                        .objects(config(1, s -> s.setLatestCreatedRevisionName("foo-00001", NOW)),
                                revision(1, s -> { }))
                        .key("ns/foo"),
                Row.named("the ready Revision becomes latest ready and the Configuration Ready")
                        .objects(config(1, s -> s.setLatestCreatedRevisionName("foo-00001", NOW)),
                                revision(1, ConfigurationReconcilerIT::ready))
                        .key("ns/foo")
                        .wantStatusUpdates(config(1, s -> {
                            s.setLatestCreatedRevisionName("foo-00001", NOW);
                            s.setLatestReadyRevisionName("foo-00001", NOW);
                        }))
                        .wantEvents("Normal ConfigurationReady Configuration becomes ready",
                                "Normal LatestReadyUpdate LatestReadyRevisionName updated to \"foo-00001\""),
                Row.named("a failed Revision fails the Configuration with its message")
                        .objects(config(1, s -> s.setLatestCreatedRevisionName("foo-00001", NOW)),
                                revision(1, s -> s.markContainerHealthyFalse("ExitCode1", "boom", NOW)))
                        .key("ns/foo")
                        .wantStatusUpdates(config(1, s -> {
                            s.setLatestCreatedRevisionName("foo-00001", NOW);
                            s.markLatestCreatedFailed("foo-00001", "boom", NOW);
                        }))
                        .wantEvents("Warning LatestCreatedFailed Latest created revision \"foo-00001\" has failed"),
                Row.named("a new generation creates a second Revision; latest ready stays on the first")
                        .objects(specChanged(config(1, s -> {
                            s.setLatestCreatedRevisionName("foo-00001", NOW);
                            s.setLatestReadyRevisionName("foo-00001", NOW);
                        })), revision(1, ConfigurationReconcilerIT::ready))
                        .key("ns/foo")
                        .wantCreates(Revisions.make(unreconciledAt(2), NOW))
                        .wantStatusUpdates(config(2, s -> {
                            s.setLatestCreatedRevisionName("foo-00001", NOW);
                            s.setLatestReadyRevisionName("foo-00001", NOW);
                            s.manage(NOW).markUnknown("Ready", "NewObservedGenFailure",
                                    "unsuccessfully observed a new generation");
                            s.setLatestCreatedRevisionName("foo-00002", NOW);
                        }))
                        .wantEvents("Normal Created Created Revision \"foo-00002\""),
                Row.named("a BYO name held by another owner's Revision fails the Configuration")
                        .objects(byo(unreconciled(1)), foreign(revisionNamed("foo-byo")))
                        .key("ns/foo")
                        .wantStatusUpdates(withStatus(byo(unreconciled(1)), s -> s.markRevisionCreationFailed(
                                "revisions.serving.knative.dev \"foo-byo\" already exists", NOW))),
                Row.named("a rollback to an earlier BYO name makes it latest created and latest ready")
                        .objects(rolledBackTo("foo-old"), byoRevision("foo-old", 1, ConfigurationReconcilerIT::ready),
                                byoRevision("foo-new", 2, ConfigurationReconcilerIT::ready))
                        .key("ns/foo")
                        .wantStatusUpdates(withStatus(rolledBackTo("foo-old"), s -> {
                            s.setLatestCreatedRevisionName("foo-old", NOW);
                            s.setLatestReadyRevisionName("foo-old", NOW);
                        }))
                        .wantEvents("Normal LatestReadyUpdate LatestReadyRevisionName updated to \"foo-old\""),
                Row.named("a rollback to an earlier BYO Revision not ready keeps latest ready on the newer one")
                        .objects(rolledBackTo("foo-old"), byoRevision("foo-old", 1, s -> { }),
                                byoRevision("foo-new", 2, ConfigurationReconcilerIT::ready))
                        .key("ns/foo")
                        .wantStatusUpdates(withStatus(rolledBackTo("foo-old"), s -> {
                            s.setLatestReadyRevisionName("foo-new", NOW);
                            s.setLatestCreatedRevisionName("foo-old", NOW);
                        })),
                Row.named("a ready Revision older than latest ready and not the BYO name is not a candidate")
                        .objects(withStatus(byo(unreconciled(3), "foo-new"), s -> {
                            s.setLatestCreatedRevisionName("foo-new", NOW);
                            s.setLatestReadyRevisionName("foo-mid", NOW);
                        }), byoRevision("foo-old", 1, ConfigurationReconcilerIT::ready),
                                byoRevision("foo-mid", 2, ConfigurationReconcilerIT::ready),
                                byoRevision("foo-new", 3, s -> { })
                        )
                        .key("ns/foo"));
    }

    /**
     * Configuration foo at generation 3 naming BYO revision {@code name}, its status still on BYO revision
     * {@code foo-new} of generation 2 (the state right after a user sets the template name back).
     */
    static Configuration rolledBackTo(String name) {
        Configuration c = withStatus(byo(unreconciled(2), "foo-new"), s -> {
            s.setLatestCreatedRevisionName("foo-new", NOW);
            s.setLatestReadyRevisionName("foo-new", NOW);
        });
        c.getMetadata().setGeneration(3L);
        return byo(c, name);
    }

    /** The Revision a Configuration at {@code generation} naming BYO revision {@code name} makes. */
    static Revision byoRevision(String name, long generation, Consumer<RevisionStatus> status) {
        Revision r = revision(generation, status);
        Revision made = Revisions.make(byo(unreconciled(generation), name), NOW);
        r.setMetadata(made.getMetadata());
        r.getMetadata().setGeneration(1L);
        return r;
    }

    static Configuration unreconciledAt(long generation) {
        return unreconciled(generation);
    }

    /** The Configuration after a spec change: generation 2, status still at 1. */
    static Configuration specChanged(Configuration c) {
        c.getMetadata().setGeneration(c.getMetadata().getGeneration() + 1);
        return c;
    }

    static Configuration byo(Configuration c) {
        return byo(c, "foo-byo");
    }

    static Configuration byo(Configuration c, String name) {
        c.getSpec().getTemplate().getMetadata().setName(name);
        return c;
    }

    static Revision revisionNamed(String name) {
        Revision r = revision(1, s -> { });
        r.getMetadata().setName(name);
        return r;
    }

    static Revision foreign(Revision r) {
        r.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Configuration").withName("other").withUid("other-uid").withController(true).build()));
        r.getMetadata().getLabels().put(ServingKeys.CONFIGURATION, "other");
        return r;
    }

    static Configuration withStatus(Configuration c, Consumer<ConfigurationStatus> status) {
        ConfigurationStatus st = new ConfigurationStatus();
        st.initializeConditions(NOW);
        status.accept(st);
        st.setObservedGeneration(c.getMetadata().getGeneration());
        c.setStatus(st);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, ConfigurationReconcilerIT::reconciler);
    }
}
