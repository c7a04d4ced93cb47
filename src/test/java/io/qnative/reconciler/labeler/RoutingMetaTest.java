package io.qnative.reconciler.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import org.junit.jupiter.api.Test;

class RoutingMetaTest {

    static final Instant NOW = Instant.parse("2026-11-26T23:00:00.500Z");

    static Revision revision(String routes, String state) {
        Revision r = new Revision();
        ObjectMeta m = new ObjectMeta();
        m.setName("foo-00001");
        Map<String, String> a = new HashMap<>();
        if (routes != null) {
            a.put(ServingKeys.ROUTES, routes);
        }
        m.setAnnotations(a);
        if (state != null) {
            m.setLabels(Map.of(ServingKeys.ROUTING_STATE, state));
        }
        r.setMetadata(m);
        return r;
    }

    @Test
    void addingTheFirstRouteActivates() {
        assertThat(RoutingMeta.patch(revision(null, "pending"), "r", false, true, NOW)).contains(Map.of("metadata",
                Map.of("labels", Map.of(ServingKeys.ROUTING_STATE, "active"), "annotations", Map.of(ServingKeys.ROUTES,
                        "r", ServingKeys.ROUTING_STATE_MODIFIED, "2026-11-26T23:00:00Z"))));
    }

    @Test
    void routesStaySortedAndTheStateIsKept() {
        assertThat(RoutingMeta.patch(revision("s,a", "active"), "m", false, true, NOW)).contains(Map.of("metadata",
                Map.of("annotations", Map.of(ServingKeys.ROUTES, "a,m,s"))));
        assertThat(RoutingMeta.patch(revision("a,m", "active"), "m", true, true, NOW)).contains(Map.of("metadata",
                Map.of("annotations", Map.of(ServingKeys.ROUTES, "a"))));
    }

    @Test
    void removingTheLastRouteReservesAndDropsTheAnnotation() {
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(ServingKeys.ROUTES, null);
        annotations.put(ServingKeys.ROUTING_STATE_MODIFIED, "2026-11-26T23:00:00Z");
        assertThat(RoutingMeta.patch(revision("r", "active"), "r", true, true, NOW)).contains(Map.of("metadata",
                Map.of("labels", Map.of(ServingKeys.ROUTING_STATE, "reserve"), "annotations", annotations)));
    }

    @Test
    void nothingToChangeIsNoPatch() {
        assertThat(RoutingMeta.patch(revision("r", "active"), "r", false, true, NOW)).isEmpty();
        assertThat(RoutingMeta.patch(revision(null, "reserve"), "r", true, true, NOW)).isEmpty();
    }

    @Test
    void configurationsGetOnlyTheRoutesAnnotation() {
        assertThat(RoutingMeta.patch(revision(null, null), "r", false, false, NOW)).contains(Map.of("metadata",
                Map.of("annotations", Map.of(ServingKeys.ROUTES, "r"))));
    }
}
