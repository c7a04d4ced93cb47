package io.qnative.reconciler.revision.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Kmeta;
import io.qnative.testing.Fixtures;
import org.junit.jupiter.api.Test;

class OwnedFieldsTest {

    static final DeploymentOptions OPTIONS = DeploymentOptions.forMinor(20);

    @Test
    void deploymentIsTheSameWhileTheHashIs() {
        Deployment want = Deployments.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, OPTIONS);
        Deployment have = Kmeta.deepCopy(want, Deployment.class);
        have.getSpec().setReplicas(7);
        have.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
        assertThat(OwnedFields.sameDeployment(have, want)).isTrue();
        have.getMetadata().getLabels().put(ServingKeys.DEPLOYMENT_HASH, "old");
        assertThat(OwnedFields.sameDeployment(have, want)).isFalse();
    }

    @Test
    void deploymentUpdateKeepsReplicasSelectorAndForeignMetadata() {
        Deployment want = Deployments.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, OPTIONS);
        Deployment have = Kmeta.deepCopy(want, Deployment.class);
        have.getSpec().setReplicas(7);
        have.getSpec().getSelector().setMatchLabels(Map.of("legacy", "selector"));
        have.getSpec().setProgressDeadlineSeconds(1);
        have.getMetadata().getLabels().put(ServingKeys.DEPLOYMENT_HASH, "old");
        have.getMetadata().getLabels().put("team", "a");
        have.getMetadata().setAnnotations(Map.of("deployment.kubernetes.io/revision", "3"));

        Deployment merged = OwnedFields.deployment(have, want);

        assertThat(merged.getSpec().getReplicas()).isEqualTo(7);
        assertThat(merged.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("legacy", "selector"));
        assertThat(merged.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(merged.getSpec().getTemplate()).isEqualTo(want.getSpec().getTemplate());
        assertThat(merged.getMetadata().getLabels()).containsEntry("team", "a")
                .containsEntry(ServingKeys.DEPLOYMENT_HASH, want.getMetadata().getLabels()
                        .get(ServingKeys.DEPLOYMENT_HASH))
                .containsAllEntriesOf(want.getMetadata().getLabels());
        assertThat(merged.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
    }

    @Test
    void serviceComparesPortsSelectorAndWantedMetadata() {
        Revision rev = Fixtures.revision();
        Service want = Services.makePrivate(rev);
        Service have = Kmeta.deepCopy(want, Service.class);
        have.getSpec().setClusterIP("10.0.0.7");
        have.getMetadata().getLabels().put("team", "a");
        assertThat(OwnedFields.sameService(have, want)).isTrue();

        have.getSpec().getPorts().get(0).setTargetPort(new IntOrString(9999));
        have.getSpec().setSelector(Map.of("app", "other"));
        have.getMetadata().getLabels().remove(ServingKeys.REVISION);
        assertThat(OwnedFields.sameService(have, want)).isFalse();
        Service merged = OwnedFields.service(have, want);
        assertThat(OwnedFields.sameService(merged, want)).isTrue();
        assertThat(merged.getSpec().getClusterIP()).isEqualTo("10.0.0.7");
        assertThat(merged.getMetadata().getLabels()).containsEntry("team", "a");
    }

    @Test
    void publicServiceKeepsNoSelector() {
        Service want = Services.makePublic(Fixtures.revision());
        Service have = Kmeta.deepCopy(want, Service.class);
        have.getSpec().setSelector(Map.of());
        assertThat(OwnedFields.sameService(have, want)).isTrue();
    }

    @Test
    void podAutoscalerComparesTheSpecOnly() {
        PodAutoscaler want = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        PodAutoscaler have = Kmeta.deepCopy(want, PodAutoscaler.class);
        have.getMetadata().getLabels().put("team", "a");
        assertThat(OwnedFields.samePodAutoscaler(have, want)).isTrue();
        have.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        assertThat(OwnedFields.samePodAutoscaler(have, want)).isFalse();
        PodAutoscaler merged = OwnedFields.podAutoscaler(have, want);
        assertThat(merged.getSpec()).isEqualTo(want.getSpec());
        assertThat(merged.getMetadata().getLabels()).containsEntry("team", "a");
    }
}
