package io.qnative.reconciler.labeler;

import static io.qnative.reconciler.route.RouteFixtures.NS;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.RouteConditions;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.reconciler.route.RouteFixtures;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The labeler's table (Knative's {@code labeler/table_test.go}), on the mock API server. */
class LabelerIT {

    static final String STAMP = "2026-11-26T23:00:00Z";
    static final String OLD_STAMP = "2026-11-20T10:00:00Z";
    static final String KEY = NS + "/r";

    static Labeler labeler(TableContext ctx) {
        return new Labeler(ctx.client(), ctx.lister(Route.class), ctx.lister(Configuration.class),
                ctx.lister(Revision.class), ctx.clock());
    }

    static Route withFinalizer(Route r) {
        r.getMetadata().setFinalizers(List.of(ServingKeys.ROUTE_FINALIZER));
        return r;
    }

    static Route readyRoute(Route r) {
        RouteStatus st = new RouteStatus();
        st.initializeConditions(Fixtures.NOW);
        st.markTrafficAssigned(Fixtures.NOW);
        st.propagateIngressStatus(readyIngressStatus(), Fixtures.NOW);
        st.markTLSNotEnabled(RouteConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, Fixtures.NOW);
        st.setObservedGeneration(1L);
        r.setStatus(st);
        return r;
    }

    static IngressStatus readyIngressStatus() {
        IngressStatus st = new IngressStatus();
        st.setConditions(List.of(new Condition(Condition.READY, Condition.TRUE, null, null, null)));
        return st;
    }

    /** The object listing these routes, with a routing state for Revisions. */
    static <T extends HasMetadata> T marked(T obj, String routes, String state) {
        Map<String, String> a = new TreeMap<>();
        if (routes != null) {
            a.put(ServingKeys.ROUTES, routes);
        }
        if (state != null) {
            a.put(ServingKeys.ROUTING_STATE_MODIFIED, OLD_STAMP);
            Map<String, String> l = new TreeMap<>(obj.getMetadata().getLabels() == null ? Map.of()
                    : obj.getMetadata().getLabels());
            l.put(ServingKeys.ROUTING_STATE, state);
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

    static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("a new Route gets the finalizer; its Revision turns active, its Configuration lists it")
                        .objects(RouteFixtures.route("r", RouteFixtures.cfg("c", 100)),
                                RouteFixtures.configuration("c", "c-1", Condition.TRUE),
                                marked(RouteFixtures.ready("c-1", "c"), null, ServingKeys.ROUTING_STATE_PENDING))
                        .key(KEY)
                        .wantPatch(NS + "/routes/r", "{\"metadata\":{\"finalizers\":[\"" + ServingKeys.ROUTE_FINALIZER
                                + "\"],\"resourceVersion\":\"1\"}}")
                        .wantPatch(NS + "/revisions/c-1", revisionPatch("r", ServingKeys.ROUTING_STATE_ACTIVE))
                        .wantPatch(NS + "/configurations/c", routesPatch("r")),
                Row.named("already marked: nothing to write")
                        .objects(withFinalizer(RouteFixtures.route("r", RouteFixtures.cfg("c", 100))),
                                marked(RouteFixtures.configuration("c", "c-1", Condition.TRUE), "r", null),
                                marked(RouteFixtures.ready("c-1", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE))
                        .key(KEY),
                Row.named("a second Route is added to the sorted list; the state stays active")
                        .objects(withFinalizer(RouteFixtures.route("r", RouteFixtures.rev("c-1", 100))),
                                marked(RouteFixtures.ready("c-1", "c"), "s", ServingKeys.ROUTING_STATE_ACTIVE))
                        .key(KEY)
                        .wantPatch(NS + "/revisions/c-1", routesPatch("r,s")),
                Row.named("a ready Route drops a Revision it no longer references: reserve")
                        .objects(readyRoute(withFinalizer(RouteFixtures.route("r", RouteFixtures.rev("c-2", 100)))),
                                marked(RouteFixtures.ready("c-1", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE),
                                marked(RouteFixtures.ready("c-2", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE))
                        .key(KEY)
                        .wantPatch(NS + "/revisions/c-1", revisionPatch(null, ServingKeys.ROUTING_STATE_RESERVE)),
                Row.named("a Route not yet ready keeps marks it no longer needs")
                        .objects(withFinalizer(RouteFixtures.route("r", RouteFixtures.rev("c-2", 100))),
                                marked(RouteFixtures.ready("c-1", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE),
                                marked(RouteFixtures.ready("c-2", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE))
                        .key(KEY),
                Row.named("a deleted Route is dropped everywhere, then its finalizer removed")
                        .objects(deleting(withFinalizer(RouteFixtures.route("r", RouteFixtures.cfg("c", 100)))),
                                marked(RouteFixtures.configuration("c", "c-1", Condition.TRUE), "r", null),
                                marked(RouteFixtures.ready("c-1", "c"), "r", ServingKeys.ROUTING_STATE_ACTIVE),
                                marked(RouteFixtures.ready("c-0", "c"), "q,r", ServingKeys.ROUTING_STATE_ACTIVE))
                        .key(KEY)
                        .wantPatch(NS + "/revisions/c-1", revisionPatch(null, ServingKeys.ROUTING_STATE_RESERVE))
                        .wantPatch(NS + "/revisions/c-0", routesPatch("q"))
                        .wantPatch(NS + "/configurations/c", routesPatch(null))
                        .wantPatch(NS + "/routes/r", "{\"metadata\":{\"finalizers\":[],\"resourceVersion\":\"1\"}}"));
    }

    static Route deleting(Route r) {
        r.getMetadata().setDeletionTimestamp("2026-11-26T22:59:00Z");
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, LabelerIT::labeler);
    }
}
