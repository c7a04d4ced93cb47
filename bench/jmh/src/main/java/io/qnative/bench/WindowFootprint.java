package io.qnative.bench;

import java.time.Instant;
import java.util.Map;

import io.qnative.autoscaler.metrics.MetricCollector;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.scaling.Autoscalers;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;

/**
 * The heap one revision holds in the autoscaler with Knative's default windows (60 s stable, 6 s panic): used heap
 * after full GCs with N revisions' collections (four windows each) minus before, divided by N; then the same with
 * their deciders added. Run: {@code java -cp ... io.qnative.bench.WindowFootprint [N]}.
 */
public final class WindowFootprint {

    private WindowFootprint() {
    }

    static long used() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            Runtime rt = Runtime.getRuntime();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Parameters params = ParameterResolver.resolve(Map.of(), AutoscalerConfig.DEFAULT, 0, Reachability.REACHABLE);
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L);
        RevisionKey[] keys = new RevisionKey[n];
        for (int i = 0; i < n; i++) {
            keys[i] = new RevisionKey("bench", "rev-" + i);
        }
        MetricCollector collector = new MetricCollector();
        long before = used();
        for (RevisionKey key : keys) {
            collector.createOrUpdate(key, params.collection(), t0);
            for (int s = 0; s < 60; s++) {
                collector.record(new Stat("bench", key.name(), "gateway", 10, 30, t0.plusSeconds(s)));
            }
        }
        long windows = used();
        Autoscalers autoscalers = new Autoscalers(k -> { });
        for (RevisionKey key : keys) {
            autoscalers.createOrUpdate(key, params.decider(), () -> 1, collector.source(key), t0);
        }
        long deciders = used();
        System.out.printf("revisions: %d%n", n);
        System.out.printf("windows (collector entry + 4 windows) per revision: %d bytes%n", (windows - before) / n);
        System.out.printf("decider + published decision per revision: %d bytes%n", (deciders - windows) / n);
        // keep everything reachable until measured
        if (collector.keys().size() + autoscalers.keys().size() != 2 * n) {
            throw new IllegalStateException("lost revisions");
        }
    }
}
