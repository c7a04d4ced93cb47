package io.qnative.reconciler.autoscaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.qnative.autoscaler.metrics.MetricCollector;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.metrics.StatSink;
import io.qnative.autoscaler.scaling.Autoscalers;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.PodCounter;
import io.qnative.config.QnativeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The running KPA: the metric collector the gateway feeds ({@link StatSink}), every revision's decider, and the
 * clocks that drive them (Knative's autoscaler process: {@code cmd/autoscaler}, {@code multiscaler.go}). Every
 * {@code tick} each revision is decided; every {@code scrapeTick} revisions with ready pods get an idle sample (see
 * {@link MetricCollector#scrape}); a stat with load for a revision at zero is decided at once, on the thread that
 * records it (the poke). A changed decision enqueues the revision's PodAutoscaler; one that wants pods for a revision
 * with none ready (a scale from zero: requests wait in the gateway) goes to the head of its queue.
 *
 * <p>Nothing ticks until {@link #start}; {@link #record} never waits on I/O (a poke takes the revision's decider lock
 * for one decision: a few microseconds of arithmetic over its windows).
 */
@ApplicationScoped
public class KpaRuntime implements StatSink, Deciders {

    private static final Logger LOG = Logger.getLogger(KpaRuntime.class);

    private final MetricCollector collector = new MetricCollector();
    private final Autoscalers autoscalers;
    private final Map<RevisionKey, PodCounter> pods = new ConcurrentHashMap<>();
    private final Map<RevisionKey, Instant> proxySince = new ConcurrentHashMap<>();
    private final Duration tick;
    private final Duration scrapeTick;
    private final Clock clock;
    private volatile Consumer<RevisionKey> inform = key -> { };
    private volatile Consumer<RevisionKey> activate = key -> { };
    private ScheduledFuture<?> ticking;
    private ScheduledFuture<?> scraping;

    @Inject
    KpaRuntime(QnativeConfig config) {
        this(config.autoscaler().tick(), config.autoscaler().scrapeTick(), Clock.systemUTC());
    }

    /** A runtime with the given clocks (tests). */
    public KpaRuntime(Duration tick, Duration scrapeTick, Clock clock) {
        this.tick = tick;
        this.scrapeTick = scrapeTick;
        this.clock = clock;
        this.autoscalers = new Autoscalers(this::changed);
        collector.onRecord(this::poke);
    }

    private void changed(RevisionKey key) {
        Decision d = autoscalers.decision(key).orElse(null);
        LOG.debugf("%s: decision changed to %s", key, d);
        if (d != null && d.desiredScale() > 0 && d.readyPods() == 0) {
            activate.accept(key);
        } else {
            inform.accept(key);
        }
    }

    /**
     * Starts ticking on {@code timer}; changed decisions go to {@code onChange}, or to {@code onActivation} when they
     * want pods for a revision with none ready.
     */
    public synchronized void start(ScheduledExecutorService timer, Consumer<RevisionKey> onChange,
            Consumer<RevisionKey> onActivation) {
        stop();
        this.inform = onChange;
        this.activate = onActivation;
        ticking = timer.scheduleAtFixedRate(() -> guarded(() -> tick(clock.instant())), tick.toMillis(),
                tick.toMillis(), TimeUnit.MILLISECONDS);
        scraping = timer.scheduleAtFixedRate(() -> guarded(() -> scrape(clock.instant())), scrapeTick.toMillis(),
                scrapeTick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops ticking. */
    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            scraping.cancel(false);
            ticking = null;
            scraping = null;
        }
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "autoscaler tick failed");
        }
    }

    /** One decision for every revision. */
    public void tick(Instant now) {
        autoscalers.tick(now);
    }

    /** One idle sample for every revision with ready pods. */
    public void scrape(Instant now) {
        pods.forEach((key, counter) -> {
            try {
                collector.scrape(key, counter.readyCount(), now);
            } catch (PodCounter.PodCountException e) {
                // no pods known: Knative's scrape records nothing either
            }
        });
    }

    @Override
    public void record(Stat stat) {
        collector.record(stat);
    }

    /**
     * Decides at once for a revision at zero, on the recording thread (Knative's {@code Poke} wakes the revision's
     * own scaler goroutine, {@code pkg/autoscaler/scaling/multiscaler.go}): a hop to the shared timer would wait
     * behind every revision's tick and scrape and every work queue's delayed adds.
     */
    private void poke(RevisionKey key, Stat stat) {
        guarded(() -> autoscalers.poke(key, stat, clock.instant()));
    }

    @Override
    public Decision reconcile(RevisionKey key, Parameters params, PodCounter counter, Instant now) {
        pods.put(key, counter);
        collector.createOrUpdate(key, params.collection(), now);
        autoscalers.createOrUpdate(key, params.decider(), counter, collector.source(key), now);
        return autoscalers.decision(key).orElseThrow();
    }

    @Override
    public void delete(RevisionKey key) {
        autoscalers.delete(key);
        collector.delete(key);
        pods.remove(key);
        proxySince.remove(key);
    }

    @Override
    public Duration proxyFor(RevisionKey key, Instant now) {
        Instant since = proxySince.get(key);
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }

    @Override
    public void routed(RevisionKey key, boolean proxied, Instant now) {
        if (proxied) {
            proxySince.putIfAbsent(key, now);
        } else {
            proxySince.remove(key);
        }
    }

    /** The latest published decision (tests, simulate). */
    public java.util.Optional<Decision> decision(RevisionKey key) {
        return autoscalers.decision(key);
    }
}
