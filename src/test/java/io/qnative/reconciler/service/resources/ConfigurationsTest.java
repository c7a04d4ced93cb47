package io.qnative.reconciler.service.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Service;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

class ConfigurationsTest {

    @Test
    void plainService() {
        assertSameObject(Configurations.make(Fixtures.ksvc()),
                Manifests.load("/builders/configuration-foo.yaml", Configuration.class));
    }

    @Test
    void routesAnnotationKeepsExistingRoutesSortedAndAddsOurs() {
        Configuration existing = Fixtures.configuration();
        existing.getMetadata().getAnnotations().put(ServingKeys.ROUTES, "zeta,alpha,foo");
        Configuration c = Configurations.make(Fixtures.ksvc(), existing);
        assertThat(c.getMetadata().getAnnotations()).containsEntry(ServingKeys.ROUTES, "alpha,foo,zeta");

        existing.getMetadata().getAnnotations().put(ServingKeys.ROUTES, "other");
        assertThat(Configurations.make(Fixtures.ksvc(), existing).getMetadata().getAnnotations())
                .containsEntry(ServingKeys.ROUTES, "foo,other");
    }

    @Test
    void serviceKeysWinOverUserLabelsAndRolloutKeysAreDropped() {
        Service ksvc = Fixtures.ksvc();
        ksvc.getMetadata().getLabels().put(ServingKeys.SERVICE, "spoofed");
        ksvc.getMetadata().getAnnotations().put(ServingKeys.ROLLOUT_DURATION_LEGACY, "10s");
        ksvc.getMetadata().getAnnotations().put(ServingKeys.ROUTES, "spoofed");
        Configuration c = Configurations.make(ksvc);
        assertThat(c.getMetadata().getLabels()).containsEntry(ServingKeys.SERVICE, "foo");
        assertThat(c.getMetadata().getAnnotations()).containsOnlyKeys(ServingKeys.CREATOR,
                ServingKeys.LAST_MODIFIER, ServingKeys.ROUTES).containsEntry(ServingKeys.ROUTES, "foo");
    }

    @Test
    void specIsACopy() {
        Service ksvc = Fixtures.ksvc();
        Configuration c = Configurations.make(ksvc);
        c.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("changed");
        assertThat(ksvc.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ko.local/app:v1");
    }

    @Test
    void serviceWithoutLabelsOrAnnotations() {
        Service ksvc = Fixtures.ksvc();
        ksvc.getMetadata().setLabels(null);
        ksvc.getMetadata().setAnnotations(null);
        Configuration c = Configurations.make(ksvc);
        assertThat(c.getMetadata().getLabels()).isEqualTo(Map.of(ServingKeys.SERVICE, "foo",
                ServingKeys.SERVICE_UID, "svc-uid"));
        assertThat(c.getMetadata().getAnnotations()).isEqualTo(Map.of(ServingKeys.ROUTES, "foo"));
    }
}
