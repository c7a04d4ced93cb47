package io.qnative.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InMemoryRoutingTableTest {

    static final RoutingTable.Backend V1 = new RoutingTable.Backend("ns", "foo-00001", 80);
    static final RoutingTable.Backend V2 = new RoutingTable.Backend("ns", "foo-00002", 80);

    static RoutingTable.Path path(String prefix, Map<String, String> headers, RoutingTable.Split... splits) {
        return new RoutingTable.Path(prefix, headers, List.of(splits), Map.of(), null);
    }

    static RoutingTable.Split split(RoutingTable.Backend b, int percent) {
        return new RoutingTable.Split(b, percent, Map.of("Knative-Serving-Revision", b.serviceName()));
    }

    static RoutingTable.Entry foo() {
        RoutingTable.Rule local = new RoutingTable.Rule(List.of("foo.ns", "foo.ns.svc", "foo.ns.svc.cluster.local"),
                RoutingTable.CLUSTER_LOCAL, List.of(path("", Map.of(), split(V1, 90), split(V2, 10))));
        RoutingTable.Rule external = new RoutingTable.Rule(List.of("foo.ns.example.com"), RoutingTable.EXTERNAL_IP,
                List.of(path("/.well-known/acme-challenge/x", Map.of(), split(V2, 100)),
                        path("", Map.of("Knative-Serving-Tag", "v2"), split(V2, 100)),
                        path("", Map.of(), split(V1, 90), split(V2, 10))));
        return new RoutingTable.Entry("ns", "foo", 1, List.of(local, external), "Enabled");
    }

    final InMemoryRoutingTable table = new InMemoryRoutingTable();

    @Test
    void looksUpByHostIgnoringCaseAndPort() {
        table.put(foo());

        assertThat(table.lookup(true, "FOO.ns.example.com:8080", "/", h -> null)).get()
                .extracting(m -> m.path().splits()).isEqualTo(List.of(split(V1, 90), split(V2, 10)));
        assertThat(table.lookup(true, "bar.ns.example.com", "/", h -> null)).isEmpty();
    }

    @Test
    void theExternalListenerServesOnlyExternalRules() {
        table.put(foo());

        assertThat(table.lookup(true, "foo.ns.svc.cluster.local", "/", h -> null)).isEmpty();
        assertThat(table.lookup(false, "foo.ns.svc.cluster.local", "/", h -> null)).isPresent();
        assertThat(table.lookup(false, "foo.ns.example.com", "/", h -> null)).isPresent();
    }

    @Test
    void pathsAreTriedInOrderByPrefixAndHeaders() {
        table.put(foo());

        assertThat(table.lookup(true, "foo.ns.example.com", "/.well-known/acme-challenge/x", h -> null)).get()
                .extracting(m -> m.path().splits()).isEqualTo(List.of(split(V2, 100)));
        assertThat(table.lookup(true, "foo.ns.example.com", "/", h -> "v2")).get()
                .extracting(m -> m.path().headers()).isEqualTo(Map.of("Knative-Serving-Tag", "v2"));
    }

    @Test
    void pickFollowsTheWeights() {
        RoutingTable.Path p = path("", Map.of(), split(V1, 90), split(V2, 10));

        assertThat(p.pick(0)).contains(split(V1, 90));
        assertThat(p.pick(89)).contains(split(V1, 90));
        assertThat(p.pick(90)).contains(split(V2, 10));
        assertThat(p.pick(99)).contains(split(V2, 10));
        assertThat(path("", Map.of()).pick(0)).isEmpty();
    }

    @Test
    void replacingAnEntryDropsItsOldHostsAndRemovingForgetsIt() {
        table.put(foo());
        RoutingTable.Entry renamed = new RoutingTable.Entry("ns", "foo", 2, List.of(new RoutingTable.Rule(
                List.of("foo2.ns.example.com"), RoutingTable.EXTERNAL_IP, List.of(path("", Map.of(),
                        split(V2, 100))))), "");
        table.put(renamed);

        assertThat(table.lookup(true, "foo.ns.example.com", "/", h -> null)).isEmpty();
        assertThat(table.lookup(true, "foo2.ns.example.com", "/", h -> null)).isPresent();
        assertThat(table.get("ns", "foo")).contains(renamed);

        table.remove("ns", "foo");

        assertThat(table.lookup(true, "foo2.ns.example.com", "/", h -> null)).isEmpty();
        assertThat(table.entries()).isEmpty();
    }

    @Test
    void twoKIngressesWithTheSameHostResolveInNameOrder() {
        RoutingTable.Rule rule = new RoutingTable.Rule(List.of("h.example.com"), RoutingTable.EXTERNAL_IP,
                List.of(path("", Map.of(), split(V2, 100))));
        table.put(new RoutingTable.Entry("ns", "b", 1, List.of(rule), ""));
        table.put(new RoutingTable.Entry("ns", "a", 1, List.of(rule), ""));

        assertThat(table.lookup(true, "h.example.com", "/", h -> null)).get()
                .extracting(m -> m.entry().name()).isEqualTo("a");
        table.remove("ns", "a");
        assertThat(table.lookup(true, "h.example.com", "/", h -> null)).get()
                .extracting(m -> m.entry().name()).isEqualTo("b");
    }

    /**
     * Knative's ingress conformance TestUpdate: while a KIngress is replaced again and again, a reader looking its
     * host up always finds it (the old rules or the new ones, never none).
     */
    @Test
    void aHostBeingUpdatedIsNeverMissing() throws Exception {
        table.put(foo());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                lookups.incrementAndGet();
                if (table.lookup(true, "foo.ns.example.com", "/", h -> null).isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 20_000 || lookups.get() < 1_000; i++) {
                RoutingTable.Entry e = foo();
                table.put(new RoutingTable.Entry(e.namespace(), e.name(), i, e.rules(), e.httpOption()));
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(misses).hasValue(0);
        table.remove("ns", "foo");
        assertThat(table.lookup(false, "foo.ns", "/", h -> null)).isEmpty();
        assertThat(table.lookup(true, "foo.ns.example.com", "/", h -> null)).isEmpty();
    }
}
