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
                                "Normal Created Created Route \"foo\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, ServiceReconcilerIT::reconciler);
    }
}
