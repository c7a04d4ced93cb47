package io.qnative.reconciler.route;

import static io.qnative.reconciler.route.RouteFixtures.NS;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.resources.PlaceholderServices;
import io.qnative.reconciler.route.traffic.ConfigurationRollout;
import io.qnative.reconciler.route.traffic.RevisionRollout;
import io.qnative.reconciler.route.traffic.Rollout;
import io.qnative.reconciler.route.traffic.RolloutParams;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Route reconciler's table in the unit tier, after Knative's {@code pkg/reconciler/route/table_test.go}: rows
 * over an in-process API store, with failure injection. The KIngress and placeholder Services it writes are built
 * with {@code Ingresses.make} and {@code PlaceholderServices} (as Knative's table builds them with
 * {@code resources.MakeIngress} and {@code MakeK8sPlaceholderService}; those builders have golden tests); every
 * Route status is a YAML literal: url, address, traffic and conditions written out.
 *
 * <p>The certificate rows (external-domain-tls, {@code Certificate} children, HTTP01 challenges, HTTP downgrade)
 * are in {@link RouteTlsTableTest}. Not ported (no such feature yet): the {@code DomainMapping} rows and the rows about a KIngress class other than the
 * gateway's own.
 */
class RouteTableTest {

    static final ConfigSnapshot EXAMPLE = RouteFixtures.exampleCom();
    static final String KEY = NS + "/r";

    static RouteReconciler reconciler(TableContext ctx) {
        return new RouteReconciler(ctx.lister(Route.class), ctx.lister(Configuration.class),
                ctx.lister(Revision.class), ctx.lister(Service.class), ctx.lister(Endpoints.class),
                ctx.lister(Ingress.class), ctx.lister(Certificate.class), ctx.children(), ctx.statusUpdater(),
                ctx.snapshot(), ctx.clock());
    }

    // ---- objects ----

    static Route route(TrafficTarget... traffic) {
        return RouteFixtures.route("r", traffic);
    }

    static Configuration readyConfig(String name, String latestReady) {
        return RouteFixtures.configuration(name, latestReady, Condition.TRUE);
    }

    /** Configuration c and its ready Revision c-1. */
    static HasMetadata[] simple() {
        return new HasMetadata[] {readyConfig("c", "c-1"), RouteFixtures.ready("c-1", "c")};
    }

    /** Configuration c at c-2, with ready c-1 and c-2. */
    static HasMetadata[] two() {
        return new HasMetadata[] {readyConfig("c", "c-2"), RouteFixtures.ready("c-1", "c"),
                RouteFixtures.ready("c-2", "c")};
    }

