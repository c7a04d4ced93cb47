package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.observability.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** A sink that records what it is asked to write and holds the writer until released. */
    private static final class HeldSink implements KubernetesEventRecorder.Sink {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> writes = new CopyOnWriteArrayList<>();
        volatile boolean patchFindsTheEvent = true;

        private void hold() {
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void create(Event event) {
            writes.add("create " + event.getMetadata().getName() + " " + event.getMessage() + " x"
                    + event.getCount());
            hold();
        }

        @Override
        public boolean patch(Event event) {
            writes.add("patch " + event.getMetadata().getName() + " x" + event.getCount());
            hold();
            return patchFindsTheEvent;
        }
    }

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("u-" + name)
                .endMetadata().build();
    }

    @Test
    void atMostAThousandEventsWaitAndTheRestAreDroppedAndCounted() {
        HeldSink sink = new HeldSink();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KubernetesEventRecorder recorder = new KubernetesEventRecorder(sink, CLOCK, registry);
        try {
            recorder.normal(configMap("first"), "Created", "first");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.writes.size() == 1);
            // the writer holds "first"; objects of their own, so the spam filter lets each through
            for (int i = 0; i < KubernetesEventRecorder.MAX_QUEUED + 7; i++) {
                recorder.normal(configMap("o-" + i), "Created", "n%d", i);
            }
            assertThat(recorder.dropped()).isEqualTo(7);
            assertThat(registry.get(MetricNames.EVENTS_DROPPED).counter().count()).isEqualTo(7.0);
            sink.release.countDown();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.writes.size() == 1 + KubernetesEventRecorder.MAX_QUEUED);
            assertThat(sink.writes).startsWith("create first." + Long.toHexString(NOW.getEpochSecond()
                    * 1_000_000_000L + NOW.getNano()) + " first x1").contains("create o-999."
                    + Long.toHexString(NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano()) + " n999 x1")
                    .noneMatch(w -> w.startsWith("create o-1000."));
        } finally {
            sink.release.countDown();
            recorder.close();
        }
    }

    @Test
    void aRepeatedEventPatchesTheFirstAndIsCreatedAgainWhenItIsGone() {
        HeldSink sink = new HeldSink();
        sink.release.countDown();
        KubernetesEventRecorder recorder = new KubernetesEventRecorder(sink, CLOCK, new SimpleMeterRegistry());
        try {
            String name = "cm." + Long.toHexString(NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano());
            recorder.warn(configMap("cm"), "UpdateFailed", "failed: %s", "conflict");
            recorder.warn(configMap("cm"), "UpdateFailed", "failed: %s", "conflict");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.writes.size() == 2);
            sink.patchFindsTheEvent = false;
            recorder.warn(configMap("cm"), "UpdateFailed", "failed: %s", "conflict");
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.writes.size() == 4);
            assertThat(sink.writes).containsExactly("create " + name + " failed: conflict x1",
                    "patch " + name + " x2", "patch " + name + " x3", "create " + name + " failed: conflict x3");
        } finally {
            recorder.close();
        }
    }

    @Test
    void anObjectsEventsBeyondTheSpamFilterAreSkipped() {
        HeldSink sink = new HeldSink();
        sink.release.countDown();
        KubernetesEventRecorder recorder = new KubernetesEventRecorder(sink, CLOCK, new SimpleMeterRegistry());
        try {
            for (int i = 0; i < EventCorrelator.SPAM_BURST + 3; i++) {
                recorder.normal(configMap("busy"), "Step", "step %d", i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.writes.size() == EventCorrelator.SPAM_BURST
                    && recorder.skipped() == 3);
            assertThat(sink.writes.get(sink.writes.size() - 1)).contains("step 24 ");
        } finally {
            recorder.close();
        }
    }
}
