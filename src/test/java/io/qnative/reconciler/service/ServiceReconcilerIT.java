package io.qnative.reconciler.service;

import io.qnative.api.duck.Condition;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceStatus;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.reconciler.service.resources.Configurations;
import io.qnative.reconciler.service.resources.Routes;
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

/** The Service reconciler's table (Knative's {@code service_test.go} rows that apply without a sidecar). */
class ServiceReconcilerIT {

    static final Instant NOW = Fixtures.NOW;

    static ServiceReconciler reconciler(TableContext ctx) {
        return new ServiceReconciler(ctx.lister(Service.class), ctx.lister(Configuration.class),
                ctx.lister(Route.class), ctx.lister(Revision.class), ctx.children(), ctx.statusUpdater(),
                ctx.snapshot(), ctx.clock());
    }

    static Service ksvc(Consumer<ServiceStatus> status) {
        Service s = Fixtures.ksvc();
        ServiceStatus st = new ServiceStatus();
        st.initializeConditions(NOW);
        status.accept(st);
        st.setObservedGeneration(1L);
        s.setStatus(st);
        return s;
    }

    /** The Configuration as the Service wants it, stored with generation 1 and the given status. */
    static Configuration config(Consumer<ConfigurationStatus> status) {
        Configuration c = Configurations.make(Fixtures.ksvc());
        c.getMetadata().setGeneration(1L);
        ConfigurationStatus st = new ConfigurationStatus();
        st.initializeConditions(NOW);
        st.setObservedGeneration(1L);
        status.accept(st);
        c.setStatus(st);
        return c;
    }

    static Route route(Consumer<RouteStatus> status) {
        Route r = Routes.make(Fixtures.ksvc());
        r.getMetadata().setGeneration(1L);
        RouteStatus st = new RouteStatus();
        st.initializeConditions(NOW);
        st.setObservedGeneration(1L);
        status.accept(st);
        r.setStatus(st);
        return r;
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("a new Service creates its Configuration and Route")
                        .objects(Fixtures.ksvc())
                        .key("ns/foo")
                        .wantCreates(Configurations.make(Fixtures.ksvc()), Routes.make(Fixtures.ksvc()))
                        .wantStatusUpdates(ksvc(s -> {
                            s.markConfigurationNotReconciled(NOW);
                            s.markRouteNotReconciled(NOW);
                        }))
                        .wantEvents("Normal Created Created Configuration \"foo\"",
                                "Normal Created Created Route \"foo\""),
                Row.named("ready children make the Service Ready with their names, url and traffic")
                        .objects(Fixtures.ksvc(), config(ServiceReconcilerIT::configReady), route(ServiceReconcilerIT::routeReady))
                        .key("ns/foo")
                        .wantStatusUpdates(ksvc(s -> {
                            s.propagateConfigurationStatus(config(ServiceReconcilerIT::configReady).getStatus(), NOW);
                            s.propagateRouteStatus(route(ServiceReconcilerIT::routeReady).getStatus(), NOW);
                        })),
                Row.named("a Configuration controlled by another object is NotOwned and not touched")
                        .objects(Fixtures.ksvc(), foreign(config(ServiceReconcilerIT::configReady)))
                        .key("ns/foo")
                        .wantStatusUpdates(ksvc(s -> s.markConfigurationNotOwned("foo", NOW)))
                        .wantErr(),
                Row.named("a label added to the Service is replaced onto the Configuration and the Route")
                        .objects(relabelled(Fixtures.ksvc()), config(ServiceReconcilerIT::configReady),
                                route(ServiceReconcilerIT::routeReady))
                        .key("ns/foo")
                        .wantUpdates(withStatus(Configurations.make(relabelled(Fixtures.ksvc())),
                                        config(ServiceReconcilerIT::configReady)),
                                withStatus(Routes.make(relabelled(Fixtures.ksvc())),
                                        route(ServiceReconcilerIT::routeReady)))
                        .wantStatusUpdates(ksvc(s -> {
                            s.propagateConfigurationStatus(config(ServiceReconcilerIT::configReady).getStatus(), NOW);
                            s.propagateRouteStatus(route(ServiceReconcilerIT::routeReady).getStatus(), NOW);
                        })),
                Row.named("a Route still serving an older revision leaves RoutesReady Unknown TrafficNotMigrated")
                        .objects(Fixtures.ksvc(), config(c -> {
                            configReady(c);
                            c.setLatestCreatedRevisionName("foo-00002", NOW);
                            c.setLatestReadyRevisionName("foo-00002", NOW);
                        }), route(ServiceReconcilerIT::routeReady))
                        .key("ns/foo")
                        .wantStatusUpdates(ksvc(s -> {
                            s.propagateConfigurationStatus(config(c -> {
                                configReady(c);
                                c.setLatestCreatedRevisionName("foo-00002", NOW);
                                c.setLatestReadyRevisionName("foo-00002", NOW);
                            }).getStatus(), NOW);
                            s.propagateRouteStatus(route(ServiceReconcilerIT::routeReady).getStatus(), NOW);
                            s.markTrafficNotMigrated(NOW);
                        })),
                Row.named("with a BYO revision name the Route waits for the Configuration to catch up")
                        .objects(byo(Fixtures.ksvc()), unobserved(withStatus(Configurations.make(byo(Fixtures.ksvc())),
                                config(ServiceReconcilerIT::configReady))), route(ServiceReconcilerIT::routeReady))
                        .key("ns/foo")
                        .wantStatusUpdates(ksvc(s -> s.markConfigurationNotReconciled(NOW))));
    }

    static void configReady(ConfigurationStatus c) {
        c.setLatestCreatedRevisionName("foo-00001", NOW);
        c.setLatestReadyRevisionName("foo-00001", NOW);
    }

    static void routeReady(RouteStatus r) {
        r.setUrl("http://foo.ns.example.com");
        TrafficTarget t = new TrafficTarget();
        t.setRevisionName("foo-00001");
        t.setPercent(100L);
        t.setLatestRevision(true);
        r.setTraffic(List.of(t));
        r.markTrafficAssigned(NOW);
        r.manage(NOW).markTrue("IngressReady");
        r.manage(NOW).markTrue("CertificateProvisioned");
    }

    static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T foreign(T obj) {
        obj.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
        return obj;
    }

    static Service relabelled(Service s) {
        s.getMetadata().getLabels().put("team", "blue");
        return s;
    }

    static Service byo(Service s) {
        s.getSpec().getTemplate().getMetadata().setName("foo-byo");
        return s;
    }

    static <T extends io.qnative.api.duck.KnativeObject<?, ?>> T unobserved(T obj) {
        obj.getMetadata().setGeneration(2L);
        return obj;
    }

    /** {@code desired} with the stored object's generation and status, as the update sends it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T extends io.qnative.api.duck.KnativeObject> T withStatus(T desired, T stored) {
        desired.getMetadata().setGeneration(stored.getMetadata().getGeneration());
        desired.setStatus(stored.getStatus());
        return desired;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, ServiceReconcilerIT::reconciler);
    }
}
