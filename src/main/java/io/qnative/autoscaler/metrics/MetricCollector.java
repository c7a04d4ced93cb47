package io.qnative.autoscaler.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-revision metric windows and the {@link StatSink} the gateway feeds (Knative's {@code MetricCollector},
 * {@code pkg/autoscaler/metrics/collector.go}, with the gateway in place of both activator and scraper: it sees
 * every request, so its stats are revision totals). Each revision has four series, concurrency and rps, each over the
 * stable and the panic window; stats of the same second from several gateway replicas add up in one bucket. Stats
 * for a revision without a collection are dropped, as Knative's stat server does.
 *
 * <p>After recording, every stat is handed to the {@link Poker} (Knative's {@code MultiScaler.Poke}), which decides
 * at once for a revision that is at zero. Thread-safe.
 */
public final class MetricCollector implements StatSink {

    /** Told about every recorded stat, after it is in the windows. */
    @FunctionalInterface
    public interface Poker {
        /** A stat for {@code key} was recorded. */
        void poke(RevisionKey key, Stat stat);
    }

    private final Map<RevisionKey, Collection> collections = new ConcurrentHashMap<>();
    private volatile Poker poker = (key, stat) -> { };

    /** Sets who is told about recorded stats. */
    public void onRecord(Poker poker) {
        this.poker = poker;
    }

    /**
     * Starts collecting for {@code key}, or applies a changed spec to its windows (Knative's
     * {@code CreateOrUpdate}; a window change keeps what still fits, see {@link MetricWindow#resize}).
     */
    public void createOrUpdate(RevisionKey key, CollectionSpec spec, Instant now) {
        collections.compute(key, (k, c) -> {
            if (c == null || c.spec.algorithm() != spec.algorithm()) {
                return new Collection(spec);
            }
            c.update(spec, now);
            return c;
        });
    }

    /** Stops collecting for {@code key}. */
    public void delete(RevisionKey key) {
        collections.remove(key);
    }

    /** The revisions collected for. */
    public Set<RevisionKey> keys() {
        return Set.copyOf(collections.keySet());
    }

    @Override
    public void record(Stat stat) {
        RevisionKey key = new RevisionKey(stat.namespace(), stat.revision());
        Collection c = collections.get(key);
        if (c == null) {
            return;
        }
        c.record(stat.time(), stat.averageConcurrency(), stat.requestCount());
        poker.poke(key, stat);
    }

    /**
     * The scrape's share of a second (Knative's 1-second scrape of the revision's pods): with ready pods and
     * scraping on, records zero load at {@code now}, so a second in which the gateway reported nothing counts as idle
     * rather than missing. The gateway sees every request, so the pods themselves hold no load it did not report
     * (Knative's queue-proxy concurrency minus what the activator proxied). Without ready pods nothing is recorded.
     */
    public void scrape(RevisionKey key, int readyPods, Instant now) {
        Collection c = collections.get(key);
        if (c == null || readyPods <= 0 || !c.scraped()) {
            return;
        }
        c.record(now, 0, 0);
    }

    /** The revision's metrics as the decider reads them; reads fail while it is not collected. */
    public MetricSource source(RevisionKey key) {
        return new MetricSource() {
            @Override
            public Observation concurrency(Instant now) throws MetricsException {
                return collection(key).read(true, now);
            }

            @Override
            public Observation rps(Instant now) throws MetricsException {
                return collection(key).read(false, now);
            }
        };
    }

    private Collection collection(RevisionKey key) throws MetricsException {
        Collection c = collections.get(key);
        if (c == null) {
            throw new MetricsException(MetricsException.Kind.NOT_COLLECTING, "no metrics are collected for " + key);
        }
        return c;
    }

    /** One revision's four series. */
    private static final class Collection {
        private CollectionSpec spec;
        private final MetricWindow concurrency;
        private final MetricWindow concurrencyPanic;
        private final MetricWindow rps;
        private final MetricWindow rpsPanic;

        Collection(CollectionSpec spec) {
            this.spec = spec;
            this.concurrency = new MetricWindow(spec.stableWindow(), spec.algorithm());
            this.concurrencyPanic = new MetricWindow(spec.panicWindow(), spec.algorithm());
            this.rps = new MetricWindow(spec.stableWindow(), spec.algorithm());
            this.rpsPanic = new MetricWindow(spec.panicWindow(), spec.algorithm());
        }

        synchronized void update(CollectionSpec next, Instant now) {
            concurrency.resize(next.stableWindow(), now);
            rps.resize(next.stableWindow(), now);
            concurrencyPanic.resize(next.panicWindow(), now);
            rpsPanic.resize(next.panicWindow(), now);
            spec = next;
        }

        synchronized boolean scraped() {
            return spec.scraped();
        }

        synchronized void record(Instant time, double concurrent, double requests) {
            concurrency.record(time, concurrent);
            concurrencyPanic.record(time, concurrent);
            rps.record(time, requests);
            rpsPanic.record(time, requests);
        }

        synchronized Observation read(boolean ofConcurrency, Instant now) throws MetricsException {
            MetricWindow stable = ofConcurrency ? concurrency : rps;
            MetricWindow panic = ofConcurrency ? concurrencyPanic : rpsPanic;
            if (stable.isEmpty(now) && spec.scraped()) {
                throw new MetricsException(MetricsException.Kind.NO_DATA, "no data to scale on yet");
            }
            return new Observation(stable.average(now), panic.average(now));
        }
    }
}
