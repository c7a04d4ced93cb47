package io.qnative.reconciler.revision.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

class PodAutoscalersTest {

    static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;

    @Test
    void plainRevision() {
        assertSameObject(PodAutoscalers.make(Fixtures.revision(), CONFIG, null),
                Manifests.load("/builders/podautoscaler-foo-00001.yaml", PodAutoscaler.class));
    }

    @Test
    void classFromConfigUnlessAnnotated() {
        ConfigSnapshot hpa = ConfigSnapshot.apply(CONFIG, AutoscalerConfig.NAME,
                Map.of("pod-autoscaler-class", AutoscalingKeys.CLASS_HPA));
        assertThat(PodAutoscalers.make(Fixtures.revision(), hpa, null).getMetadata().getAnnotations())
                .containsEntry(AutoscalingKeys.CLASS, AutoscalingKeys.CLASS_HPA);
        Revision rev = Fixtures.revision();
        rev.getMetadata().getAnnotations().put(AutoscalingKeys.CLASS, "custom.example.com");
        assertThat(PodAutoscalers.make(rev, hpa, null).getMetadata().getAnnotations())
                .containsEntry(AutoscalingKeys.CLASS, "custom.example.com");
    }

    @Test
    void specFields() {
        Revision rev = Fixtures.revision();
        rev.getSpec().setContainerConcurrency(null);
        rev.getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder().withName("h2c")
                .withContainerPort(8080).build()));
        PodAutoscaler pa = PodAutoscalers.make(rev, CONFIG, null);
        assertThat(pa.getSpec().getContainerConcurrency()).isZero();
        assertThat(pa.getSpec().getProtocolType()).isEqualTo("h2c");
        rev.getSpec().setContainerConcurrency(10L);
        assertThat(PodAutoscalers.make(rev, CONFIG, null).getSpec().getContainerConcurrency()).isEqualTo(10L);
    }

    @Test
    void reachabilityFromRoutingState() {
        assertThat(reachability("active", null, null)).isEqualTo("Reachable");
        assertThat(reachability("reserve", null, null)).isEqualTo("Unreachable");
        assertThat(reachability("pending", null, null)).isNull();
        assertThat(reachability(null, null, null)).isNull();
    }

    @Test
    void failedRevisionIsUnreachableOnlyWhileItsDeploymentWantsPodsAndHasNoneReady() {
        RevisionStatus failed = new RevisionStatus();
        failed.initializeConditions(Fixtures.NOW);
        failed.markContainerHealthyFalse("ExitCode1", "boom", Fixtures.NOW);
        assertThat(reachability("active", failed, deployment(1, 0))).isEqualTo("Unreachable");
        assertThat(reachability("active", failed, deployment(1, 1))).isEqualTo("Reachable");
        assertThat(reachability("active", failed, deployment(0, 0))).as("scaled to zero").isEqualTo("Reachable");
        assertThat(reachability("active", failed, null)).as("no Deployment yet").isEqualTo("Reachable");
        RevisionStatus unavailable = new RevisionStatus();
        unavailable.markResourcesAvailableFalse("ProgressDeadlineExceeded", "slow", Fixtures.NOW);
        assertThat(reachability("pending", unavailable, deployment(2, 0))).isEqualTo("Unreachable");
        RevisionStatus healthy = new RevisionStatus();
        healthy.initializeConditions(Fixtures.NOW);
        assertThat(reachability("active", healthy, deployment(1, 0))).isEqualTo("Reachable");
    }

    private static String reachability(String state, RevisionStatus status, Deployment d) {
        Revision rev = Fixtures.revision();
        if (state == null) {
            rev.getMetadata().getLabels().remove(ServingKeys.ROUTING_STATE);
        } else {
            rev.getMetadata().getLabels().put(ServingKeys.ROUTING_STATE, state);
        }
        rev.setStatus(status);
        return PodAutoscalers.make(rev, CONFIG, d).getSpec().getReachability();
    }

    private static Deployment deployment(int replicas, int ready) {
        return new DeploymentBuilder().withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
    }
}
