package io.qnative.reconciler.route.domains;

import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.labels;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import org.junit.jupiter.api.Test;

/** Visibility per traffic target name (Knative's {@code visibility_test.go}). */
class VisibilitiesTest {

    static final Route TAGGED = route("foo", tag("blue", cfg("c", 50)), tag("green", cfg("c", 50)));

    static Optional<Service> none(String name) {
        return Optional.empty();
    }

    @Test
    void externalDomainMakesEveryTargetExternal() {
        assertThat(Visibilities.resolve(exampleCom(), TAGGED, VisibilitiesTest::none)).containsExactly(
                Map.entry("", Visibility.EXTERNAL_IP), Map.entry("blue", Visibility.EXTERNAL_IP),
                Map.entry("green", Visibility.EXTERNAL_IP));
    }

    @Test
    void clusterLocalDomainOrLabelMakesEveryTargetLocal() {
        assertThat(Visibilities.resolve(ConfigSnapshot.DEFAULT, TAGGED, VisibilitiesTest::none).values())
                .containsOnly(Visibility.CLUSTER_LOCAL);
        Route labelled = labels(route("foo", tag("blue", cfg("c", 100))), NetworkingKeys.VISIBILITY,
                "cluster-local");
        assertThat(Visibilities.resolve(exampleCom(), labelled, VisibilitiesTest::none).values())
                .containsOnly(Visibility.CLUSTER_LOCAL);
    }

    @Test
    void aLabelledPlaceholderServiceMakesOnlyItsTagLocal() {
        Service blue = new ServiceBuilder().withNewMetadata().withName("blue-foo")
                .addToLabels(NetworkingKeys.VISIBILITY, "anything").endMetadata().build();
        Service green = new ServiceBuilder().withNewMetadata().withName("green-foo")
                .addToLabels(NetworkingKeys.VISIBILITY, "").endMetadata().build();
        Map<String, Service> byName = Map.of("blue-foo", blue, "green-foo", green);
        assertThat(Visibilities.resolve(exampleCom(), TAGGED, n -> Optional.ofNullable(byName.get(n))))
                .containsExactly(Map.entry("", Visibility.EXTERNAL_IP), Map.entry("blue", Visibility.CLUSTER_LOCAL),
                        Map.entry("green", Visibility.EXTERNAL_IP));
    }
}
