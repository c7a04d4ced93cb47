package io.qnative.reconciler.service;

import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.reconciler.service.resources.Configurations;
import io.qnative.reconciler.service.resources.Routes;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Service (ksvc) reconciler's table in the unit tier, after Knative's
 * {@code pkg/reconciler/service/service_test.go}: rows over an in-process API store, with failure injection. The
 * Configuration and Route it writes are built with {@code Configurations.make} and {@code Routes.make} (as
 * Knative's table uses {@code resources.MakeConfiguration}/{@code MakeRoute}); every status is a YAML literal.
 */
class ServiceTableTest {

    static final String KEY = "ns/foo";

    static ServiceReconciler reconciler(TableContext ctx) {
        return new ServiceReconciler(ctx.lister(Service.class), ctx.lister(Configuration.class),
                ctx.lister(Route.class), ctx.lister(Revision.class), ctx.children(), ctx.statusUpdater(),
                ctx.snapshot(), ctx.clock());
    }

    static Service ksvc() {
        return Fixtures.ksvc();
    }

    static Service ksvc(String status) {
        return withStatus(ksvc(), status);
    }

    static Configuration config(String status) {
        Configuration c = Configurations.make(ksvc());
        c.getMetadata().setGeneration(1L);
        return withStatus(c, status);
    }

    static Route route(String status) {
        Route r = Routes.make(ksvc());
        r.getMetadata().setGeneration(1L);
        return withStatus(r, status);
    }

    static <T extends HasMetadata> T foreign(T obj) {
        obj.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
        return obj;
    }

    static final String CONFIG_READY = """
            observedGeneration: 1
            conditions:
            - {type: Ready, status: "True"}
            latestCreatedRevisionName: foo-00001
            latestReadyRevisionName: foo-00001
            """;

    static final String CONFIG_DEPLOYING = """
            observedGeneration: 1
            conditions:
            - {type: Ready, status: Unknown}
            latestCreatedRevisionName: foo-00001
            """;

    static final String CONFIG_FAILED = """
            observedGeneration: 1
            conditions:
            - type: Ready
              status: "False"
              reason: RevisionFailed
              message: "Revision \\"foo-00001\\" failed with message: boom."
            latestCreatedRevisionName: foo-00001
            """;

    static final String ROUTE_READY = """
            observedGeneration: 1
            conditions:
            - {type: AllTrafficAssigned, status: "True"}
            - {type: CertificateProvisioned, status: "True", severity: Info}
            - {type: IngressReady, status: "True"}
            - {type: Ready, status: "True"}
            url: http://foo.ns.example.com
            address: {url: http://foo.ns.svc.cluster.local}
            traffic:
            - {revisionName: foo-00001, percent: 100, latestRevision: true}
            """;

    static final String ROUTE_NOT_READY = """
            observedGeneration: 1
            conditions:
            - {type: AllTrafficAssigned, status: "True"}
            - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            url: http://foo.ns.example.com
            traffic:
            - {revisionName: foo-00001, percent: 100, latestRevision: true}
            """;

    /** Both children created, neither reconciled yet (Ready mirrors the condition marked last). */
    static final String OUT_OF_DATE = """
            observedGeneration: 1
            conditions:
            - type: ConfigurationsReady
              status: Unknown
              reason: OutOfDate
              message: The Configuration is still working to reflect the latest desired specification.
            - type: Ready
              status: Unknown
              reason: OutOfDate
              message: The Route is still working to reflect the latest desired specification.
            - type: RoutesReady
              status: Unknown
              reason: OutOfDate
              message: The Route is still working to reflect the latest desired specification.
            """;

    static final String READY = """
            observedGeneration: 1
            conditions:
            - {type: ConfigurationsReady, status: "True"}
            - {type: Ready, status: "True"}
            - {type: RoutesReady, status: "True"}
            latestCreatedRevisionName: foo-00001
            latestReadyRevisionName: foo-00001
            url: http://foo.ns.example.com
            address: {url: http://foo.ns.svc.cluster.local}
            traffic:
            - {revisionName: foo-00001, percent: 100, latestRevision: true}
            """;

    static String created(String kind) {
        return "Normal Created Created " + kind + " \"foo\"";
    }

    static Row create() {
        return Row.named("create route and configuration").key(KEY).objects(ksvc())
                .wantCreates(Configurations.make(ksvc()), Routes.make(ksvc()))
                .wantStatusUpdates(ksvc(OUT_OF_DATE))
                .wantEvents(created("Configuration"), created("Route"));
    }

    static Row createConfigFails() {
        return Row.named("create configuration failure").key(KEY).objects(ksvc())
                .withReactors(induceFailure("create", "configurations"))
                .wantCreates(Configurations.make(ksvc()))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: Unknown}
                        - {type: Ready, status: Unknown, reason: NewObservedGenFailure, message: unsuccessfully observed a new generation}
                        - {type: RoutesReady, status: Unknown}
                        """))
                .wantEvents("Warning CreationFailed Failed to create Configuration \"foo\": "
                        + "inducing failure for create configurations")
                .wantErr();
    }

    static Row createRouteFails() {
        return Row.named("create route failure").key(KEY).objects(ksvc())
                .withReactors(induceFailure("create", "routes"))
                .wantCreates(Configurations.make(ksvc()), Routes.make(ksvc()))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - type: ConfigurationsReady
                          status: Unknown
                          reason: OutOfDate
                          message: The Configuration is still working to reflect the latest desired specification.
                        - type: Ready
                          status: Unknown
                          reason: OutOfDate
                          message: The Configuration is still working to reflect the latest desired specification.
                        - {type: RoutesReady, status: Unknown}
                        """))
                .wantEvents(created("Configuration"),
                        "Warning CreationFailed Failed to create Route \"foo\": inducing failure for create routes")
                .wantErr();
    }

    static Row statusUpdateFails() {
        return Row.named("failure updating service status").key(KEY).objects(ksvc())
                .withReactors(induceFailure("update", "services"))
                .wantCreates(Configurations.make(ksvc()), Routes.make(ksvc()))
                .wantStatusUpdates(ksvc(OUT_OF_DATE))
                .wantEvents(created("Configuration"), created("Route"))
                .wantErr();
    }

    static Row ready() {
        return Row.named("route and config ready, propagate ready").key(KEY)
                .objects(ksvc(), config(CONFIG_READY), route(ROUTE_READY))
                .wantStatusUpdates(ksvc(READY));
    }

    static Row steady() {
        return Row.named("ready steady state").key(KEY)
                .objects(ksvc(READY), config(CONFIG_READY), route(ROUTE_READY));
    }

    static Row configNotReady() {
        return Row.named("config not ready: no latest ready revision, so traffic is not migrated").key(KEY)
                .objects(ksvc(), config(CONFIG_DEPLOYING), route(ROUTE_READY))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: Unknown}
                        - {type: Ready, status: Unknown, reason: TrafficNotMigrated, message: Traffic is not yet migrated to the latest revision.}
                        - {type: RoutesReady, status: Unknown, reason: TrafficNotMigrated, message: Traffic is not yet migrated to the latest revision.}
                        latestCreatedRevisionName: foo-00001
                        url: http://foo.ns.example.com
                        address: {url: http://foo.ns.svc.cluster.local}
                        traffic:
                        - {revisionName: foo-00001, percent: 100, latestRevision: true}
                        """));
    }

    static Row configFailed() {
        return Row.named("configuration failed").key(KEY)
                .objects(ksvc(), config(CONFIG_FAILED), route(ROUTE_NOT_READY))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - type: ConfigurationsReady
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision \\"foo-00001\\" failed with message: boom."
                        - type: Ready
                          status: "False"
                          reason: RevisionFailed
                          message: "Revision \\"foo-00001\\" failed with message: boom."
                        - {type: RoutesReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        latestCreatedRevisionName: foo-00001
                        url: http://foo.ns.example.com
                        traffic:
                        - {revisionName: foo-00001, percent: 100, latestRevision: true}
                        """));
    }

    static Row configNotOwned() {
        return Row.named("configuration not owned").key(KEY)
                .objects(ksvc(), foreign(config(CONFIG_READY)))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - type: ConfigurationsReady
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Configuration "foo" that we do not own.
                        - type: Ready
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Configuration "foo" that we do not own.
                        - {type: RoutesReady, status: Unknown}
                        """))
                .wantErr();
    }

    static Row routeNotOwned() {
        return Row.named("route not owned").key(KEY)
                .objects(ksvc(), config(CONFIG_READY), foreign(route(ROUTE_READY)))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: "True"}
                        - type: Ready
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Route "foo" that we do not own.
                        - type: RoutesReady
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Route "foo" that we do not own.
                        latestCreatedRevisionName: foo-00001
                        latestReadyRevisionName: foo-00001
                        """))
                .wantErr();
    }

    static Service relabelled() {
        Service s = ksvc();
        s.getMetadata().getLabels().put("team", "blue");
        return s;
    }

    /** {@code desired} as the update sends it: the stored generation and status on the desired spec and metadata. */
    static <T extends HasMetadata> T asStored(T desired, String status) {
        desired.getMetadata().setGeneration(1L);
        return withStatus(desired, status);
    }

    static Row updateChildren() {
        return Row.named("a label added to the service is copied onto configuration and route").key(KEY)
                .objects(relabelled(), config(CONFIG_READY), route(ROUTE_READY))
                .wantUpdates(asStored(Configurations.make(relabelled()), CONFIG_READY),
                        asStored(Routes.make(relabelled()), ROUTE_READY))
                .wantStatusUpdates(withStatus(relabelled(), READY));
    }

    static Row updateConfigFails() {
        return Row.named("update configuration failure").key(KEY)
                .objects(relabelled(), config(CONFIG_READY), route(ROUTE_READY))
                .withReactors(induceFailure("update", "configurations"))
                .wantUpdates(asStored(Configurations.make(relabelled()), CONFIG_READY))
                .wantStatusUpdates(withStatus(relabelled(), """
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: Unknown}
                        - {type: Ready, status: Unknown, reason: NewObservedGenFailure, message: unsuccessfully observed a new generation}
                        - {type: RoutesReady, status: Unknown}
                        """))
                .wantEvents("Warning UpdateFailed Failed to update Configuration \"foo\": "
                        + "inducing failure for update configurations")
                .wantErr();
    }

    static Row updateRouteFails() {
        return Row.named("update route failure").key(KEY)
                .objects(relabelled(), config(CONFIG_READY), route(ROUTE_READY))
                .withReactors(induceFailure("update", "routes"))
                .wantUpdates(asStored(Configurations.make(relabelled()), CONFIG_READY),
                        asStored(Routes.make(relabelled()), ROUTE_READY))
                .wantStatusUpdates(withStatus(relabelled(), """
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: "True"}
                        - {type: Ready, status: Unknown}
                        - {type: RoutesReady, status: Unknown}
                        latestCreatedRevisionName: foo-00001
                        latestReadyRevisionName: foo-00001
                        """))
                .wantEvents("Warning UpdateFailed Failed to update Route \"foo\": inducing failure for update routes")
                .wantErr();
    }

    static Row trafficNotMigrated() {
        return Row.named("service is ready with traffic not migrated").key(KEY)
                .objects(ksvc(), config(CONFIG_READY.replace("foo-00001", "foo-00002")), route(ROUTE_READY))
                .wantStatusUpdates(ksvc("""
                        observedGeneration: 1
                        conditions:
                        - {type: ConfigurationsReady, status: "True"}
                        - {type: Ready, status: Unknown, reason: TrafficNotMigrated, message: Traffic is not yet migrated to the latest revision.}
                        - {type: RoutesReady, status: Unknown, reason: TrafficNotMigrated, message: Traffic is not yet migrated to the latest revision.}
                        latestCreatedRevisionName: foo-00002
                        latestReadyRevisionName: foo-00002
                        url: http://foo.ns.example.com
                        address: {url: http://foo.ns.svc.cluster.local}
                        traffic:
                        - {revisionName: foo-00001, percent: 100, latestRevision: true}
                        """));
    }

    static Service byo() {
        Service s = ksvc();
        s.getSpec().getTemplate().getMetadata().setName("foo-byo");
        return s;
    }

    static Row byoWaitsForConfiguration() {
        Configuration c = Configurations.make(byo());
        c.getMetadata().setGeneration(2L);
        return Row.named("with a byo revision name the route waits for the configuration").key(KEY)
                .objects(byo(), withStatus(c, CONFIG_READY), route(ROUTE_READY))
                .wantStatusUpdates(withStatus(byo(), """
                        observedGeneration: 1
                        conditions:
                        - type: ConfigurationsReady
                          status: Unknown
                          reason: OutOfDate
                          message: The Configuration is still working to reflect the latest desired specification.
                        - type: Ready
                          status: Unknown
                          reason: OutOfDate
                          message: The Configuration is still working to reflect the latest desired specification.
                        - {type: RoutesReady, status: Unknown}
                        """));
    }

    static Row beingDeleted() {
        Service s = ksvc(READY);
        s.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        s.getMetadata().setFinalizers(List.of("keep"));
        return Row.named("nop deletion reconcile").key(KEY).objects(s);
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                beingDeleted(), create(), createConfigFails(), createRouteFails(), statusUpdateFails(), ready(),
                steady(), configNotReady(), configFailed(), configNotOwned(), routeNotOwned(), updateChildren(),
                updateConfigFails(), updateRouteFails(), trafficNotMigrated(), byoWaitsForConfiguration());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, ServiceTableTest::reconciler);
    }
}
