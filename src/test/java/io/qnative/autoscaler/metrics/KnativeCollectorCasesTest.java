package io.qnative.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Knative's collector cases that apply to an in-process collector, replayed:
 * {@code pkg/autoscaler/metrics/collector_test.go}. A Go scrape of the revision's pods is a gateway stat here (the
 * gateway sees every request, so its stats already exclude nothing: Knative's subtraction of the activator's proxied
 * share from the queue-proxy's count has no counterpart). Not replayed: the scraper factory's errors
 * ({@code TestMetricCollectorError}, the error half of {@code TestMetricCollectorCRUD}) and {@code TestDoubleWatch}.
 * Knative's {@code defaultMetric}: stable 60 s, panic 6 s, a scrape target (scraped).
 */
class KnativeCollectorCasesTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L).plusMillis(250);
    private static final RevisionKey KEY = new RevisionKey("test-namespace", "test-name");
    private static final CollectionSpec DEFAULT = new CollectionSpec(Duration.ofSeconds(60), Duration.ofSeconds(6),
            MetricWindow.Algorithm.LINEAR, true);

    private final MetricCollector coll = new MetricCollector();

    private static Stat stat(double concurrency, double rps, Instant time) {
        return new Stat(KEY.namespace(), KEY.name(), "testPod", concurrency, rps, time);
    }

    @Test
    @DisplayName("TestMetricCollectorCRUD/full crud")
    void testMetricCollectorCrud() throws Exception {
        coll.createOrUpdate(KEY, DEFAULT, NOW);
        assertThat(coll.keys()).containsExactly(KEY);
        coll.record(stat(10, 20, NOW));
        coll.createOrUpdate(KEY, new CollectionSpec(Duration.ofSeconds(30), Duration.ofSeconds(3),
                MetricWindow.Algorithm.LINEAR, true), NOW);
        // the update resized the windows; as Knative's ResizeWindow, a resized series counts as filled over its
        // old length (60 s, 6 s), so one second of 10 reads as 10/30 and 10/3
        assertThat(coll.source(KEY).concurrency(NOW)).isEqualTo(new Observation(0.333333, 3.333333));
        coll.delete(KEY);
        assertThat(coll.keys()).isEmpty();
    }

    @Test
    @DisplayName("TestMetricCollectorScraperMovingTime")
    void testMetricCollectorScraperMovingTime() throws Exception {
        coll.createOrUpdate(KEY, DEFAULT, NOW);
        for (int i = 0; i < 3; i++) {
            coll.record(stat(10, 20, NOW));
        }
        Instant now = NOW.plusSeconds(1);
        for (int i = 0; i < 4; i++) {
            coll.record(stat(10, 20, now));
        }
        assertThat(coll.source(KEY).concurrency(now)).isEqualTo(new Observation(7 * 10 / 2.0, 7 * 10 / 2.0));
        assertThat(coll.source(KEY).rps(now)).isEqualTo(new Observation(7 * 20 / 2.0, 7 * 20 / 2.0));
    }

    @Test
    @DisplayName("TestMetricCollectorScraper")
    void testMetricCollectorScraper() throws Exception {
        coll.createOrUpdate(KEY, DEFAULT, NOW);
        for (int i = 0; i < 3; i++) {
            coll.record(stat(10, 20, NOW));
        }
        assertThat(coll.source(KEY).concurrency(NOW)).isEqualTo(new Observation(3 * 10, 3 * 10));
        assertThat(coll.source(KEY).rps(NOW)).isEqualTo(new Observation(3 * 20, 3 * 20));
        coll.record(stat(10, 20, NOW));
        coll.record(stat(10, 20, NOW));
        Instant later = NOW.plusSeconds(60).minusSeconds(5);
        assertThat(coll.source(KEY).concurrency(later).stable()).isEqualTo(10 * 5);
        assertThat(coll.source(KEY).rps(later).stable()).isEqualTo(20 * 5);
        coll.delete(KEY);
        assertThatThrownBy(() -> coll.source(KEY).concurrency(NOW)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NOT_COLLECTING));
        assertThatThrownBy(() -> coll.source(KEY).rps(NOW)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NOT_COLLECTING));
    }

    @Test
    @DisplayName("TestMetricCollectorNoScraper")
    void testMetricCollectorNoScraper() throws Exception {
        coll.createOrUpdate(KEY, new CollectionSpec(Duration.ofSeconds(60), Duration.ofSeconds(6),
                MetricWindow.Algorithm.LINEAR, false), NOW);
        Instant now = NOW.plusSeconds(3);
        assertThat(coll.source(KEY).concurrency(now)).isEqualTo(new Observation(0, 0));
        assertThat(coll.source(KEY).rps(now)).isEqualTo(new Observation(0, 0));
        coll.record(stat(10, 30, now));
        assertThat(coll.source(KEY).rps(now).stable()).isEqualTo(30.0);
        assertThat(coll.source(KEY).concurrency(now).stable()).isEqualTo(10.0);
    }

    @Test
    @DisplayName("TestMetricCollectorNoDataError")
    void testMetricCollectorNoDataError() {
        coll.createOrUpdate(KEY, DEFAULT, NOW);
        assertThatThrownBy(() -> coll.source(KEY).concurrency(NOW)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NO_DATA));
        assertThatThrownBy(() -> coll.source(KEY).rps(NOW)).isInstanceOfSatisfying(MetricsException.class,
                e -> assertThat(e.kind()).isEqualTo(MetricsException.Kind.NO_DATA));
    }

    @Test
    @DisplayName("TestMetricCollectorRecord")
    void testMetricCollectorRecord() throws Exception {
        coll.createOrUpdate(KEY, DEFAULT, NOW);
        assertThatThrownBy(() -> coll.source(KEY).concurrency(NOW)).isInstanceOf(MetricsException.class);
        assertThatThrownBy(() -> coll.source(KEY).rps(NOW)).isInstanceOf(MetricsException.class);
        // the second record removes the first, outdated one
        coll.record(stat(100, 100, NOW.minusSeconds(70)));
        coll.record(stat(10, 10, NOW));
        assertThat(coll.source(KEY).concurrency(NOW)).isEqualTo(new Observation(10, 10));
        assertThat(coll.source(KEY).rps(NOW)).isEqualTo(new Observation(10, 10));
    }

    @Test
    @DisplayName("TestMetricCollectorAggregate")
    void testMetricCollectorAggregate() throws Exception {
        coll.createOrUpdate(KEY, new CollectionSpec(Duration.ofSeconds(6), Duration.ofSeconds(2),
                MetricWindow.Algorithm.LINEAR, true), NOW);
        for (int i = 0; i < 10; i++) {
            coll.record(stat(i + 5, i + 5, NOW.plusSeconds(i)));
        }
        Instant now = NOW.plusSeconds(9);
        assertThat(coll.source(KEY).concurrency(now)).isEqualTo(new Observation(11.5, 13.5));
    }
}
