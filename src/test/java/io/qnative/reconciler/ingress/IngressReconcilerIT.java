package io.qnative.reconciler.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.serving.v1.Route;
import io.qnative.gateway.routing.InMemoryRoutingTable;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.reconciler.route.RouteFixtures;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;
import io.qnative.kube.Kmeta;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import org.junit.jupiter.api.Test;

/** The gateway's KIngress controller on the mock API server: qnative's class is loaded and marked Ready, others not. */
class IngressReconcilerIT {

    static final Instant NOW = Fixtures.NOW;
    static final String NS = RouteFixtures.NS;

    final RoutingTable table = new InMemoryRoutingTable();

    /** The KIngress Knative writes for Route {@code r} splitting 100% to {@code r-1}, with the given class. */
    static Ingress kingress(String ingressClass) {
        Route r = RouteFixtures.route("r", RouteFixtures.rev("r-1", 100));
        TrafficConfig t = Traffic.resolve(r, RouteFixtures.lookup(),
                RouteFixtures.lookup(RouteFixtures.ready("r-1", null))).config();
        Ingress ing = Ingresses.make(RouteFixtures.exampleCom(), r, t,
                Visibilities.resolve(RouteFixtures.exampleCom(), r, n -> java.util.Optional.empty()),
                t.buildRollout(), List.of(), List.of());
        Map<String, String> a = new TreeMap<>(ing.getMetadata().getAnnotations());
        a.put(NetworkingKeys.INGRESS_CLASS, ingressClass);
        ing.getMetadata().setAnnotations(a);
        ing.getMetadata().setGeneration(1L);
        return ing;
    }

    IngressReconciler reconciler(io.qnative.testing.table.TableContext ctx) {
        return new IngressReconciler(ctx.lister(Ingress.class), ctx.statusUpdater(), ctx.clock(), table,
                ctx.snapshot(), "knative-serving");
    }

    @Test
    void qnativeClassIsLoadedAndMarkedReady() throws Exception {
        Ingress ing = kingress(NetworkingKeys.INGRESS_CLASS_QNATIVE);
        Ingress want = Kmeta.deepCopy(ing, Ingress.class);
        // Knative's KIngress status once the gateway has loaded it: written out, not computed with the code under test
        IngressStatus st = io.qnative.testing.Admission.yaml(IngressStatus.class, """
                observedGeneration: 1
                conditions:
                - {type: LoadBalancerReady, status: "True", lastTransitionTime: "2026-11-26T23:00:00Z"}
                - {type: NetworkConfigured, status: "True", lastTransitionTime: "2026-11-26T23:00:00Z"}
                - {type: Ready, status: "True", lastTransitionTime: "2026-11-26T23:00:00Z"}
                publicLoadBalancer:
                  ingress: [{domainInternal: qnative-gateway.knative-serving.svc.cluster.local}]
                privateLoadBalancer:
                  ingress: [{domainInternal: qnative-gateway-internal.knative-serving.svc.cluster.local}]
                """);
        want.setStatus(st);

        Table.run(Row.named("qnative's KIngress").objects(ing).key(NS + "/r").wantStatusUpdates(want),
                ctx -> reconciler(ctx).filtered());

        assertThat(table.get(NS, "r")).contains(RoutingEntries.of(ing));
        assertThat(table.lookup(true, "r.test-ns.example.com", "/", h -> null)).get()
                .extracting(m -> m.path().splits().get(0).backend())
                .isEqualTo(new RoutingTable.Backend(NS, "r-1", 80));
    }

    @Test
    void otherClassesAreIgnored() throws Exception {
        Table.run(Row.named("istio's KIngress").objects(kingress("istio.ingress.networking.knative.dev"))
                .key(NS + "/r"), ctx -> reconciler(ctx).filtered());

        assertThat(table.entries()).isEmpty();
    }

    @Test
    void aDeletedKIngressLeavesTheTable() throws Exception {
        table.put(RoutingEntries.of(kingress(NetworkingKeys.INGRESS_CLASS_QNATIVE)));

        Table.run(Row.named("deleted").key(NS + "/r"), ctx -> reconciler(ctx).filtered());

        assertThat(table.entries()).isEmpty();
    }

    @Test
    void aKIngressBeingDeletedLeavesTheTableWithoutAStatusWrite() throws Exception {
        Ingress ing = kingress(NetworkingKeys.INGRESS_CLASS_QNATIVE);
        ObjectMeta m = ing.getMetadata();
        m.setDeletionTimestamp("2026-11-26T22:00:00Z");
        m.setFinalizers(List.of("someone.else/finalizer"));
        table.put(RoutingEntries.of(ing));

        Table.run(Row.named("being deleted").objects(ing).key(NS + "/r"), ctx -> reconciler(ctx).filtered());

        assertThat(table.entries()).isEmpty();
    }
}
