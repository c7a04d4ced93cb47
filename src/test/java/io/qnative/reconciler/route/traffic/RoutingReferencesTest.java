package io.qnative.reconciler.route.traffic;

import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteStatus;
import org.junit.jupiter.api.Test;

/**
 * What the labeler marks (Knative's pkg/reconciler/labeler; conformance: a new latest revision turns active before
 * it is ready).
 */
class RoutingReferencesTest {

    static Revision ownedByConfig(Revision r, String config) {
        r.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withKind("Configuration")
                .withName(config).withController(true).build()));
        return r;
    }

    @Test
    void latestCreatedRevisionIsReferencedBeforeItIsReady() {
        Configuration foo = configuration("foo", "foo-00001", Condition.TRUE);
        foo.getStatus().setLatestCreatedRevisionName("foo-00002");
        Route r = route("foo", cfg("foo", 100), tag("old", rev("bar-00001", 0)), rev("gone", 0));
        RouteStatus status = new RouteStatus();
        status.setTraffic(List.of(rev("foo-00001", 100)));
        r.setStatus(status);
        RoutingReferences refs = RoutingReferences.of(r, lookup(foo, configuration("bar", "bar-00001",
                Condition.TRUE)), lookup(ownedByConfig(ready("foo-00001", "foo"), "foo"),
                        ownedByConfig(ready("bar-00001", "bar"), "bar")));
        assertThat(refs.configurations()).containsExactly("bar", "foo");
        assertThat(refs.revisions()).containsExactly("bar-00001", "foo-00001", "foo-00002");
    }

    @Test
    void missingObjectsAreSkipped() {
        RoutingReferences refs = RoutingReferences.of(route("foo", cfg("nope", 100), rev("nope-1", 0)),
                lookup(), lookup());
        assertThat(refs.configurations()).isEmpty();
        assertThat(refs.revisions()).isEmpty();
    }
}
