package io.qnative.reconciler.route;

import static io.qnative.reconciler.route.RouteFixtures.NS;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteConditions;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.ingress.GatewayLoadBalancers;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.route.domains.Domains;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.domains.Visibility;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.resources.PlaceholderServices;
import io.qnative.reconciler.route.traffic.ConfigurationRollout;
import io.qnative.reconciler.route.traffic.RevisionRollout;
import io.qnative.reconciler.route.traffic.Rollout;
import io.qnative.reconciler.route.traffic.RolloutParams;
import io.qnative.reconciler.route.traffic.StatusTraffic;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Route reconciler's table (rows after Knative's {@code route/table_test.go}), on the mock API server. */
class RouteReconcilerIT {

    static final Instant NOW = Fixtures.NOW;
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

    static Route clusterLocal(Route r) {
        return RouteFixtures.labels(r, NetworkingKeys.VISIBILITY, NetworkingKeys.VISIBILITY_CLUSTER_LOCAL);
    }

    static Configuration readyConfig(String name, String latestReady) {
        return configuration(name, latestReady, Condition.TRUE);
    }

    /** What resolving the Route's traffic over these objects gives (the builders are tested on their own). */
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

    static Map<String, Visibility> visibility(ConfigSnapshot config, Route route) {
        return Visibilities.resolve(config, route, n -> Optional.empty());
    }

    static Ingress ingress(ConfigSnapshot config, Route route, TrafficConfig traffic) {
        return Ingresses.make(config, route, traffic, visibility(config, route), traffic.buildRollout(), List.of(),
                List.of());
    }

    /** The KIngress as the gateway leaves it: generation 1, observed, Ready, with its load balancers. */
    static Ingress readyIngress(ConfigSnapshot config, Route route, TrafficConfig traffic) {
        return readyIngress(config, route, traffic, traffic.buildRollout());
    }

    /** {@link #readyIngress(ConfigSnapshot, Route, TrafficConfig)} written while {@code rollout} was in effect. */
    static Ingress readyIngress(ConfigSnapshot config, Route route, TrafficConfig traffic, Rollout rollout) {
        Ingress ing = Ingresses.make(config, route, traffic, visibility(config, route), rollout, List.of(), List.of());
        ing.getMetadata().setGeneration(1L);
        IngressStatus st = new IngressStatus();
        st.initializeConditions(NOW);
        st.markNetworkConfigured(NOW);
        st.markLoadBalancerReady(GatewayLoadBalancers.publicLoadBalancers("knative-serving", "cluster.local"),
                GatewayLoadBalancers.privateLoadBalancers("knative-serving", "cluster.local"), NOW);
        st.setObservedGeneration(1L);
        ing.setStatus(st);
        return ing;
    }

    static Service placeholder(ConfigSnapshot config, Route route, String tag) {
        return PlaceholderServices.make(config, route, tag);
    }

    static <T extends HasMetadata> T ownedBySomeoneElse(T obj) {
        obj.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Route").withName("other").withUid("uid-other").withController(true).build()));
        return obj;
    }

    // ---- wanted statuses ----

    /** The Route's status after a first reconcile: initialised, new generation, then the row's marks. */
    static Route status(Route route, Consumer<RouteStatus> marks) {
        Route r = Kmeta.deepCopy(route, Route.class);
        RouteStatus st = new RouteStatus();
        st.initializeConditions(NOW);
        st.manage(NOW).markUnknown(Condition.READY, KindReconciler.NEW_OBSERVED_GEN_FAILURE,
                "unsuccessfully observed a new generation");
        st.markIngressNotConfigured(NOW);
        marks.accept(st);
        st.setObservedGeneration(1L);
        r.setStatus(st);
        return r;
    }

    /** url, address, traffic and AllTrafficAssigned as a resolved Route has them, and TLS not enabled. */
    static Consumer<RouteStatus> resolved(ConfigSnapshot config, Route route, TrafficConfig traffic) {
        return resolvedBeforeTls(config, route, traffic).andThen(
                st -> st.markTLSNotEnabled(RouteConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, NOW));
    }

    /** url, address, traffic and AllTrafficAssigned: where a placeholder Service failure stops. */
    static Consumer<RouteStatus> resolvedBeforeTls(ConfigSnapshot config, Route route, TrafficConfig traffic) {
        return st -> {
            Map<String, Visibility> vis = visibility(config, route);
            st.setUrl(Domains.url(config, route, "", vis.get("")));
            st.setTraffic(StatusTraffic.build(config, route, traffic, vis, new Rollout()));
            st.markTrafficAssigned(NOW);
            Addressable a = new Addressable();
            a.setUrl("http://r." + NS + ".svc.cluster.local");
            st.setAddress(a);
        };
    }

