package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.700Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:05Z");

    @Test
    void reportsRunningPodWithIpsConditionsAndKeepsQosClass() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus()
                .withQosClass("BestEffort").endStatus().build();
        PodStatus status = PodStatuses.desired(pod, "127.0.1.9", T0, List.of(container(false)), "Running", T0);
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getPodIP()).isEqualTo("127.0.1.9");
        assertThat(status.getPodIPs()).singleElement().satisfies(ip -> assertThat(ip.getIp()).isEqualTo("127.0.1.9"));
        assertThat(status.getHostIP()).isEqualTo("127.0.0.1");
        assertThat(status.getStartTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(status.getQosClass()).isEqualTo("BestEffort");
        assertThat(status.getConditions()).extracting(PodCondition::getType, PodCondition::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Initialized", "True"),
                org.assertj.core.groups.Tuple.tuple("Ready", "False"),
                org.assertj.core.groups.Tuple.tuple("ContainersReady", "False"),
                org.assertj.core.groups.Tuple.tuple("PodScheduled", "True"));
    }

    @Test
    void unchangedPodYieldsAnEqualStatusAndReadinessMovesOnlyItsTransitionTime() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();
        PodStatus first = PodStatuses.desired(pod, "127.0.1.9", T0, List.of(container(false)), "Running", T0);
        pod.setStatus(first);
        assertThat(PodStatuses.desired(pod, "127.0.1.9", T0, List.of(container(false)), "Running", T1))
                .isEqualTo(first);

        PodStatus ready = PodStatuses.desired(pod, "127.0.1.9", T0, List.of(container(true)), "Running", T1);
        assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(ready, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:05Z");
        assertThat(condition(ready, "Initialized").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    private static ContainerStatus container(boolean ready) {
        return new ContainerStatusBuilder().withName("c").withReady(ready).build();
    }

    private static PodCondition condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }
}
