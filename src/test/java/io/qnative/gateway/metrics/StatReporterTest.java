package io.qnative.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.autoscaler.metrics.Stat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatReporterTest {

    private static final long MS = 1_000_000L;

    @Test
    void timeWeightedAverageCountsTwoHalfSecondRequestsAsOne() {
        ConcurrencyWindow w = new ConcurrencyWindow(0);
        w.begin(0);
        w.end(500 * MS);
        w.begin(500 * MS);
        w.end(1000 * MS);
        ConcurrencyWindow.Report r = w.close(1000 * MS);
        assertThat(r.averageConcurrency()).isEqualTo(1.0);
        assertThat(r.requestCount()).isEqualTo(2.0);
    }

    @Test
    void overlappingRequestsAndCarryOver() {
        ConcurrencyWindow w = new ConcurrencyWindow(0);
        w.begin(0);
        w.begin(250 * MS);
        w.end(750 * MS);
        ConcurrencyWindow.Report first = w.close(1000 * MS);
        assertThat(first.averageConcurrency()).isEqualTo(1.5);
        ConcurrencyWindow.Report second = w.close(2000 * MS);
        assertThat(second.averageConcurrency()).isEqualTo(1.0);
        assertThat(second.requestCount()).isZero();
        assertThat(second.idle()).isFalse();
    }

    @Test
    void firstRequestPokesAtOnceAndIsSubtractedNextTime() {
        AtomicLong now = new AtomicLong();
        List<Stat> sent = new ArrayList<>();
        StatReporter r = new StatReporter(sent::add, "gw-0", now::get,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        r.begin("ns", "rev");
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.averageConcurrency()).isEqualTo(1.0);
            assertThat(s.requestCount()).isEqualTo(1.0);
            assertThat(s.source()).isEqualTo("gw-0");
        });
        now.set(1000 * MS);
        r.report();
        // the request was in flight the whole second: 1 - poke 1 = 0; 1 arrival - 1 = 0
        assertThat(sent.get(1).averageConcurrency()).isZero();
        assertThat(sent.get(1).requestCount()).isZero();
        r.end("ns", "rev");
        now.set(2000 * MS);
        r.report();
        assertThat(sent.get(2).averageConcurrency()).isZero();
        now.set(3000 * MS);
        r.report();
        assertThat(sent).hasSize(3);
        r.begin("ns", "rev");
        assertThat(sent).hasSize(4);
        assertThat(sent.get(3).averageConcurrency()).isEqualTo(1.0);
    }
}
