package io.qnative.reconciler.route.traffic;

import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.h2c;
import static io.qnative.reconciler.route.RouteFixtures.labels;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ownedBy;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.revision;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traffic resolution, table-driven (Knative's {@code pkg/reconciler/route/traffic/traffic_test.go}). World:
 * Configuration
 * {@code config} (latest ready {@code config-00002}, older {@code config-00001}), {@code other} (latest ready
 * {@code other-00001}), {@code unready} (none yet, Ready Unknown), {@code failed} (none, Ready False); Revisions
 * {@code pending} (Ready Unknown) and {@code broken} (Ready False) of {@code config}, {@code orphan} labelled with
 * a Configuration that does not exist, {@code h2c-00001} serving h2c. Targets print as
 * {@code [tag:]revision=percent[*]} ({@code *} = latestRevision); group members print without their tag.
 */
class TrafficTest {

    static final Map<String, Configuration> CONFIGS = Map.of(
            "config", configuration("config", "config-00002", Condition.TRUE),
            "other", configuration("other", "other-00001", Condition.TRUE),
            "unready", configuration("unready", null, Condition.UNKNOWN),
            "failed", configuration("failed", null, Condition.FALSE),
            "h2c", configuration("h2c", "h2c-00001", Condition.TRUE));
    static final Map<String, Revision> REVISIONS = Map.of(
            "config-00001", ready("config-00001", "config"),
            "config-00002", ready("config-00002", "config"),
            "other-00001", ready("other-00001", "other"),
            "pending", revision("pending", "config", Condition.UNKNOWN),
            "broken", revision("broken", "config", Condition.FALSE),
            "orphan", ready("orphan", "gone"),
            "h2c-00001", h2c(ready("h2c-00001", "h2c")));

    record Case(String name, Route route, TargetError error, Map<String, List<String>> groups, List<String> flat,
            List<String> missing) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, List<String>> groups(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], List.of(((String) kv[i + 1]).split(" ")));
        }
        return m;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("revision pin", route("r", rev("config-00001", 100)), null,
                        groups("", "config-00001=100"), List.of("config-00001=100"), List.of()),
                new Case("configuration target follows latest ready", route("r", cfg("config", 100)), null,
                        groups("", "config-00002=100*"), List.of("config-00002=100*"), List.of()),
                new Case("90/10 split", route("r", rev("config-00001", 90), cfg("config", 10)), null,
                        groups("", "config-00001=90 config-00002=10*"),
                        List.of("config-00001=90", "config-00002=10*"), List.of()),
                new Case("two configurations", route("r", cfg("config", 50), cfg("other", 50)), null,
                        groups("", "config-00002=50* other-00001=50*"),
                        List.of("config-00002=50*", "other-00001=50*"), List.of()),
                new Case("tags incl. latest at 0%", route("r", tag("current", rev("config-00001", 100)),
                        tag("latest", cfg("config", 0))), null,
                        groups("", "config-00001=100 config-00002=0*", "current", "config-00001=100",
                                "latest", "config-00002=100*"),
                        List.of("current:config-00001=100", "latest:config-00002=0*"), List.of()),
                new Case("same revision in two entries summed", route("r", rev("config-00002", 40),
                        rev("config-00002", 60)), null,
                        groups("", "config-00002=100"), List.of("config-00002=100"), List.of()),
                new Case("pinned and latest to the same revision stay apart in status", route("r",
                        rev("config-00002", 40), cfg("config", 60)), null,
                        groups("", "config-00002=100"), List.of("config-00002=40", "config-00002=60*"), List.of()),
                new Case("two tags on one revision: every group 100%", route("r", tag("a", rev("config-00001", 50)),
                        tag("b", rev("config-00001", 50))), null,
                        groups("", "config-00001=100", "a", "config-00001=100", "b", "config-00001=100"),
                        List.of("a:config-00001=50", "b:config-00001=50"), List.of()),
                new Case("blue/green", route("r", tag("blue", rev("config-00001", 50)),
                        tag("green", rev("config-00002", 50))), null,
                        groups("", "config-00001=50 config-00002=50", "blue", "config-00001=100",
                                "green", "config-00002=100"),
                        List.of("blue:config-00001=50", "green:config-00002=50"), List.of()),
                new Case("h2c revision", route("r", cfg("h2c", 100)), null,
                        groups("", "h2c-00001=100*"), List.of("h2c-00001=100*"), List.of()),
                new Case("missing revision", route("r", rev("nope", 100)),
                        new TargetError.Missing("Revision", "nope"), Map.of(), List.of(), List.of("Revision/nope")),
                new Case("missing configuration", route("r", cfg("nope", 100)),
                        new TargetError.Missing("Configuration", "nope"), Map.of(), List.of(),
                        List.of("Configuration/nope")),
                new Case("revision's labelled configuration missing", route("r", rev("orphan", 100)),
                        new TargetError.Missing("Configuration", "gone"), Map.of(), List.of(),
                        List.of("Configuration/gone")),
                new Case("configuration not ready yet: Unknown", route("r", cfg("unready", 100)),
                        new TargetError.UnreadyConfiguration("unready", false), Map.of(), List.of(), List.of()),
                new Case("configuration failed: False", route("r", cfg("failed", 100)),
                        new TargetError.UnreadyConfiguration("failed", true), Map.of(), List.of(), List.of()),
                new Case("revision not ready: Unknown", route("r", rev("pending", 100)),
                        new TargetError.UnreadyRevision("pending", false), Map.of(), List.of(), List.of()),
                new Case("revision failed: False", route("r", rev("broken", 100)),
                        new TargetError.UnreadyRevision("broken", true), Map.of(), List.of(), List.of()),
                new Case("first not-ready target reported", route("r", rev("pending", 50), cfg("unready", 50)),
                        new TargetError.UnreadyRevision("pending", false), Map.of(), List.of(), List.of()),
                new Case("last failure wins over not-ready", route("r", rev("pending", 30), rev("nope", 30),
                        rev("broken", 40)), new TargetError.UnreadyRevision("broken", true), Map.of(), List.of(),
                        List.of("Revision/nope")),
                new Case("every target visited: both missing recorded", route("r", cfg("nope", 50),
                        rev("gone-rev", 50)), new TargetError.Missing("Revision", "gone-rev"), Map.of(), List.of(),
                        List.of("Configuration/nope", "Revision/gone-rev")),
                new Case("revision of another service", labels(route("r", rev("config-00001", 100)),
                        ServingKeys.SERVICE, "svc-a"), new TargetError.RevisionNotOwned("config-00001", "svc-a"),
                        Map.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolves(Case c) {
        Traffic.Resolution res = Traffic.resolve(c.route, n -> java.util.Optional.ofNullable(CONFIGS.get(n)),
                n -> java.util.Optional.ofNullable(REVISIONS.get(n)));
        assertThat(res.error().orElse(null)).isEqualTo(c.error);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        res.config().targets().forEach((k, v) -> groups.put(k, v.stream().map(t -> fmt(t.withTag(""))).toList()));
        assertThat(groups).isEqualTo(c.groups);
        assertThat(res.config().revisionTargets().stream().map(TrafficTest::fmt)).containsExactlyElementsOf(c.flat);
        assertThat(res.config().missingTargets().stream().map(r -> r.kind() + "/" + r.name()))
                .containsExactlyElementsOf(c.missing);
    }

    @Test
    void ownedRevisionOfTheRoutesServiceResolves() {
        Route r = labels(route("svc-a", rev("mine", 100)), ServingKeys.SERVICE, "svc-a");
        Traffic.Resolution res = Traffic.resolve(r, lookup(configuration("config", "mine", Condition.TRUE)),
                lookup(ownedBy(ready("mine", "config"), "svc-a")));
        assertThat(res.error()).isEmpty();
        assertThat(res.config().revisionTargets()).containsExactly(
                new RevisionTarget("", "config", "mine", false, 100, Protocol.HTTP1));
    }

    @Test
    void protocolAndConfigurationAreRecorded() {
        Traffic.Resolution res = Traffic.resolve(route("r", cfg("h2c", 100), rev("config-00001", 0)),
                n -> java.util.Optional.ofNullable(CONFIGS.get(n)),
                n -> java.util.Optional.ofNullable(REVISIONS.get(n)));
        assertThat(res.config().revisionTargets()).containsExactly(
                new RevisionTarget("", "h2c", "h2c-00001", true, 100, Protocol.H2C),
                new RevisionTarget("", "config", "config-00001", false, 0, Protocol.HTTP1));
    }

    @Test
    void steadyStateRolloutHasOneEntryPerLatestTargetWithTraffic() {
        Traffic.Resolution res = Traffic.resolve(route("r", cfg("config", 90), rev("other-00001", 10),
                tag("latest", cfg("other", 0))), n -> java.util.Optional.ofNullable(CONFIGS.get(n)),
                n -> java.util.Optional.ofNullable(REVISIONS.get(n)));
        assertThat(res.config().buildRollout().toJson()).isEqualTo("{\"configurations\":["
                + "{\"configurationName\":\"config\",\"percent\":90,\"revisions\":[{\"revisionName\":\"config-00002\","
                + "\"percent\":90}],\"stepParams\":{}},"
                + "{\"configurationName\":\"other\",\"tag\":\"latest\",\"percent\":100,\"revisions\":[{\"revisionName\":"
                + "\"other-00001\",\"percent\":100}],\"stepParams\":{}}]}");
    }

    static String fmt(RevisionTarget t) {
        return (t.tag().isEmpty() ? "" : t.tag() + ":") + t.revisionName() + "=" + t.percent()
                + (t.latestRevision() ? "*" : "");
    }
}
