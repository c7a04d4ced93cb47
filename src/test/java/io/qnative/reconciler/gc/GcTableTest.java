package io.qnative.reconciler.gc;

import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The revision GC's table in the unit tier, after Knative's {@code pkg/reconciler/gc/gc_test.go}: rows over an
 * in-process API store, with a failing delete. Which Revisions go is {@link CollectableTest}'s subject; these rows
 * check what the reconciler writes.
 */
class GcTableTest {

    static final String KEY = "ns/foo";

    /** Keep one non-active Revision; stale after 48h since creation and 15h since last active. */
    static final ConfigSnapshot GC = ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-gc",
            Map.of("retain-since-create-time", "48h", "retain-since-last-active-time", "15h",
                    "min-non-active-revisions", "1", "max-non-active-revisions", "1000"));

    static GcReconciler reconciler(TableContext ctx) {
        return new GcReconciler(ctx.lister(Configuration.class), ctx.lister(Revision.class), ctx.children(),
                ctx.snapshot(), ctx.clock());
    }

    static Configuration config(String latestReady) {
        return Literals.object("""
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata: {name: foo, namespace: ns, uid: cfg-uid, generation: 4}
                spec:
                  template:
                    spec:
                      containers: [{image: img}]
                status:
                  observedGeneration: 4
                  latestCreatedRevisionName: %s
                  latestReadyRevisionName: %s
                """.formatted(latestReady, latestReady), Configuration.class);
    }

    /** A Revision of foo created on the 16th, in {@code state} since {@code modified}. */
    static Revision rev(String name, long generation, String state, String modified) {
        return Literals.object("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata:
                  name: %s
                  namespace: ns
                  creationTimestamp: "2026-11-16T10:00:00Z"
                  labels:
                    serving.knative.dev/configuration: foo
                    serving.knative.dev/configurationGeneration: "%d"
                    serving.knative.dev/routingState: %s
                  annotations:
                    serving.knative.dev/routingStateModified: "%s"
                  ownerReferences:
                  - {apiVersion: serving.knative.dev/v1, kind: Configuration, name: foo, uid: cfg-uid, controller: true}
                spec:
                  containers: [{image: img}]
                """.formatted(name, generation, state, modified), Revision.class);
    }

    static Stream<Revision> history() {
        return Stream.of(rev("foo-00001", 1, "reserve", "2026-11-20T10:00:00Z"),
                rev("foo-00002", 2, "reserve", "2026-11-21T10:00:00Z"),
                rev("foo-00003", 3, "reserve", "2026-11-22T10:00:00Z"),
                rev("foo-00004", 4, "active", "2026-11-25T10:00:00Z"));
    }

    static Row collect() {
        return Row.named("delete oldest stale revisions, keep the minimum").key(KEY).config(GC)
                .objects(config("foo-00004")).objects(history().toArray(Revision[]::new))
                .wantDeletes("ns/revisions/foo-00001", "ns/revisions/foo-00002")
                .wantEvents("Normal Deleted Deleted Revision \"foo-00001\"",
                        "Normal Deleted Deleted Revision \"foo-00002\"");
    }

    static Row deleteFails() {
        return Row.named("failure deleting a revision").key(KEY).config(GC)
                .objects(config("foo-00004")).objects(history().toArray(Revision[]::new))
                .withReactors(induceFailure("delete", "revisions"))
                .wantDeletes("ns/revisions/foo-00001")
                .wantErr();
    }

    static Row keepRecent() {
        return Row.named("recently active revisions are kept").key(KEY).config(GC)
                .objects(config("foo-00004"), rev("foo-00003", 3, "reserve", "2026-11-26T20:00:00Z"),
                        rev("foo-00004", 4, "active", "2026-11-25T10:00:00Z"));
    }

    static Row disabledByDefault() {
        return Row.named("the default config-gc keeps 20 non-active revisions, stale or not").key(KEY)
                .objects(config("foo-00004")).objects(history().toArray(Revision[]::new));
    }

    static Row configBeingDeleted() {
        Configuration c = config("foo-00004");
        c.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        c.getMetadata().setFinalizers(List.of("keep"));
        return Row.named("nop deletion reconcile").key(KEY).config(GC)
                .objects(c).objects(history().toArray(Revision[]::new));
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                configBeingDeleted(), collect(), deleteFails(), keepRecent(), disabledByDefault());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, GcTableTest::reconciler);
    }
}
