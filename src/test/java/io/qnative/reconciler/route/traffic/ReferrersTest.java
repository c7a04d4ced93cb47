package io.qnative.reconciler.route.traffic;

import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteStatus;
import org.junit.jupiter.api.Test;

class ReferrersTest {

    @Test
    void aConfigurationIsReferencedByNameOrThroughAPinnedRevision() {
        Route byName = route("r", cfg("c", 100));
        Route byRevision = route("r", rev("c-1", 100));

        assertThat(Referrers.refersToConfiguration(byName, "c", lookup())).isTrue();
        assertThat(Referrers.refersToConfiguration(byName, "d", lookup())).isFalse();
        assertThat(Referrers.refersToConfiguration(byRevision, "c", lookup(ready("c-1", "c")))).isTrue();
        assertThat(Referrers.refersToConfiguration(byRevision, "c", lookup())).isFalse();
    }

    @Test
    void aRevisionIsReferencedByNameInSpecOrStatusOrThroughItsConfiguration() {
        Revision c2 = ready("c-2", "c");
        Route pinned = route("r", rev("c-2", 100));
        Route latest = route("r", cfg("c", 100));
        Route other = route("r", rev("d-1", 100));

        assertThat(Referrers.refersToRevision(pinned, c2)).isTrue();
        assertThat(Referrers.refersToRevision(latest, c2)).isTrue();
        assertThat(Referrers.refersToRevision(other, c2)).isFalse();

        RouteStatus st = new RouteStatus();
        st.setTraffic(List.of(rev("c-2", 100)));
        other.setStatus(st);
        assertThat(Referrers.refersToRevision(other, c2)).isTrue();
    }

    @Test
    void aRevisionNotYetCreatedIsStillMatchedByName() {
        assertThat(Referrers.refersToRevision(route("r", rev("c-9", 100)), ready("c-9", null))).isTrue();
    }
}
