package io.qnative.reconciler.labeler;

import static io.qnative.reconciler.route.RouteFixtures.NS;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.reconciler.route.RouteFixtures;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing-state labeler's table in the unit tier, after Knative's {@code pkg/reconciler/labeler/table_test.go}:
 * rows over an in-process API store, with failure injection. Every patch is a JSON literal.
 */
class LabelerTableTest {

    static final String KEY = NS + "/r";
    static final String STAMP = "2026-11-26T23:00:00Z";
    static final String OLD_STAMP = "2026-11-20T10:00:00Z";
    static final String FINALIZER = "routes.serving.knative.dev";

    static Labeler labeler(TableContext ctx) {
        return new Labeler(ctx.client(), ctx.lister(Route.class), ctx.lister(Configuration.class),
                ctx.lister(Revision.class), ctx.clock());
    }

    static Route route(TrafficTarget... traffic) {
        return RouteFixtures.route("r", traffic);
    }

    static Route withFinalizer(Route r) {
        r.getMetadata().setFinalizers(List.of(FINALIZER));
        return r;
    }

    static Route ready(Route r) {
        return Literals.withStatus(r, """
                observedGeneration: 1
                conditions:
                - {type: AllTrafficAssigned, status: "True"}
                - {type: IngressReady, status: "True"}
                - {type: Ready, status: "True"}
                """);
    }

    static Route failed(Route r) {
        return Literals.withStatus(r, """
                observedGeneration: 1
                conditions:
                - {type: AllTrafficAssigned, status: "False", reason: RevisionMissing, message: gone}
                - {type: Ready, status: "False", reason: RevisionMissing, message: gone}
                """);
    }

    static Route deleting(Route r) {
        r.getMetadata().setDeletionTimestamp("2026-11-26T22:59:00Z");
        return r;
    }

    static Configuration config() {
        return RouteFixtures.configuration("c", "c-1", Condition.TRUE);
    }

    static Revision revision(String name) {
        return RouteFixtures.ready(name, "c");
    }

    /** The object listing {@code routes}, with routing state {@code state} (Revisions only). */
    static <T extends HasMetadata> T marked(T obj, String routes, String state) {
        Map<String, String> a = new TreeMap<>();
        if (routes != null) {
            a.put("serving.knative.dev/routes", routes);
        }
        if (state != null) {
            a.put("serving.knative.dev/routingStateModified", OLD_STAMP);
            Map<String, String> l = new TreeMap<>(obj.getMetadata().getLabels());
            l.put("serving.knative.dev/routingState", state);
            obj.getMetadata().setLabels(l);
        }
        obj.getMetadata().setAnnotations(a);
        return obj;
    }

    static String revisionPatch(String routes, String state) {
        return "{\"metadata\":{\"labels\":{\"serving.knative.dev/routingState\":\"" + state + "\"},"
                + "\"annotations\":{\"serving.knative.dev/routes\":" + json(routes) + ","
                + "\"serving.knative.dev/routingStateModified\":\"" + STAMP + "\"}}}";
    }

    static String routesPatch(String routes) {
        return "{\"metadata\":{\"annotations\":{\"serving.knative.dev/routes\":" + json(routes) + "}}}";
    }

    static String finalizerPatch(String finalizers) {
        return "{\"metadata\":{\"finalizers\":[" + finalizers + "],\"resourceVersion\":\"1\"}}";
    }

    static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static Row addLabels() {
        return Row.named("add label to r: finalizer, active revision, configuration lists the route").key(KEY)
                .objects(route(cfg("c", 100)), config(), marked(revision("c-1"), null, "pending"))
                .wantPatch(NS + "/routes/r", finalizerPatch("\"" + FINALIZER + "\""))
                .wantPatch(NS + "/revisions/c-1", revisionPatch("r", "active"))
                .wantPatch(NS + "/configurations/c", routesPatch("r"));
    }

    static Row steady() {
        return Row.named("steady state").key(KEY)
                .objects(withFinalizer(route(cfg("c", 100))), marked(config(), "r", null),
                        marked(revision("c-1"), "r", "active"));
    }

