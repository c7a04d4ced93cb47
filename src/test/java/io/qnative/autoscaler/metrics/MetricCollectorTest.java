package io.qnative.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricCollectorTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final RevisionKey KEY = new RevisionKey("ns", "rev-00001");
    private static final CollectionSpec SCRAPED = new CollectionSpec(Duration.ofSeconds(60), Duration.ofSeconds(6),
            MetricWindow.Algorithm.LINEAR, true);

    private static Stat stat(String source, double concurrency, double rps, Instant time) {
        return new Stat(KEY.namespace(), KEY.name(), source, concurrency, rps, time);
    }

    @Test
    void statsOfOneSecondFromSeveralSourcesAddUp() throws Exception {
        MetricCollector c = new MetricCollector();
        c.createOrUpdate(KEY, SCRAPED, T0);
        c.record(stat("gw-a", 3, 30, T0));
        c.record(stat("gw-b", 4, 10, T0.plusMillis(400)));
        assertThat(c.source(KEY).concurrency(T0)).isEqualTo(new Observation(7, 7));
        assertThat(c.source(KEY).rps(T0)).isEqualTo(new Observation(40, 40));
    }

    @Test
    void stableAndPanicWindowsDiffer() throws Exception {
        MetricCollector c = new MetricCollector();
        c.createOrUpdate(KEY, SCRAPED, T0);
        for (int s = 0; s < 12; s++) {
            c.record(stat("gw", s < 6 ? 0 : 12, 0, T0.plusSeconds(s)));
        }
        // stable: 72 over 12 filled seconds; panic: the last 6 seconds only
        assertThat(c.source(KEY).concurrency(T0.plusSeconds(11))).isEqualTo(new Observation(6, 12));
    }

    @Test
    void noDataWhileScrapedAndSilentForMoreThanAWindow() throws Exception {
        MetricCollector c = new MetricCollector();
        c.createOrUpdate(KEY, SCRAPED, T0);
        assertThatThrownBy(() -> c.source(KEY).concurrency(T0)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NO_DATA));
        c.record(stat("gw", 5, 5, T0));
        assertThat(c.source(KEY).concurrency(T0.plusSeconds(60))).isEqualTo(new Observation(0, 0));
        assertThatThrownBy(() -> c.source(KEY).concurrency(T0.plusSeconds(61)))
                .isInstanceOf(MetricsException.class);
    }

    @Test
    void unscrapedSilenceReadsAsZero() throws Exception {
        MetricCollector c = new MetricCollector();
        c.createOrUpdate(KEY, new CollectionSpec(Duration.ofSeconds(60), Duration.ofSeconds(6),
                MetricWindow.Algorithm.LINEAR, false), T0);
        assertThat(c.source(KEY).concurrency(T0)).isEqualTo(new Observation(0, 0));
    }

    @Test
    void statsForUnknownRevisionsAreDroppedAndKnownOnesPoke() {
        MetricCollector c = new MetricCollector();
        List<RevisionKey> poked = new ArrayList<>();
        c.onRecord((key, s) -> poked.add(key));
        c.record(stat("gw", 1, 1, T0));
        assertThat(poked).isEmpty();
        assertThatThrownBy(() -> c.source(KEY).concurrency(T0)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NOT_COLLECTING));
        c.createOrUpdate(KEY, SCRAPED, T0);
        c.record(stat("gw", 1, 1, T0));
        assertThat(poked).containsExactly(KEY);
        c.delete(KEY);
        assertThat(c.keys()).isEmpty();
    }

    @Test
    void scrapesRecordIdleSecondsOnlyWithReadyPods() throws Exception {
        MetricCollector c = new MetricCollector();
        c.createOrUpdate(KEY, SCRAPED, T0);
        c.scrape(KEY, 0, T0);
        assertThatThrownBy(() -> c.source(KEY).concurrency(T0)).isInstanceOf(MetricsException.class);
        c.record(stat("gw", 10, 10, T0));
        c.scrape(KEY, 2, T0);
        c.scrape(KEY, 2, T0.plusSeconds(1));
        // 10 in the first second, an idle second after it: both count
        assertThat(c.source(KEY).concurrency(T0.plusSeconds(1))).isEqualTo(new Observation(5, 5));
        c.scrape(KEY, 2, T0.plusSeconds(100));
        assertThat(c.source(KEY).concurrency(T0.plusSeconds(100))).isEqualTo(new Observation(0, 0));
    }
}
