package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubernetesEventRecorderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T22:00:00.123456789Z");

    @Test
    void buildsAnEventAboutTheObject() {
        Event e = KubernetesEventRecorder.build(new ConfigMapBuilder().withNewMetadata().withName("config-gc")
                .withNamespace("knative-serving").withUid("u-1").withResourceVersion("7").endMetadata().build(),
                EventRecorder.WARNING, "InvalidConfig", "bad value", NOW);
        assertThat(e.getMetadata().getNamespace()).isEqualTo("knative-serving");
        assertThat(e.getMetadata().getName()).startsWith("config-gc.")
                .isEqualTo("config-gc." + Long.toHexString(NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano()));
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
        assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("v1");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("config-gc");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo("u-1");
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("InvalidConfig");
        assertThat(e.getMessage()).isEqualTo("bad value");
        assertThat(e.getSource().getComponent()).isEqualTo("qnative");
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-26T22:00:00Z");
        assertThat(e.getCount()).isEqualTo(1);
    }

    @Test
    void clusterScopedObjectsGetEventsInDefault() {
        Event e = KubernetesEventRecorder.build(new NamespaceBuilder().withNewMetadata().withName("team-a")
                .endMetadata().build(), EventRecorder.NORMAL, "Created", "x".repeat(2000), NOW);
        assertThat(e.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(e.getInvolvedObject().getNamespace()).isNull();
        assertThat(e.getMessage()).hasSize(1024);
    }
}