    static Row revisionPatchFails() {
        return Row.named("failure adding label (revision)").key(KEY)
                .objects(withFinalizer(route(cfg("c", 100))), config(), marked(revision("c-1"), null, "pending"))
                .withReactors(induceFailure("patch", "revisions"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch("r", "active"))
                .wantErr();
    }

    static Row configurationPatchFails() {
        return Row.named("failure adding annotation (configuration)").key(KEY)
                .objects(withFinalizer(route(cfg("c", 100))), config(), marked(revision("c-1"), "r", "active"))
                .withReactors(induceFailure("patch", "configurations"))
                .wantPatch(NS + "/configurations/c", routesPatch("r"))
                .wantErr();
    }

    static Row finalizerPatchFails() {
        return Row.named("failure adding the finalizer").key(KEY)
                .objects(route(cfg("c", 100)), config(), revision("c-1"))
                .withReactors(induceFailure("patch", "routes"))
                .wantPatch(NS + "/routes/r", finalizerPatch("\"" + FINALIZER + "\""))
                .wantErr();
    }

    static Row secondRoute() {
        return Row.named("a second route joins the sorted list; the state stays active").key(KEY)
                .objects(withFinalizer(route(rev("c-1", 100))), marked(revision("c-1"), "s", "active"))
                .wantPatch(NS + "/revisions/c-1", routesPatch("r,s"));
    }

    static Row changeRevision() {
        return Row.named("a ready route drops a revision it no longer references: reserve").key(KEY)
                .objects(ready(withFinalizer(route(rev("c-2", 100)))), marked(revision("c-1"), "r", "active"),
                        marked(revision("c-2"), "r", "active"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch(null, "reserve"));
    }

    static Row failedRouteUnmarks() {
        return Row.named("a failed route also drops what it no longer references").key(KEY)
                .objects(failed(withFinalizer(route(rev("c-2", 100)))), marked(revision("c-1"), "r", "active"),
                        marked(revision("c-2"), "r", "active"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch(null, "reserve"));
    }

    static Row changeConfiguration() {
        Configuration other = RouteFixtures.configuration("d", "d-1", Condition.TRUE);
        return Row.named("change configurations").key(KEY)
                .objects(ready(withFinalizer(route(cfg("d", 100)))), marked(config(), "r", null),
                        marked(revision("c-1"), "r", "active"), other,
                        marked(RouteFixtures.ready("d-1", "d"), null, "pending"))
                .wantPatch(NS + "/revisions/d-1", revisionPatch("r", "active"))
                .wantPatch(NS + "/configurations/d", routesPatch("r"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch(null, "reserve"))
                .wantPatch(NS + "/configurations/c", routesPatch(null));
    }

    static Row notReadyKeeps() {
        return Row.named("a route not yet ready keeps marks it no longer needs").key(KEY)
                .objects(withFinalizer(route(rev("c-2", 100))), marked(revision("c-1"), "r", "active"),
                        marked(revision("c-2"), "r", "active"));
    }

    static Row deleteRoute() {
        return Row.named("delete route: dropped everywhere, then the finalizer removed").key(KEY)
                .objects(deleting(withFinalizer(route(cfg("c", 100)))), marked(config(), "r", null),
                        marked(revision("c-1"), "r", "active"), marked(revision("c-0"), "q,r", "active"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch(null, "reserve"))
                .wantPatch(NS + "/revisions/c-0", routesPatch("q"))
                .wantPatch(NS + "/configurations/c", routesPatch(null))
                .wantPatch(NS + "/routes/r", finalizerPatch(""));
    }

    static Row removeFails() {
        return Row.named("failure while removing an annotation should return an error").key(KEY)
                .objects(deleting(withFinalizer(route(cfg("c", 100)))), marked(config(), "r", null),
                        marked(revision("c-1"), "r", "active"))
                .withReactors(induceFailure("patch", "revisions"))
                .wantPatch(NS + "/revisions/c-1", revisionPatch(null, "reserve"))
                .wantErr();
    }

    static Row deletedWithoutFinalizer() {
        return Row.named("a deleted route without our finalizer is left alone").key(KEY)
                .objects(deleting(route(cfg("c", 100))), marked(config(), "r", null),
                        marked(revision("c-1"), "r", "active"));
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                addLabels(), steady(), revisionPatchFails(), configurationPatchFails(), finalizerPatchFails(),
                secondRoute(), changeRevision(), failedRouteUnmarks(), changeConfiguration(), notReadyKeeps(),
                deleteRoute(), removeFails(), deletedWithoutFinalizer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, LabelerTableTest::labeler);
    }
}
