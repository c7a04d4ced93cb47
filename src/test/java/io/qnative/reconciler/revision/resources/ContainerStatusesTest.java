package io.qnative.reconciler.revision.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.qnative.api.serving.v1.ContainerStatus;
import org.junit.jupiter.api.Test;

class ContainerStatusesTest {

    @Test
    void imagesAreRecordedVerbatimInSpecOrder() {
        List<ContainerStatus> statuses = ContainerStatuses.of(List.of(container("user-container", "ko.local/app:v1"),
                container("sidecar", "registry.example.com/side@sha256:" + "a".repeat(64))));
        assertThat(statuses).extracting(ContainerStatus::getName, ContainerStatus::getImageDigest).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user-container", "ko.local/app:v1"),
                org.assertj.core.groups.Tuple.tuple("sidecar", "registry.example.com/side@sha256:" + "a".repeat(64)));
    }

    @Test
    void noInitContainersIsOmitted() {
        assertThat(ContainerStatuses.ofOptional(null)).isNull();
        assertThat(ContainerStatuses.ofOptional(List.of())).isNull();
        assertThat(ContainerStatuses.ofOptional(List.of(container("init-container", "busybox"))))
                .singleElement().extracting(ContainerStatus::getImageDigest).isEqualTo("busybox");
        assertThat(ContainerStatuses.of(null)).isEmpty();
    }

    private static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }
}
