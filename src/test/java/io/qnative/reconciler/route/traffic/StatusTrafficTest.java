package io.qnative.reconciler.route.traffic;

import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static io.qnative.reconciler.route.RouteFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.route.domains.Visibility;
import org.junit.jupiter.api.Test;

/** {@code status.traffic} field presence and URLs (Knative's pkg/reconciler/route/traffic/traffic.go). */
class StatusTrafficTest {

    static String json(Route r, ConfigSnapshot c, Map<String, Visibility> vis, Rollout ro) throws Exception {
        Traffic.Resolution res = Traffic.resolve(r, lookup(configuration("foo", "foo-00002", Condition.TRUE)),
                lookup(ready("foo-00001", "foo"), ready("foo-00002", "foo")));
        return new ObjectMapper().writeValueAsString(tree(StatusTraffic.build(c, r, res.config(), vis, ro)));
    }

    @Test
    void plainKsvc() throws Exception {
        assertThat(json(route("foo", cfg("foo", 100)), exampleCom(), Map.of(), new Rollout()))
                .isEqualTo("[{\"revisionName\":\"foo-00002\",\"latestRevision\":true,\"percent\":100}]");
    }

    @Test
    void tagsGetUrlsAndZeroPercentStays() throws Exception {
        Route r = route("foo", tag("current", rev("foo-00001", 100)), tag("latest", cfg("foo", 0)));
        assertThat(json(r, exampleCom(), Map.of("latest", Visibility.CLUSTER_LOCAL), new Rollout())).isEqualTo("["
                + "{\"tag\":\"current\",\"revisionName\":\"foo-00001\",\"latestRevision\":false,\"percent\":100,"
                + "\"url\":\"http://current-foo.test-ns.example.com\"},"
                + "{\"tag\":\"latest\",\"revisionName\":\"foo-00002\",\"latestRevision\":true,\"percent\":0,"
                + "\"url\":\"http://latest-foo.test-ns.svc.cluster.local\"}]");
    }

    @Test
    void rolloutExpandsTheLatestTarget() throws Exception {
        ConfigurationRollout c = ConfigurationRollout.of("foo", "", 100, "foo-00002");
        c.revisions = new ArrayList<>(List.of(new RevisionRollout("foo-00001", 80),
                new RevisionRollout("foo-00002", 20)));
        assertThat(json(route("foo", cfg("foo", 100)), exampleCom(), Map.of(), Rollout.of(List.of(c))))
                .isEqualTo("[{\"revisionName\":\"foo-00001\",\"latestRevision\":true,\"percent\":80},"
                        + "{\"revisionName\":\"foo-00002\",\"latestRevision\":true,\"percent\":20}]");
    }
}
