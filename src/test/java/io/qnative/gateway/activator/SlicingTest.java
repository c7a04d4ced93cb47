package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlicingTest {

    private static final List<String> PODS = List.of("a", "b", "c", "d", "e", "f", "g");

    @Test
    void unknownIndexOrOneReplicaUsesEveryPod() {
        assertThat(Slicing.assign(PODS, -1, 3)).isEqualTo(PODS);
        assertThat(Slicing.assign(PODS, 0, 1)).isEqualTo(PODS);
    }

    @Test
    void piecesThenRemnantsToTheFirstReplicas() {
        // 7 pods, 3 replicas: pieces of 2, remnant pod g goes to replica 0
        assertThat(Slicing.assign(PODS, 0, 3)).containsExactly("a", "b", "g");
        assertThat(Slicing.assign(PODS, 1, 3)).containsExactly("c", "d");
        assertThat(Slicing.assign(PODS, 2, 3)).containsExactly("e", "f");
    }

    @Test
    void everyPodBelongsToExactlyOneReplica() {
        for (int n = 1; n <= PODS.size(); n++) {
            int replicas = n;
            List<String> all = new ArrayList<>();
            IntStream.range(0, replicas).forEach(i -> all.addAll(Slicing.assign(PODS, i, replicas)));
            assertThat(all).as("%d replicas", replicas).containsExactlyInAnyOrderElementsOf(PODS);
        }
    }

    @Test
    void moreReplicasThanPodsShareByModulo() {
        List<String> two = List.of("a", "b");
        assertThat(Slicing.assign(two, 0, 5)).containsExactly("a");
        assertThat(Slicing.assign(two, 1, 5)).containsExactly("b");
        assertThat(Slicing.assign(two, 4, 5)).containsExactly("a");
        assertThat(Slicing.assign(List.of(), 1, 3)).isEmpty();
    }
}
