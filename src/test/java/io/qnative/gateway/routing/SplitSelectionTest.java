package io.qnative.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitSelectionTest {

    private static RoutingTable.Split split(String rev, int percent) {
        return new RoutingTable.Split(new RoutingTable.Backend("ns", rev, 80), percent, Map.of());
    }

    @Test
    void everyRollMapsToTheSplitOwningIt() {
        RoutingTable.Path p = new RoutingTable.Path("", Map.of(), List.of(split("a", 90), split("b", 10)), Map.of(),
                null);
        Map<String, Integer> counts = new HashMap<>();
        for (int roll = 0; roll < 100; roll++) {
            counts.merge(p.pick(roll).orElseThrow().backend().serviceName(), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 90, "b", 10));
    }

    @Test
    void randomRollsFollowThePercentsWithinThreePoints() {
        RoutingTable.Path p = new RoutingTable.Path("", Map.of(),
                List.of(split("a", 90), split("b", 0), split("c", 10)), Map.of(), null);
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> counts = new HashMap<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts.merge(p.pick(random.nextInt(100)).orElseThrow().backend().serviceName(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("b");
        assertThat(counts.get("a") * 100.0 / n).isBetween(87.0, 93.0);
        assertThat(counts.get("c") * 100.0 / n).isBetween(7.0, 13.0);
    }
}
