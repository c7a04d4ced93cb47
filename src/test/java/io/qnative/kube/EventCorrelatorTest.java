package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");

    private final EventCorrelator correlator = new EventCorrelator();

    private static HasMetadata object(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
                .endMetadata().build();
    }

    private static Event event(String object, String reason, String message, Instant at) {
        return KubernetesEventRecorder.build(object(object), EventRecorder.WARNING, reason, message, at);
    }

    @Test
    void aRepeatedEventBecomesACountUpdateOfTheFirst() {
        Event first = event("a", "UpdateFailed", "boom", T0);
        EventCorrelator.Result r1 = correlator.correlate(first, T0);
        assertThat(r1.action()).isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(r1.event()).isSameAs(first);

        Instant t1 = T0.plusSeconds(42);
        EventCorrelator.Result r2 = correlator.correlate(event("a", "UpdateFailed", "boom", t1), t1);
        assertThat(r2.action()).isEqualTo(EventCorrelator.Action.PATCH);
        assertThat(r2.event().getMetadata().getName()).isEqualTo(first.getMetadata().getName());
        assertThat(r2.event().getCount()).isEqualTo(2);
        assertThat(r2.event().getFirstTimestamp()).isEqualTo("2026-12-07T04:00:00Z");
        assertThat(r2.event().getLastTimestamp()).isEqualTo("2026-12-07T04:00:42Z");

        Instant t2 = T0.plusSeconds(50);
        assertThat(correlator.correlate(event("a", "UpdateFailed", "boom", t2), t2).event().getCount()).isEqualTo(3);
    }

    @Test
    void eventsDifferingInObjectReasonOrMessageAreNewEvents() {
        assertThat(correlator.correlate(event("a", "UpdateFailed", "boom", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(correlator.correlate(event("a", "UpdateFailed", "bang", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(correlator.correlate(event("a", "Created", "boom", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(correlator.correlate(event("b", "UpdateFailed", "boom", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
    }

    @Test
    void anObjectGetsABurstOf25EventsThenOneEveryFiveMinutes() {
        for (int i = 0; i < EventCorrelator.SPAM_BURST; i++) {
            assertThat(correlator.correlate(event("a", "R", "m" + i, T0), T0).action()).as("event %d", i)
                    .isEqualTo(EventCorrelator.Action.CREATE);
        }
        assertThat(correlator.correlate(event("a", "R", "over", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.SKIP);
        assertThat(correlator.correlate(event("b", "R", "other object", T0), T0).action())
                .as("another object has its own bucket").isEqualTo(EventCorrelator.Action.CREATE);
        Instant later = T0.plus(EventCorrelator.SPAM_REFILL).minusSeconds(1);
        assertThat(correlator.correlate(event("a", "R", "still over", later), later).action())
                .isEqualTo(EventCorrelator.Action.SKIP);
        Instant refilled = T0.plus(EventCorrelator.SPAM_REFILL);
        assertThat(correlator.correlate(event("a", "R", "one more", refilled), refilled).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(correlator.correlate(event("a", "R", "and no more", refilled), refilled).action())
                .isEqualTo(EventCorrelator.Action.SKIP);
        Instant hourLater = refilled.plus(Duration.ofHours(5));
        assertThat(correlator.correlate(event("a", "R", "after a quiet time", hourLater), hourLater).action())
                .isEqualTo(EventCorrelator.Action.CREATE);
    }

    @Test
    void aSkippedRepeatStillCountsTowardsTheNextUpdate() {
        for (int i = 0; i < EventCorrelator.SPAM_BURST; i++) {
            correlator.correlate(event("a", "R", "same", T0), T0);
        }
        EventCorrelator.Result skipped = correlator.correlate(event("a", "R", "same", T0), T0);
        assertThat(skipped.action()).isEqualTo(EventCorrelator.Action.SKIP);
        Instant refilled = T0.plus(EventCorrelator.SPAM_REFILL);
        EventCorrelator.Result next = correlator.correlate(event("a", "R", "same", refilled), refilled);
        assertThat(next.action()).isEqualTo(EventCorrelator.Action.PATCH);
        assertThat(next.event().getCount()).isEqualTo(EventCorrelator.SPAM_BURST + 2);
    }

    @Test
    void theCacheForgetsTheLeastRecentlySeenBeyondItsSize() {
        Event first = event("o-0", "R", "m", T0);
        correlator.correlate(first, T0);
        for (int i = 1; i <= EventCorrelator.CACHE_SIZE; i++) {
            correlator.correlate(event("o-" + i, "R", "m", T0), T0);
        }
        assertThat(correlator.correlate(event("o-0", "R", "m", T0), T0).action()).as("forgotten: a new Event")
                .isEqualTo(EventCorrelator.Action.CREATE);
        assertThat(correlator.correlate(event("o-" + EventCorrelator.CACHE_SIZE, "R", "m", T0), T0).action())
                .isEqualTo(EventCorrelator.Action.PATCH);
    }
}