    static TrafficConfig traffic(Route route, HasMetadata... objects) {
        List<Configuration> configs = new ArrayList<>();
        List<Revision> revs = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Configuration c) {
                configs.add(c);
            } else if (o instanceof Revision r) {
                revs.add(r);
            }
        }
        return Traffic.resolve(route, n -> configs.stream().filter(c -> c.getMetadata().getName().equals(n))
                .findFirst(), n -> revs.stream().filter(r -> r.getMetadata().getName().equals(n)).findFirst())
                .config();
    }

    static Ingress ingress(ConfigSnapshot config, Route route, HasMetadata... objects) {
        TrafficConfig t = traffic(route, objects);
        return Ingresses.make(config, route, t, Visibilities.resolve(config, route, n -> Optional.empty()),
                t.buildRollout(), List.of(), List.of());
    }

    static final String INGRESS_READY = """
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

    static final String INGRESS_FAILED = """
            observedGeneration: 1
            conditions:
            - {type: LoadBalancerReady, status: Unknown}
            - {type: NetworkConfigured, status: "False", reason: Conflict, message: host taken}
            - {type: Ready, status: "False", reason: Conflict, message: host taken}
            """;

    /** The KIngress as the gateway leaves it: generation 1, observed, with the given status. */
    static Ingress ingressWithStatus(String status, Route route, HasMetadata... objects) {
        Ingress ing = ingress(EXAMPLE, route, objects);
        ing.getMetadata().setGeneration(1L);
        return withStatus(ing, status);
    }

    static Service placeholder(Route route, String tag) {
        return PlaceholderServices.make(EXAMPLE, route, tag);
    }

    /** The placeholder pointed at the gateway, as the reconciler writes it once the KIngress has load balancers. */
    static Service placeholderToGateway(Route route, String tag, Ingress ready) {
        return PlaceholderServices.withLoadBalancer(EXAMPLE, route, tag, ready.getStatus(), false).service();
    }

    static <T extends HasMetadata> T ownedBySomeoneElse(T obj) {
        obj.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Route").withName("other").withUid("uid-other").withController(true).build()));
        return obj;
    }

    static String created(String kind, String name) {
        return "Normal Created Created " + kind + " \"" + name + "\"";
    }

    static Route status(Route r, String status) {
        return withStatus(r, status);
    }

    // ---- statuses ----

    static final String URL = """
            url: http://r.test-ns.example.com
            """;

    static final String ADDRESS = """
            address: {url: http://r.test-ns.svc.cluster.local}
            """;

    /** Traffic resolved, KIngress written but not yet reconciled by the gateway. */
    static final String INGRESS_NOT_CONFIGURED = """
            observedGeneration: 1
            conditions:
            - {type: AllTrafficAssigned, status: "True"}
            - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
            - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            """;

    static final String READY = """
            observedGeneration: 1
            conditions:
            - {type: AllTrafficAssigned, status: "True"}
            - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
            - {type: IngressReady, status: "True"}
            - {type: Ready, status: "True"}
            """;

    static final String TRAFFIC_C1 = """
            traffic:
            - {revisionName: c-1, percent: 100, latestRevision: true}
            """;

    // ---- rows ----

    static Row configurationNotReady() {
        Route r = route(cfg("c", 100));
        return Row.named("configuration not yet ready").key(KEY).config(EXAMPLE)
                .objects(r, RouteFixtures.configuration("c", null, Condition.UNKNOWN))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: Unknown, reason: RevisionMissing, message: Configuration "c" is waiting for a Revision to become ready.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: RevisionMissing, message: Configuration "c" is waiting for a Revision to become ready.}
                        """ + URL));
    }

    static Row configurationFailed() {
        Route r = route(cfg("c", 100));
        return Row.named("configuration permanently failed").key(KEY).config(EXAMPLE)
                .objects(r, RouteFixtures.configuration("c", null, Condition.FALSE))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "False", reason: RevisionMissing, message: Configuration "c" does not have any ready Revision.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: RevisionMissing, message: Configuration "c" does not have any ready Revision.}
                        """ + URL));
    }

    static Row configurationMissing() {
        Route r = route(cfg("c", 100));
        return Row.named("configuration missing").key(KEY).config(EXAMPLE).objects(r)
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "False", reason: ConfigurationMissing, message: Configuration "c" referenced in traffic not found.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: ConfigurationMissing, message: Configuration "c" referenced in traffic not found.}
                        """ + URL));
    }

    static Row revisionMissing() {
        Route r = route(rev("c-9", 100));
        return Row.named("revision missing").key(KEY).config(EXAMPLE).objects(r).objects(simple())
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "False", reason: RevisionMissing, message: Revision "c-9" referenced in traffic not found.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: RevisionMissing, message: Revision "c-9" referenced in traffic not found.}
                        """ + URL));
    }

    static Row pinnedRevisionNotReady() {
        Route r = route(rev("c-1", 100));
        return Row.named("pinned route revision not ready").key(KEY).config(EXAMPLE)
                .objects(r, readyConfig("c", "c-0"), RouteFixtures.revision("c-1", "c", Condition.UNKNOWN))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: Unknown, reason: RevisionMissing, message: Revision "c-1" is not yet ready.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: RevisionMissing, message: Revision "c-1" is not yet ready.}
                        """ + URL));
    }

    static Row pinnedRevisionFailed() {
        Route r = route(rev("c-1", 100));
        return Row.named("pinned route revision failed").key(KEY).config(EXAMPLE)
                .objects(r, readyConfig("c", "c-0"), RouteFixtures.revision("c-1", "c", Condition.FALSE))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "False", reason: RevisionMissing, message: Revision "c-1" failed to become ready.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: RevisionMissing, message: Revision "c-1" failed to become ready.}
                        """ + URL));
    }

    static Row simpleRoute() {
        Route r = route(cfg("c", 100));
        return Row.named("simple route becomes ready, ingress unknown").key(KEY).config(EXAMPLE)
                .objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row statusUpdateFails() {
        Route r = route(cfg("c", 100));
        return Row.named("failure updating route status").key(KEY).config(EXAMPLE)
                .objects(r).objects(simple())
                .withReactors(induceFailure("update", "routes"))
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"))
                .wantErr();
    }

    static Row createPlaceholderFails() {
        Route r = route(cfg("c", 100));
        return Row.named("failure creating k8s placeholder service").key(KEY).config(EXAMPLE)
                .objects(r).objects(simple())
                .withReactors(induceFailure("create", "services"))
                .wantCreates(placeholder(r, ""))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown}
                        """ + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents("Warning CreationFailed Failed to create Service \"r\": "
                        + "inducing failure for create services")
                .wantErr();
    }

    static Row createIngressFails() {
        Route r = route(cfg("c", 100));
        return Row.named("failure creating ingress").key(KEY).config(EXAMPLE)
                .objects(r).objects(simple())
                .withReactors(induceFailure("create", "ingresses"))
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"),
                        "Warning CreationFailed Failed to create Ingress \"r\": inducing failure for create ingresses")
                .wantErr();
    }

    static Row ingressReady() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_READY, r, simple());
        return Row.named("simple route becomes ready").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), ing).objects(simple())
                .wantUpdates(placeholderToGateway(r, "", ing))
                .wantStatusUpdates(status(r, READY + URL + ADDRESS + TRAFFIC_C1));
    }

    static Row updatePlaceholderFails() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_READY, r, simple());
        return Row.named("failure updating k8s placeholder service").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), ing).objects(simple())
                .withReactors(induceFailure("update", "services"))
                .wantUpdates(placeholderToGateway(r, "", ing))
                .wantStatusUpdates(status(r, READY + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents("Warning UpdateFailed Failed to update Service \"r\": inducing failure for update services")
                .wantErr();
    }

    static Row steady() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_READY, r, simple());
        return Row.named("steady state").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", ing), ing)
                .objects(simple());
    }

    static Row ingressFailed() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_FAILED, r, simple());
        return Row.named("ingress failed: the route fails with its reason").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), ing).objects(simple())
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        - {type: IngressReady, status: "False", reason: Conflict, message: host taken}
                        - {type: Ready, status: "False", reason: Conflict, message: host taken}
                        """ + URL + ADDRESS + TRAFFIC_C1));
    }

    static Row newLatestRevision() {
        Route r = route(cfg("c", 100));
        Ingress old = ingressWithStatus(INGRESS_READY, r, simple());
        Ingress updated = ingress(EXAMPLE, r, two());
        updated.getMetadata().setGeneration(1L);
        updated.setStatus(old.getStatus());
        return Row.named("new latest ready revision: the ingress moves to it").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", old), old)
                .objects(two())
                .wantUpdates(updated)
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-2, percent: 100, latestRevision: true}
                        """));
    }

    static Row updateIngressFails() {
        Route r = route(cfg("c", 100));
        Ingress old = ingressWithStatus(INGRESS_READY, r, simple());
        Ingress updated = ingress(EXAMPLE, r, two());
        updated.getMetadata().setGeneration(1L);
        updated.setStatus(old.getStatus());
        return Row.named("failure updating ingress").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", old), old)
                .objects(two())
                .withReactors(induceFailure("update", "ingresses"))
                .wantUpdates(updated)
                .wantStatusUpdates(status(r, READY + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-2, percent: 100, latestRevision: true}
                        """))
                .wantEvents("Warning UpdateFailed Failed to update Ingress \"r\": "
                        + "inducing failure for update ingresses")
                .wantErr();
    }

    static Row split() {
        Route r = route(rev("c-1", 90), rev("c-2", 10));
        return Row.named("a 90/10 split between two revisions").key(KEY).config(EXAMPLE)
                .objects(r).objects(two())
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, two()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-1, percent: 90, latestRevision: false}
                        - {revisionName: c-2, percent: 10, latestRevision: false}
                        """))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row pinnedAndLatest() {
        Route r = route(rev("c-1", 50), cfg("c", 50));
        return Row.named("half to a pinned revision, half to the latest").key(KEY).config(EXAMPLE)
                .objects(r).objects(two())
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, two()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-1, percent: 50, latestRevision: false}
                        - {revisionName: c-2, percent: 50, latestRevision: true}
                        """))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row tags() {
        Route r = route(tag("current", cfg("c", 100)), tag("prev", rev("c-1", 0)));
        return Row.named("tags get urls and their own placeholder services").key(KEY).config(EXAMPLE)
                .objects(r).objects(two())
                .wantCreates(placeholder(r, ""), placeholder(r, "current"), placeholder(r, "prev"),
                        ingress(EXAMPLE, r, two()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {tag: current, revisionName: c-2, percent: 100, latestRevision: true, url: http://current-r.test-ns.example.com}
                        - {tag: prev, revisionName: c-1, percent: 0, latestRevision: false, url: http://prev-r.test-ns.example.com}
                        """))
                .wantEvents(created("Service", "r"), created("Service", "current-r"), created("Service", "prev-r"),
                        created("Ingress", "r"));
    }

    static Row removedTag() {
        Route r = route(cfg("c", 100));
        return Row.named("the placeholder service of a removed tag is deleted").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), placeholder(r, "old")).objects(simple())
                .wantCreates(ingress(EXAMPLE, r, simple()))
                .wantDeletes(NS + "/services/old-r")
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents("Normal Deleted Deleted Service \"old-r\"", created("Ingress", "r"));
    }

    static Row deleteTagServiceFails() {
        Route r = route(cfg("c", 100));
        return Row.named("failure deleting the placeholder service of a removed tag").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), placeholder(r, "old")).objects(simple())
                .withReactors(induceFailure("delete", "services"))
                .wantDeletes(NS + "/services/old-r")
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown}
                        """ + URL + ADDRESS + TRAFFIC_C1))
                .wantErr();
    }

    static Route clusterLocal(Route r) {
        return RouteFixtures.labels(r, "networking.knative.dev/visibility", "cluster-local");
    }

    static Row clusterLocalRoute() {
        Route r = clusterLocal(route(cfg("c", 100)));
        return Row.named("cluster local route becomes ready, ingress unknown").key(KEY).config(EXAMPLE)
                .objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(EXAMPLE, r, simple()))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        url: http://r.test-ns.svc.cluster.local
                        """ + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row foreignIngress() {
        Route r = route(cfg("c", 100));
        return Row.named("unhappy about ownership of ingress").key(KEY).config(EXAMPLE)
                .objects(r, ownedBySomeoneElse(ingress(EXAMPLE, r, simple()))).objects(simple())
                .wantCreates(placeholder(r, ""))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        - {type: IngressReady, status: "False", reason: NotOwned, message: There is an existing Ingress "r" that we do not own.}
                        - {type: Ready, status: "False", reason: NotOwned, message: There is an existing Ingress "r" that we do not own.}
                        """ + URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"))
                .wantErr();
    }

    static Row foreignService() {
        Route r = route(cfg("c", 100));
        return Row.named("unhappy about ownership of placeholder service").key(KEY).config(EXAMPLE)
                .objects(r, ownedBySomeoneElse(placeholder(r, ""))).objects(simple())
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: "False", reason: NotOwned, message: There is an existing placeholder Service "r" that we do not own.}
                        - {type: Ready, status: "False", reason: NotOwned, message: There is an existing placeholder Service "r" that we do not own.}
                        """ + URL + ADDRESS + TRAFFIC_C1))
                .wantErr();
    }

    static Row badDomainTemplate() {
        Route r = route(cfg("c", 100));
        ConfigSnapshot bad = ConfigSnapshot.apply(EXAMPLE, "config-network",
                Map.of("domain-template", "{{.Name}}"));
        return Row.named("a domain template producing an invalid host: ErrorConfig").key(KEY).config(bad)
                .objects(r).objects(simple())
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - type: AllTrafficAssigned
                          status: "False"
                          reason: ErrorConfig
                          message: 'domain name error: invalid domain name "r": url: Invalid value: "r": should be a domain with at least two segments separated by dots'
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - type: Ready
                          status: "False"
                          reason: ErrorConfig
                          message: 'domain name error: invalid domain name "r": url: Invalid value: "r": should be a domain with at least two segments separated by dots'
                        """))
                .wantErr();
    }

    static Row customDomain() {
        Route r = route(cfg("c", 100));
        ConfigSnapshot other = RouteFixtures.with(ConfigSnapshot.DEFAULT, "config-domain",
                Map.of("another-example.com", ""));
        return Row.named("the domain comes from config-domain").key(KEY).config(other)
                .objects(r).objects(simple())
                .wantCreates(PlaceholderServices.make(other, r, ""), ingress(other, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + ADDRESS + TRAFFIC_C1 + """
                        url: http://r.test-ns.another-example.com
                        """))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }


    static Row publicBecomesClusterLocal() {
        Route was = route(cfg("c", 100));
        Ingress old = ingressWithStatus(INGRESS_READY, was, simple());
        Route r = clusterLocal(route(cfg("c", 100)));
        Ingress updated = ingress(EXAMPLE, r, simple());
        updated.getMetadata().setGeneration(1L);
        updated.setStatus(old.getStatus());
        return Row.named("public becomes cluster local").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(was, "", old), old)
                .objects(simple())
                // the placeholder is repointed once the gateway has observed the KIngress's new generation
                .wantUpdates(updated)
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + ADDRESS + TRAFFIC_C1 + """
                        url: http://r.test-ns.svc.cluster.local
                        """));
    }

    static Row clusterLocalTag() {
        Route r = route(cfg("c", 100), tag("hidden", rev("c-1", 0)));
        Service hidden = placeholder(r, "hidden");
        hidden.getMetadata().getLabels().put("networking.knative.dev/visibility", "cluster-local");
        return Row.named("a tag whose placeholder service is labelled cluster-local gets a cluster-local url")
                .key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, ""), hidden).objects(simple())
                .wantCreates(Ingresses.make(EXAMPLE, r, traffic(r, simple()), Visibilities.resolve(EXAMPLE, r,
                        n -> n.equals("hidden-r") ? Optional.of(hidden) : Optional.empty()),
                        traffic(r, simple()).buildRollout(), List.of(), List.of()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-1, percent: 100, latestRevision: true}
                        - {tag: hidden, revisionName: c-1, percent: 0, latestRevision: false, url: http://hidden-r.test-ns.svc.cluster.local}
                        """))
                .wantEvents(created("Ingress", "r"));
    }

    static Row ingressNotObserved() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_READY, r, simple());
        ing.getMetadata().setGeneration(2L);
        return Row.named("a ready ingress whose new generation is not yet observed: IngressNotConfigured").key(KEY)
                .config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", ing), ing)
                .objects(simple())
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + TRAFFIC_C1));
    }

    static Row targetGoneKeepsTraffic() {
        Route r = route(cfg("c", 100));
        Ingress ing = ingressWithStatus(INGRESS_READY, r, simple());
        return Row.named("a target that goes away keeps the last traffic and address").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", ing), ing)
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "False", reason: ConfigurationMissing, message: Configuration "c" referenced in traffic not found.}
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        - {type: IngressReady, status: "True"}
                        - {type: Ready, status: "False", reason: ConfigurationMissing, message: Configuration "c" referenced in traffic not found.}
                        """ + URL + ADDRESS + TRAFFIC_C1));
    }

    static Row domainTemplate() {
        Route r = route(cfg("c", 100));
        ConfigSnapshot tpl = ConfigSnapshot.apply(EXAMPLE, "config-network",
                Map.of("domain-template", "{{.Name}}-{{.Namespace}}.{{.Domain}}"));
        return Row.named("the url follows config-network's domain-template").key(KEY).config(tpl)
                .objects(r).objects(simple())
                .wantCreates(PlaceholderServices.make(tpl, r, ""), ingress(tpl, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + ADDRESS + TRAFFIC_C1 + """
                        url: http://r-test-ns.example.com
                        """))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row domainSelector() {
        Route r = RouteFixtures.labels(route(cfg("c", 100)), "app", "secret");
        ConfigSnapshot sel = RouteFixtures.with(ConfigSnapshot.DEFAULT, "config-domain",
                Map.of("example.com", "", "internal.example.com", "selector:\n  app: secret\n"));
        return Row.named("a config-domain label selector picks the route's domain").key(KEY).config(sel)
                .objects(r).objects(simple())
                .wantCreates(PlaceholderServices.make(sel, r, ""), ingress(sel, r, simple()))
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + ADDRESS + TRAFFIC_C1 + """
                        url: http://r.test-ns.internal.example.com
                        """))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row clusterLocalDomain() {
        Route r = route(cfg("c", 100));
        ConfigSnapshot local = RouteFixtures.with(ConfigSnapshot.DEFAULT, "config-domain",
                Map.of("svc.cluster.local", ""));
        return Row.named("config-domain svc.cluster.local makes every route cluster local").key(KEY).config(local)
                .objects(r).objects(simple())
                .wantCreates(PlaceholderServices.make(local, r, ""), ingress(local, r, simple()))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        url: http://r.test-ns.svc.cluster.local
                        """ + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }


    // ---- gradual rollout (Knative's route.go roInProgress, traffic/rollout.go) ----

    static final long NOW_NANOS = Fixtures.NOW.getEpochSecond() * 1_000_000_000L + Fixtures.NOW.getNano();

    /** A Route to the latest Revision of foo, rolled out over two minutes. */
    static Route rolloutRoute() {
        return RouteFixtures.annotations(route(cfg("foo", 100)), "serving.knative.dev/rollout-duration", "120s");
    }

    static HasMetadata[] fooTwo() {
        return new HasMetadata[] {readyConfig("foo", "foo-00002"), RouteFixtures.ready("foo-00001", "foo"),
                RouteFixtures.ready("foo-00002", "foo")};
    }

    /** foo's 100% split over the given Revisions, {@code name, percent, ...}, with these step params. */
    static Rollout fooRollout(RolloutParams params, Object... revisionPercents) {
        ConfigurationRollout c = new ConfigurationRollout();
        c.configurationName = "foo";
        c.percent = 100;
        for (int i = 0; i < revisionPercents.length; i += 2) {
            c.revisions.add(new RevisionRollout((String) revisionPercents[i], (Integer) revisionPercents[i + 1]));
        }
        c.stepParams = params;
        return Rollout.of(List.of(c));
    }

    /** The KIngress for {@code objects} written while {@code rollout} was in effect, Ready as the gateway left it. */
    static Ingress rolloutIngress(Route r, Rollout rollout, HasMetadata... objects) {
        TrafficConfig t = traffic(r, objects);
        Ingress ing = Ingresses.make(EXAMPLE, r, t, Visibilities.resolve(EXAMPLE, r, n -> Optional.empty()), rollout,
                List.of(), List.of());
        ing.getMetadata().setGeneration(1L);
        return withStatus(ing, INGRESS_READY);
    }

    static final String ROLLING = """
            observedGeneration: 1
            conditions:
            - {type: AllTrafficAssigned, status: "True"}
            - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
            - {type: IngressReady, status: Unknown, reason: RolloutInProgress, message: A gradual rollout of the latest revision(s) is in progress.}
            - {type: Ready, status: Unknown, reason: RolloutInProgress, message: A gradual rollout of the latest revision(s) is in progress.}
            url: http://r.test-ns.example.com
            address: {url: http://r.test-ns.svc.cluster.local}
            """;

    static Row rolloutStarts() {
        Route r = rolloutRoute();
        Ingress old = rolloutIngress(r, traffic(r, readyConfig("foo", "foo-00001"),
                RouteFixtures.ready("foo-00001", "foo")).buildRollout(), readyConfig("foo", "foo-00001"),
                RouteFixtures.ready("foo-00001", "foo"));
        // Knative's first step: 1% moves to the new Revision and the start is stamped; the step size and timing
        // wait until the KIngress reports this 99/1 split Ready (ObserveReady), so nothing is scheduled yet.
        RolloutParams started = new RolloutParams();
        started.startTime = NOW_NANOS;
        Ingress wanted = rolloutIngress(r, fooRollout(started, "foo-00001", 99, "foo-00002", 1), fooTwo());
        return Row.named("a new latest revision under a rollout duration: 99/1, RolloutInProgress").key(KEY)
                .config(EXAMPLE)
                .objects(r, placeholder(r, ""), old).objects(fooTwo())
                .wantUpdates(wanted, placeholderToGateway(r, "", wanted))
                .wantStatusUpdates(status(r, ROLLING + """
                        traffic:
                        - {revisionName: foo-00001, percent: 99, latestRevision: true}
                        - {revisionName: foo-00002, percent: 1, latestRevision: true}
                        """));
    }

    static Row rolloutStepScheduled() {
        Route r = rolloutRoute();
        // 10s into the rollout, 2% every 2s, the next step due in 1.5s: nothing moves, wake up then.
        RolloutParams params = new RolloutParams();
        params.startTime = NOW_NANOS - 10_000_000_000L;
        params.stepDuration = 2_000_000_000L;
        params.stepSize = 2;
        params.nextStepTime = NOW_NANOS + 1_500_000_000L;
        Ingress ing = rolloutIngress(r, fooRollout(params, "foo-00001", 90, "foo-00002", 10), fooTwo());
        return Row.named("a rollout between steps: requeued for the next step").key(KEY).config(EXAMPLE)
                .objects(r, placeholderToGateway(r, "", ing), ing).objects(fooTwo())
                .wantStatusUpdates(status(r, ROLLING + """
                        traffic:
                        - {revisionName: foo-00001, percent: 90, latestRevision: true}
                        - {revisionName: foo-00002, percent: 10, latestRevision: true}
                        """))
                .wantRequeueAfter(Duration.ofMillis(1500));
    }

    static Row rolloutFinishes() {
        Route r = rolloutRoute();
        // One step before the end of a 120s rollout whose first 1% took 2s: 59 steps of 2% every 2s, the last due now.
        RolloutParams lastStepDue = new RolloutParams();
        lastStepDue.startTime = NOW_NANOS - 120_000_000_000L;
        lastStepDue.stepDuration = 2_000_000_000L;
        lastStepDue.stepSize = 2;
        lastStepDue.nextStepTime = NOW_NANOS;
        Ingress old = rolloutIngress(r, fooRollout(lastStepDue, "foo-00001", 1, "foo-00002", 99), fooTwo());
        Ingress wanted = rolloutIngress(r, traffic(r, fooTwo()).buildRollout(), fooTwo());
        return Row.named("the last rollout step is due: 100% to the new revision").key(KEY).config(EXAMPLE)
                .objects(r, placeholderToGateway(r, "", old), old).objects(fooTwo())
                .wantUpdates(wanted)
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: foo-00002, percent: 100, latestRevision: true}
                        """));
    }


    static Row switchConfiguration() {
        Route was = route(cfg("c", 100));
        Ingress old = ingressWithStatus(INGRESS_READY, was, simple());
        Route r = route(cfg("d", 100));
        HasMetadata[] both = {readyConfig("c", "c-1"), RouteFixtures.ready("c-1", "c"), readyConfig("d", "d-1"),
                RouteFixtures.ready("d-1", "d")};
        Ingress updated = ingress(EXAMPLE, r, both);
        updated.getMetadata().setGeneration(1L);
        updated.setStatus(old.getStatus());
        return Row.named("change route configuration").key(KEY).config(EXAMPLE)
                .objects(status(r, READY + URL + ADDRESS + TRAFFIC_C1), placeholderToGateway(r, "", old), old)
                .objects(both)
                .wantUpdates(updated)
                .wantStatusUpdates(status(r, INGRESS_NOT_CONFIGURED + URL + ADDRESS + """
                        traffic:
                        - {revisionName: d-1, percent: 100, latestRevision: true}
                        """));
    }

    static Row createTagServiceFails() {
        Route r = route(cfg("c", 100), tag("prev", rev("c-1", 0)));
        return Row.named("failure creating a tag's placeholder service").key(KEY).config(EXAMPLE)
                .objects(r, placeholder(r, "")).objects(simple())
                .withReactors(induceFailure("create", "services"))
                .wantCreates(placeholder(r, "prev"))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown}
                        """ + URL + ADDRESS + """
                        traffic:
                        - {revisionName: c-1, percent: 100, latestRevision: true}
                        - {tag: prev, revisionName: c-1, percent: 0, latestRevision: false, url: http://prev-r.test-ns.example.com}
                        """))
                .wantEvents("Warning CreationFailed Failed to create Service \"prev-r\": "
                        + "inducing failure for create services")
                .wantErr();
    }

    static Row tagOnConfigurationNotReady() {
        Route r = route(cfg("c", 100), tag("next", cfg("d", 0)));
        return Row.named("a tagged configuration not yet ready holds the whole route").key(KEY).config(EXAMPLE)
                .objects(r, RouteFixtures.configuration("d", null, Condition.UNKNOWN)).objects(simple())
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: Unknown, reason: RevisionMissing, message: Configuration "d" is waiting for a Revision to become ready.}
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: RevisionMissing, message: Configuration "d" is waiting for a Revision to become ready.}
                        """ + URL));
    }

    static Row beingDeleted() {
        Route r = status(route(cfg("c", 100)), READY + URL + ADDRESS + TRAFFIC_C1);
        r.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        r.getMetadata().setFinalizers(List.of("routes.serving.knative.dev"));
        return Row.named("nop deletion reconcile").key(KEY).config(EXAMPLE).objects(r).objects(simple());
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                beingDeleted(), configurationNotReady(), configurationFailed(), configurationMissing(),
                revisionMissing(), pinnedRevisionNotReady(), pinnedRevisionFailed(), simpleRoute(),
                statusUpdateFails(), createPlaceholderFails(), createIngressFails(), ingressReady(),
                updatePlaceholderFails(), steady(), ingressFailed(), newLatestRevision(), updateIngressFails(),
                split(), pinnedAndLatest(), tags(), removedTag(), deleteTagServiceFails(), clusterLocalRoute(),
                foreignIngress(), foreignService(), badDomainTemplate(), customDomain(), publicBecomesClusterLocal(),
                clusterLocalTag(), ingressNotObserved(), targetGoneKeepsTraffic(), domainTemplate(),
                domainSelector(), clusterLocalDomain(), rolloutStarts(), rolloutStepScheduled(), rolloutFinishes(),
                switchConfiguration(), createTagServiceFails(), tagOnConfigurationNotReady());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, RouteTableTest::reconciler);
    }
}
