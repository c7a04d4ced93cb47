package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteSpec;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.kube.Lister;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache indexes' keys, and lookups through them on a lister of fixed objects. */
class IndexesTest {

    static Revision revision(String name, String config, String routes) {
        Revision r = new Revision();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns")
                .withLabels(Map.of(ServingKeys.CONFIGURATION, config))
                .withAnnotations(routes == null ? Map.of() : Map.of(ServingKeys.ROUTES, routes)).build());
        return r;
    }

    static TrafficTarget target(String config, String revision) {
        TrafficTarget t = new TrafficTarget();
        t.setConfigurationName(config);
        t.setRevisionName(revision);
        return t;
    }

    @Test
    void revisionsAreFiledByConfigurationAndByEveryRouteTheyList() {
        Revision a = revision("foo-00001", "foo", "bar,foo");
        Revision b = revision("foo-00002", "foo", null);
        Revision c = revision("baz-00001", "baz", "foo");
        assertThat(Indexes.REVISIONS_BY_CONFIGURATION.keys().apply(a)).containsExactly("ns/foo");
        assertThat(Indexes.REVISIONS_BY_ROUTE.keys().apply(a)).containsExactly("ns/bar", "ns/foo");
        assertThat(Indexes.REVISIONS_BY_ROUTE.keys().apply(b)).isEmpty();
        Lister<Revision> lister = Lister.of(List.of(a, b, c));
        assertThat(lister.byIndex(Indexes.REVISIONS_BY_CONFIGURATION, "ns/foo")).containsExactly(a, b);
        assertThat(lister.byIndex(Indexes.REVISIONS_BY_ROUTE, "ns/foo")).containsExactly(a, c);
        assertThat(lister.byIndex(Indexes.REVISIONS_BY_ROUTE, "other/foo")).isEmpty();
    }

    @Test
    void routesAreFiledBySpecAndStatusRevisionsAndSpecConfigurations() {
        Route route = new Route();
        route.setMetadata(new ObjectMetaBuilder().withName("r").withNamespace("ns").build());
        RouteSpec spec = new RouteSpec();
        spec.setTraffic(List.of(target("foo", null), target(null, "bar-00002")));
        route.setSpec(spec);
        RouteStatus status = new RouteStatus();
        status.setTraffic(List.of(target("ignored-in-status", "foo-00003")));
        route.setStatus(status);
        assertThat(Indexes.ROUTES_BY_TARGET.keys().apply(route)).containsExactly(
                Indexes.configurationTarget("ns", "foo"), Indexes.revisionTarget("ns", "bar-00002"),
                Indexes.revisionTarget("ns", "foo-00003"));
    }
}
