package io.qnative.reconciler.route.resources;

import static io.qnative.reconciler.route.RouteFixtures.annotations;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.h2c;
import static io.qnative.reconciler.route.RouteFixtures.labels;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ownedBy;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tag;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import io.qnative.api.duck.Condition;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.domains.Visibility;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;

/**
 * The Routes the builder tests render, each resolved against one world: Configuration {@code foo} with Revisions
 * {@code foo-00001} and {@code foo-00002} (latest ready), Configuration {@code grpc} whose {@code grpc-00001} serves
 * h2c. Every Route belongs to Service {@code foo} and carries creator/lastModifier annotations, as a ksvc's does.
 */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * One scenario.
     *
     * @param route the Route
     * @param traffic its resolved traffic
     * @param visibility its visibility per target
     */
    record Scenario(Route route, TrafficConfig traffic, SortedMap<String, Visibility> visibility) {
    }

    static Scenario resolve(ConfigSnapshot config, Route r) {
        Traffic.Resolution res = Traffic.resolve(r,
                lookup(configuration("foo", "foo-00002", Condition.TRUE),
                        configuration("grpc", "grpc-00001", Condition.TRUE)),
                lookup(ownedBy(ready("foo-00001", "foo"), "foo"), ownedBy(ready("foo-00002", "foo"), "foo"),
                        ownedBy(h2c(ready("grpc-00001", "grpc")), "foo")));
        if (res.error().isPresent()) {
            throw new IllegalStateException(res.error().get().message());
        }
        return new Scenario(r, res.config(), Visibilities.resolve(config, r, n -> Optional.empty()));
    }

    static Route ksvcRoute(Route r) {
        labels(r, ServingKeys.SERVICE, "foo");
        return annotations(r, ServingKeys.CREATOR, "alice", ServingKeys.LAST_MODIFIER, "bob",
                "kubectl.kubernetes.io/last-applied-configuration", "{}");
    }

    /** {@code traffic: [{configurationName: foo, latestRevision: true, percent: 100}]}. */
    static Route plain() {
        return ksvcRoute(route("foo", cfg("foo", 100)));
    }

    /** 80% pinned to foo-00001, 10% latest foo (foo-00002), 10% latest grpc (h2c), 0% to foo-00002 pinned. */
    static Route split() {
        return ksvcRoute(route("foo", rev("foo-00001", 80), cfg("foo", 10), cfg("grpc", 10), rev("foo-00002", 0)));
    }

    /** {@code current} pinned at 100%, {@code latest} at 0% following foo. */
    static Route tags() {
        return ksvcRoute(route("foo", tag("current", rev("foo-00001", 100)), tag("latest", cfg("foo", 0))));
    }

    /** A cluster-local Route with one tag. */
    static Route clusterLocal() {
        Route r = ksvcRoute(route("foo", cfg("foo", 100), tag("v1", rev("foo-00001", 0))));
        return labels(r, NetworkingKeys.VISIBILITY, NetworkingKeys.VISIBILITY_CLUSTER_LOCAL);
    }

    static Map<String, Route> all() {
        return Map.of("plain", plain(), "split", split(), "tags", tags(), "cluster-local", clusterLocal());
    }
}