    static String created(String kind, String name) {
        return "Normal Created Created " + kind + " \"" + name + "\"";
    }

    // ---- rows ----

    static Row plainRoute() {
        Route r = route(cfg("c", 100));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a Route to a ready Configuration gets its placeholder Service and KIngress")
                .objects(r).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""), ingress(EXAMPLE, r, t))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t)))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row configurationNotReady() {
        Route r = route(cfg("c", 100));
        return Row.named("a Configuration without a ready Revision: RevisionMissing Unknown, nothing created")
                .objects(r, configuration("c", null, Condition.UNKNOWN)).key(KEY).config(EXAMPLE)
                .wantStatusUpdates(status(r, st -> {
                    st.setUrl("http://r." + NS + ".example.com");
                    st.markConfigurationNotReady("c", NOW);
                }));
    }

    static Row configurationMissing() {
        Route r = route(cfg("c", 100));
        return Row.named("a missing Configuration: ConfigurationMissing False")
                .objects(r).key(KEY).config(EXAMPLE)
                .wantStatusUpdates(status(r, st -> {
                    st.setUrl("http://r." + NS + ".example.com");
                    st.markMissingTrafficTarget("Configuration", "c", NOW);
                }));
    }

    static Row revisionPin() {
        Route r = route(rev("c-1", 100));
        HasMetadata[] refs = {readyConfig("c", "c-2"), ready("c-1", "c"), ready("c-2", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a Route pinned to a Revision by name routes to it, not to the latest")
                .objects(r).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""), ingress(EXAMPLE, r, t))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t)))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row split() {
        Route r = route(rev("c-1", 90), rev("c-2", 10));
        HasMetadata[] refs = {readyConfig("c", "c-2"), ready("c-1", "c"), ready("c-2", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a 90/10 split between two Revisions")
                .objects(r).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""), ingress(EXAMPLE, r, t))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t)))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row tags() {
        Route r = route(tag("current", cfg("c", 100)), tag("prev", rev("c-1", 0)));
        HasMetadata[] refs = {readyConfig("c", "c-2"), ready("c-1", "c"), ready("c-2", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("tags get their URLs in status.traffic and their own placeholder Services")
                .objects(r).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""), placeholder(EXAMPLE, r, "current"),
                        placeholder(EXAMPLE, r, "prev"), ingress(EXAMPLE, r, t))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t)))
                .wantEvents(created("Service", "r"), created("Service", "current-r"), created("Service", "prev-r"),
                        created("Ingress", "r"));
    }

    static Row clusterLocalRoute() {
        Route r = clusterLocal(route(cfg("c", 100)));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a Route labelled cluster-local gets a cluster-local URL and only ClusterLocal rules")
                .objects(r).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""), ingress(EXAMPLE, r, t))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t).andThen(
                        st -> st.setUrl("http://r." + NS + ".svc.cluster.local"))))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row foreignIngress() {
        Route r = route(cfg("c", 100));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a KIngress of the Route's name owned by someone else: IngressReady False NotOwned")
                .objects(r, ownedBySomeoneElse(ingress(EXAMPLE, r, t))).objects(refs).key(KEY).config(EXAMPLE)
                .wantCreates(placeholder(EXAMPLE, r, ""))
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t).andThen(
                        st -> st.markIngressNotOwned("r", NOW))))
                .wantEvents(created("Service", "r"))
                .wantErr();
    }

    static Row foreignService() {
        Route r = route(cfg("c", 100));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("a placeholder Service owned by someone else: IngressReady False NotOwned")
                .objects(r, ownedBySomeoneElse(placeholder(EXAMPLE, r, ""))).objects(refs).key(KEY)
                .config(EXAMPLE)
                .wantStatusUpdates(status(r, resolvedBeforeTls(EXAMPLE, r, t).andThen(
                        st -> st.markServiceNotOwned("r", NOW))))
                .wantErr();
    }

    static Row removedTag() {
        Route r = route(cfg("c", 100));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        return Row.named("the placeholder Service of a removed tag is deleted")
                .objects(r, placeholder(EXAMPLE, r, ""), placeholder(EXAMPLE, r, "old")).objects(refs).key(KEY)
                .config(EXAMPLE)
                .wantCreates(ingress(EXAMPLE, r, t))
                .wantDeletes(NS + "/services/old-r")
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t)))
                .wantEvents("Normal Deleted Deleted Service \"old-r\"", created("Ingress", "r"));
    }

    static Row ingressReady() {
        Route r = route(cfg("c", 100));
        HasMetadata[] refs = {readyConfig("c", "c-1"), ready("c-1", "c")};
        TrafficConfig t = traffic(r, refs);
        Ingress ing = readyIngress(EXAMPLE, r, t);
        Service wanted = PlaceholderServices.withLoadBalancer(EXAMPLE, r, "", ing.getStatus(), false).service();
        return Row.named("a Ready KIngress makes the Route Ready and points the placeholder at the gateway")
                .objects(r, placeholder(EXAMPLE, r, ""), ing).objects(refs).key(KEY).config(EXAMPLE)
                .wantUpdates(wanted)
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, t).andThen(
                        st -> st.propagateIngressStatus(ing.getStatus(), NOW))));
    }

    // ---- gradual rollout (Knative's route.go roInProgress, traffic/rollout.go) ----

    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano();

    /** A Route to the latest Revision of {@code foo}, rolled out over two minutes. */
    static Route rolloutRoute() {
        return RouteFixtures.annotations(route(cfg("foo", 100)), ServingKeys.ROLLOUT_DURATION, "120s");
    }

    /** {@code foo}'s 100% split over the given Revisions, {@code name, percent, ...}, with these step params. */
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

    static Row rolloutStarts() {
        Route r = rolloutRoute();
        TrafficConfig before = traffic(r, readyConfig("foo", "foo-00001"), ready("foo-00001", "foo"));
        HasMetadata[] refs = {readyConfig("foo", "foo-00002"), ready("foo-00001", "foo"), ready("foo-00002", "foo")};
        TrafficConfig after = traffic(r, refs);
        Ingress old = readyIngress(EXAMPLE, r, before);
        // Knative's first step: 1% moves to the new Revision and the start is stamped; the step size and timing
        // wait until the KIngress reports this 99/1 split Ready (ObserveReady), so nothing is scheduled yet.
        RolloutParams started = new RolloutParams();
        started.startTime = NOW_NANOS;
        Rollout firstStep = fooRollout(started, "foo-00001", 99, "foo-00002", 1);
        Ingress wanted = readyIngress(EXAMPLE, r, after, firstStep);
        return Row.named("a new latest Revision under a rollout duration: KIngress at 99/1, RolloutInProgress")
                .objects(r, placeholder(EXAMPLE, r, ""), old).objects(refs).key(KEY).config(EXAMPLE)
                .wantUpdates(wanted,
                        PlaceholderServices.withLoadBalancer(EXAMPLE, r, "", wanted.getStatus(), false).service())
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, after).andThen(st -> {
                    st.markIngressRolloutInProgress(NOW);
                    st.setTraffic(StatusTraffic.build(EXAMPLE, r, after, visibility(EXAMPLE, r), firstStep));
                })));
    }

    static Row rolloutFinishes() {
        Route r = rolloutRoute();
        HasMetadata[] refs = {readyConfig("foo", "foo-00002"), ready("foo-00001", "foo"), ready("foo-00002", "foo")};
        TrafficConfig after = traffic(r, refs);
        // One step before the end of a 120s rollout whose first 1% took 2s: 59 steps of 2% every 2s, the last due now.
        RolloutParams lastStepDue = new RolloutParams();
        lastStepDue.startTime = NOW_NANOS - 120_000_000_000L;
        lastStepDue.stepDuration = 2_000_000_000L;
        lastStepDue.stepSize = 2;
        lastStepDue.nextStepTime = NOW_NANOS;
        Ingress old = readyIngress(EXAMPLE, r, after, fooRollout(lastStepDue, "foo-00001", 1, "foo-00002", 99));
        Service lb = PlaceholderServices.withLoadBalancer(EXAMPLE, r, "", old.getStatus(), false).service();
        // The last step moves the remaining 1%: the rollout is the plain desired one, 100% to foo-00002.
        Ingress wanted = readyIngress(EXAMPLE, r, after);
        // No longer RolloutInProgress: IngressReady follows the KIngress, whose new generation (the replaced spec)
        // the gateway has not observed yet, so it is IngressNotConfigured (Knative's generation check) until then.
        return Row.named("the last rollout step is due: 100% to the new Revision, IngressReady follows the KIngress")
                .objects(r, lb, old).objects(refs).key(KEY).config(EXAMPLE)
                .wantUpdates(wanted)
                .wantStatusUpdates(status(r, resolved(EXAMPLE, r, after).andThen(
                        st -> st.markIngressNotConfigured(NOW))));
    }

    static Stream<Row> rows() {
        return Stream.of(plainRoute(), configurationNotReady(), configurationMissing(), revisionPin(), split(),
                tags(), clusterLocalRoute(), foreignIngress(), foreignService(), removedTag(), ingressReady(),
                rolloutStarts(), rolloutFinishes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, RouteReconcilerIT::reconciler);
    }
}
