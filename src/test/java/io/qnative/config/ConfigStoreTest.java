package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.kube.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigStoreTest {

    /** Records events in memory. */
    static final class FakeEvents implements EventRecorder {
        final List<String> recorded = new ArrayList<>();

        @Override
        public void record(HasMetadata involved, String type, String reason, String fmt, Object... args) {
            recorded.add(type + " " + reason + " " + involved.getMetadata().getName() + ": "
                    + String.format(fmt, args));
        }
    }

    private final FakeEvents events = new FakeEvents();
    private final ConfigStore store = new ConfigStore(null, "knative-serving", events, "cluster.local");
    private final List<ConfigSnapshot> seen = new ArrayList<>();

    private static ConfigMap cm(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("knative-serving").endMetadata()
                .withData(data).build();
    }

    private void put(String name, Map<String, String> data) {
        store.update(name, data, cm(name, data));
    }

    @Test
    void startsWithDefaultsAndNoProblems() {
        assertThat(store.current()).isEqualTo(ConfigSnapshot.DEFAULT);
        assertThat(store.problems()).isEmpty();
        assertThat(store.synced()).isFalse();
    }

    @Test
    void goodThenMalformedThenFixed() {
        store.addListener(seen::add);
        put("config-autoscaler", Map.of("max-scale-down-rate", "3"));
        assertThat(store.current().autoscaler().maxScaleDownRate()).isEqualTo(3);

        put("config-autoscaler", Map.of("max-scale-down-rate", "0.5"));
        assertThat(store.current().autoscaler().maxScaleDownRate()).as("last good value kept").isEqualTo(3);
        assertThat(store.problems()).containsOnlyKeys("config-autoscaler");
        assertThat(store.problems().get("config-autoscaler")).singleElement()
                .hasToString("config-autoscaler: \"max-scale-down-rate\" = \"0.5\": must be greater than 1");
        assertThat(events.recorded).singleElement().asString()
                .startsWith("Warning InvalidConfig config-autoscaler: config-autoscaler: \"max-scale-down-rate\"");

        put("config-autoscaler", Map.of("max-scale-down-rate", "4"));
        assertThat(store.current().autoscaler().maxScaleDownRate()).isEqualTo(4);
        assertThat(store.problems()).isEmpty();
        assertThat(seen).extracting(s -> s.autoscaler().maxScaleDownRate()).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void neverValidMapKeepsDefaults() {
        put("config-gc", Map.of("min-non-active-revisions", "-1"));
        assertThat(store.current().gc()).isEqualTo(GcConfig.DEFAULT);
        assertThat(store.problems()).containsKey("config-gc");
    }

    @Test
    void deletionRevertsToDefaultsAndClearsProblems() {
        put("config-network", Map.of("ingress-class", "kourier.ingress.networking.knative.dev"));
        put("config-features", Map.of("multi-container", "maybe"));
        store.update("config-network", null, null);
        store.update("config-features", null, null);
        assertThat(store.current()).isEqualTo(ConfigSnapshot.DEFAULT);
        assertThat(store.problems()).isEmpty();
    }

    @Test
    void unchangedDataAndUnknownMapsAreIgnored() {
        store.addListener(seen::add);
        put("config-gc", Map.of("min-non-active-revisions", "1"));
        put("config-gc", Map.of("min-non-active-revisions", "1"));
        put("config-logging", Map.of("zap-logger-config", "{}"));
        put("config-features", Map.of("multi-container", "bad"));
        put("config-features", Map.of("multi-container", "bad"));
        assertThat(seen).hasSize(2);
        assertThat(events.recorded).as("one event per distinct bad content").hasSize(1);
    }

    @Test
    void failingListenerDoesNotStopOthers() {
        store.addListener(s -> {
            throw new IllegalStateException("boom");
        });
        store.addListener(seen::add);
        put("config-gc", Map.of("min-non-active-revisions", "1"));
        assertThat(seen).hasSize(2);
    }

    @Test
    void clusterDomainIsKept() {
        ConfigStore other = new ConfigStore(null, "knative-serving", events, "corp.internal");
        other.update("config-domain", Map.of(), null);
        assertThat(other.current().domain().lookup(Map.of())).isEqualTo("svc.corp.internal");
    }
}
