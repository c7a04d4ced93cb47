package io.qnative.reconciler.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.qnative.reconciler.ObjectKey;
import org.junit.jupiter.api.Test;

class RevisionControllersTest {

    @Test
    void podsMapToTheirRevision() {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("ns").withName("foo-00001-deployment-abc")
                .withLabels(Map.of("serving.knative.dev/revision", "foo-00001")).endMetadata().build();
        assertThat(RevisionControllers.revisionOfPod(pod)).containsExactly(new ObjectKey("ns", "foo-00001"));
        Pod other = new PodBuilder().withNewMetadata().withNamespace("ns").withName("x").endMetadata().build();
        assertThat(RevisionControllers.revisionOfPod(other)).isEmpty();
    }
}
