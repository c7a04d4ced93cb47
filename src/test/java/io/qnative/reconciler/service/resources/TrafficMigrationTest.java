package io.qnative.reconciler.service.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.testing.Fixtures;
import org.junit.jupiter.api.Test;

class TrafficMigrationTest {

    @Test
    void latestRevisionTargetResolvedToTheLatestReadyRevision() {
        Route route = route(List.of(target(null, null, "foo", true, 100L)),
                List.of(status(null, "foo-00002", true, 100L, "http://foo")));
        assertThat(TrafficMigration.isMigrated(configuration("foo-00002"), route)).isTrue();
        assertThat(TrafficMigration.isMigrated(configuration("foo-00003"), route)).as("still on the old one")
                .isFalse();
    }

    @Test
    void splitsAndTagsMustMatchInOrder() {
        List<TrafficTarget> spec = List.of(target(null, "foo-00001", null, false, 90L),
                target("next", null, "foo", true, 10L));
        Route route = route(spec, List.of(status(null, "foo-00001", false, 90L, null),
                status("next", "foo-00002", true, 10L, "http://next-foo")));
        assertThat(TrafficMigration.isMigrated(configuration("foo-00002"), route)).isTrue();
        route.getStatus().setTraffic(List.of(status(null, "foo-00001", false, 100L, null)));
        assertThat(TrafficMigration.isMigrated(configuration("foo-00002"), route)).isFalse();
        route.getStatus().setTraffic(List.of(status(null, "foo-00001", false, 90L, null),
                status("other", "foo-00002", true, 10L, null)));
        assertThat(TrafficMigration.isMigrated(configuration("foo-00002"), route)).isFalse();
    }

    @Test
    void noStatusYet() {
        Route route = route(List.of(target(null, null, "foo", true, 100L)), null);
        assertThat(TrafficMigration.isMigrated(configuration("foo-00001"), route)).isFalse();
    }

    private static Configuration configuration(String latestReady) {
        Configuration c = Fixtures.configuration();
        ConfigurationStatus s = new ConfigurationStatus();
        s.setLatestReadyRevisionName(latestReady);
        c.setStatus(s);
        return c;
    }

    private static Route route(List<TrafficTarget> spec, List<TrafficTarget> status) {
        Route r = Routes.make(Fixtures.ksvc());
        r.getSpec().setTraffic(spec);
        RouteStatus rs = new RouteStatus();
        rs.setTraffic(status);
        r.setStatus(rs);
        return r;
    }

    private static TrafficTarget target(String tag, String revision, String config, boolean latest, Long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setTag(tag);
        t.setRevisionName(revision);
        t.setConfigurationName(config);
        t.setLatestRevision(latest);
        t.setPercent(percent);
        return t;
    }

    private static TrafficTarget status(String tag, String revision, boolean latest, Long percent, String url) {
        TrafficTarget t = target(tag, revision, null, latest, percent);
        t.setUrl(url);
        return t;
    }
}
