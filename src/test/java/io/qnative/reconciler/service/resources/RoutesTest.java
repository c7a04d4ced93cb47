package io.qnative.reconciler.service.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void plainService() {
        assertSameObject(Routes.make(Fixtures.ksvc()), Manifests.load("/builders/route-foo.yaml", Route.class));
    }

    @Test
    void configurationNameOnlyWhereNoRevisionIsNamed() {
        Service ksvc = Fixtures.ksvc();
        ksvc.getSpec().setTraffic(List.of(
                target(null, "foo-00001", false, 90L),
                target("candidate", null, true, 10L),
                target("pinned", "foo-00002", false, 0L)));
        List<TrafficTarget> traffic = Routes.make(ksvc).getSpec().getTraffic();
        assertThat(traffic).extracting(TrafficTarget::getConfigurationName).containsExactly(null, "foo", null);
        assertThat(traffic).extracting(TrafficTarget::getTag).containsExactly(null, "candidate", "pinned");
        assertThat(traffic).extracting(TrafficTarget::getPercent).containsExactly(90L, 10L, 0L);
        assertThat(ksvc.getSpec().getTraffic().get(1).getConfigurationName()).as("input untouched").isNull();
    }

    @Test
    void noTrafficStaysNull() {
        Service ksvc = Fixtures.ksvc();
        ksvc.getSpec().setTraffic(null);
        assertThat(Routes.make(ksvc).getSpec().getTraffic()).isNull();
    }

    private static TrafficTarget target(String tag, String revision, boolean latest, Long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setTag(tag);
        t.setRevisionName(revision);
        t.setLatestRevision(latest);
        t.setPercent(percent);
        return t;
    }
}
