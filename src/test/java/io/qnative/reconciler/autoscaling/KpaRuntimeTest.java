package io.qnative.reconciler.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;

/** The runtime's tick, idle scrape and poke, driven by hand (no timer). */
class KpaRuntimeTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final RevisionKey KEY = new RevisionKey("ns", "rev");
    private static final Parameters DEFAULTS = ParameterResolver.resolve(Map.of(), AutoscalerConfig.DEFAULT, 0,
            Reachability.REACHABLE);

    @Test
    void idleSecondsFromTheScrapeLetAnIdleRevisionGoToZeroAndAPokeWakesIt() {
        KpaRuntime kpa = new KpaRuntime(Duration.ofSeconds(2), Duration.ofSeconds(1), Clock.fixed(T0.plusSeconds(4),
                ZoneOffset.UTC));
        int[] ready = {1};
        assertThat(kpa.reconcile(KEY, DEFAULTS, () -> ready[0], T0).desiredScale()).isEqualTo(-1);
        // no stats and no scrape: no data, the decision stays unknown
        kpa.tick(T0);
        assertThat(kpa.decision(KEY).orElseThrow().desiredScale()).isEqualTo(-1);
        kpa.scrape(T0);
        kpa.tick(T0);
        assertThat(kpa.decision(KEY).orElseThrow().desiredScale()).isZero();
        ready[0] = 0;
        // the poke runs inline without a timer; the changed decision is published
        kpa.record(new Stat("ns", "rev", "gw", 1, 1, T0.plusSeconds(4)));
        assertThat(kpa.decision(KEY).orElseThrow().desiredScale()).isEqualTo(1);
        kpa.delete(KEY);
        assertThat(kpa.decision(KEY)).isEmpty();
    }

    @Test
    void aPokeThatWantsPodsForARevisionWithNoneReadyIsAnActivationOthersAreChanges() {
        KpaRuntime kpa = new KpaRuntime(Duration.ofHours(1), Duration.ofHours(1), Clock.fixed(T0.plusSeconds(4),
                ZoneOffset.UTC));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<String> seen = new CopyOnWriteArrayList<>();
        try {
            kpa.start(timer, k -> seen.add("change " + k.name()), k -> seen.add("activate " + k.name()));
            int[] ready = {1};
            kpa.reconcile(KEY, DEFAULTS, () -> ready[0], T0);
            kpa.scrape(T0);
            kpa.tick(T0);
            assertThat(seen).containsExactly("change rev");
            ready[0] = 0;
            // decided on the recording thread: no timer runs within the hour
            kpa.record(new Stat("ns", "rev", "gw", 1, 1, T0.plusSeconds(4)));
            assertThat(seen).containsExactly("change rev", "activate rev");
        } finally {
            kpa.stop();
            timer.shutdownNow();
        }
    }

    @Test
    void proxyForCountsFromTheFirstProxiedReconcile() {
        KpaRuntime kpa = new KpaRuntime(Duration.ofSeconds(2), Duration.ofSeconds(1), Clock.systemUTC());
        assertThat(kpa.proxyFor(KEY, T0)).isZero();
        kpa.routed(KEY, true, T0);
        kpa.routed(KEY, true, T0.plusSeconds(5));
        assertThat(kpa.proxyFor(KEY, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        kpa.routed(KEY, false, T0.plusSeconds(11));
        assertThat(kpa.proxyFor(KEY, T0.plusSeconds(12))).isZero();
    }
}
