package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the endpoints' addresses and the revision pods' own IPs combine. */
class ActivatorTest {

    @Test
    void aPodTheEndpointsDoNotListYetIsAddedNotReadyOnTheUserPort() {
        Map<String, Boolean> listed = Map.of("10.0.0.1:8080", true);
        assertThat(Activator.withUnlisted(listed, List.of("10.0.0.1", "10.0.0.2"), 8080))
                .containsOnly(Map.entry("10.0.0.1:8080", true), Map.entry("10.0.0.2:8080", false));
    }

    @Test
    void theEndpointsSayWhetherAListedPodIsReadyWhateverTheirPort() {
        Map<String, Boolean> listed = Map.of("10.0.0.1:8012", false, "[fd00::1]:8012", true);
        assertThat(Activator.withUnlisted(listed, List.of("10.0.0.1", "fd00::1"), 8080)).isSameAs(listed);
        assertThat(Activator.withUnlisted(Map.of(), List.of("fd00::2"), 8080))
                .containsOnly(Map.entry("[fd00::2]:8080", false));
        assertThat(Activator.withUnlisted(listed, List.of(), 8080)).isSameAs(listed);
    }
}
