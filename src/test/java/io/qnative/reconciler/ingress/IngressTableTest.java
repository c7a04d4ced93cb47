package io.qnative.reconciler.ingress;

import static io.qnative.testing.table.Reactor.induceFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Route;
import io.qnative.gateway.routing.InMemoryRoutingTable;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.reconciler.route.RouteFixtures;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's KIngress reconciler's table in the unit tier (the rows of Knative's networking ingress tables that
 * apply to an in-process gateway): what it writes, plus which KIngresses the routing table holds afterwards.
 * Statuses are YAML literals.
 */
class IngressTableTest {

    static final String NS = RouteFixtures.NS;
    static final String KEY = NS + "/r";
    static final String QNATIVE = "qnative.ingress.networking.knative.dev";

    /** A row and the KIngresses ({@code ns/name}) the routing table must hold after it. */
    record Case(Row row, List<String> tableAfter, boolean seeded) {

        @Override
        public String toString() {
            return row.toString();
        }
    }

    /** The KIngress Knative's Route writes for Route r splitting 100% to r-1, with the given class. */
    static Ingress kingress(String ingressClass) {
        Route r = RouteFixtures.route("r", RouteFixtures.rev("r-1", 100));
        TrafficConfig t = Traffic.resolve(r, RouteFixtures.lookup(),
                RouteFixtures.lookup(RouteFixtures.ready("r-1", null))).config();
        Ingress ing = Ingresses.make(RouteFixtures.exampleCom(), r, t,
                Visibilities.resolve(RouteFixtures.exampleCom(), r, n -> Optional.empty()), t.buildRollout(),
                List.of(), List.of());
        Map<String, String> a = new TreeMap<>(ing.getMetadata().getAnnotations());
        a.put("networking.knative.dev/ingress.class", ingressClass);
        ing.getMetadata().setAnnotations(a);
        ing.getMetadata().setGeneration(1L);
        return ing;
    }

    static final String READY = """
            observedGeneration: 1
            conditions:
            - {type: LoadBalancerReady, status: "True"}
            - {type: NetworkConfigured, status: "True"}
            - {type: Ready, status: "True"}
            publicLoadBalancer:
              ingress: [{domainInternal: qnative-gateway.knative-serving.svc.cluster.local}]
            privateLoadBalancer:
              ingress: [{domainInternal: qnative-gateway-internal.knative-serving.svc.cluster.local}]
            """;

    static Case first() {
        Ingress ing = kingress(QNATIVE);
        return new Case(Row.named("qnative's KIngress is loaded and marked ready").key(KEY).objects(ing)
                .wantStatusUpdates(Literals.withStatus(ing, READY)), List.of(KEY), false);
    }

    static Case steady() {
        return new Case(Row.named("steady state: loaded, no status write").key(KEY)
                .objects(Literals.withStatus(kingress(QNATIVE), READY)), List.of(KEY), false);
    }

    static Case statusUpdateFails() {
        Ingress ing = kingress(QNATIVE);
        return new Case(Row.named("failure updating the KIngress status").key(KEY).objects(ing)
                .withReactors(induceFailure("update", "ingresses"))
                .wantStatusUpdates(Literals.withStatus(ing, READY))
                .wantErr(), List.of(KEY), false);
    }

    static Case otherClass() {
        return new Case(Row.named("a KIngress of another class is ignored (and leaves the table)").key(KEY)
                .objects(kingress("istio.ingress.networking.knative.dev")), List.of(), true);
    }

    static Case notFound() {
        return new Case(Row.named("key not found: the KIngress leaves the table").key(KEY), List.of(), true);
    }

    static Case beingDeleted() {
        Ingress ing = Literals.withStatus(kingress(QNATIVE), READY);
        ing.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        ing.getMetadata().setFinalizers(List.of("someone.else/finalizer"));
        return new Case(Row.named("being deleted: leaves the table, no status write").key(KEY).objects(ing),
                List.of(), true);
    }

    static Case badKey() {
        return new Case(Row.named("bad workqueue key").key("too/many/parts"), List.of(KEY), true);
    }

    static Stream<Case> rows() {
        return Stream.of(badKey(), notFound(), beingDeleted(), first(), steady(), statusUpdateFails(),
                otherClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Case c) throws Exception {
        RoutingTable table = new InMemoryRoutingTable();
        if (c.seeded()) {
            table.put(RoutingEntries.of(kingress(QNATIVE)));
        }
        Table.runInProcess(c.row(), (TableContext ctx) -> new IngressReconciler(ctx.lister(Ingress.class),
                ctx.statusUpdater(), ctx.clock(), table, ctx.snapshot(), "knative-serving").filtered());
        assertThat(table.entries().stream().map(e -> e.namespace() + "/" + e.name()).toList())
                .as("KIngresses in the routing table").containsExactlyElementsOf(c.tableAfter());
    }
}
