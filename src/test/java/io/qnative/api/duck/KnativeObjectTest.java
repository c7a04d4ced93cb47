package io.qnative.api.duck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteConditions;
import io.qnative.api.serving.v1.RouteStatus;

/**
 * Readiness as a parent sees a child: only once the child's generation is observed (knative.dev/pkg {@code
 * apis/duck/v1/status_types.go}).
 */
class KnativeObjectTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    static Route route(long generation, Long observed) {
        Route r = new Route();
        r.setMetadata(new ObjectMetaBuilder().withName("r").withGeneration(generation).build());
        RouteStatus s = new RouteStatus();
        s.setObservedGeneration(observed);
        s.initializeConditions(NOW);
        r.setStatus(s);
        return r;
    }

    static void markAll(Route r, boolean ok) {
        ConditionManager m = r.getStatus().manage(NOW);
        for (String t : RouteConditions.SET.dependents()) {
            if (ok) {
                m.markTrue(t);
            } else {
                m.markFalse(t, "Broken", "broken");
            }
        }
    }

    @Test
    void readyOnlyWhenTheGenerationIsObserved() {
        Route r = route(2, 1L);
        markAll(r, true);
        assertThat(r.isReady()).isFalse();
        r.getStatus().setObservedGeneration(2L);
        assertThat(r.isReady()).isTrue();
        assertThat(r.isFailed()).isFalse();
    }

    @Test
    void failedOnlyWhenTheGenerationIsObserved() {
        Route r = route(3, 2L);
        markAll(r, false);
        assertThat(r.isFailed()).isFalse();
        r.getStatus().setObservedGeneration(3L);
        assertThat(r.isFailed()).isTrue();
        assertThat(r.isReady()).isFalse();
    }

    @Test
    void newObjectsAreNeitherReadyNorFailed() {
        Route r = new Route();
        assertThat(r.isReady()).isFalse();
        assertThat(r.isFailed()).isFalse();
        assertThat(r.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(r.getKind()).isEqualTo("Route");
    }
}
