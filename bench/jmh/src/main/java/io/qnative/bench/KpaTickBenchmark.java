package io.qnative.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.autoscaler.metrics.MetricCollector;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.scaling.Autoscalers;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.autoscaler.scaling.ScaleResult;
import io.qnative.config.AutoscalerConfig;
import io.qnative.reconciler.autoscaling.resources.ScaleGate;

/**
 * The KPA's periodic work with no I/O: for every revision, read its windows (linear averages over Knative's default
 * 60 s stable and 6 s panic windows, filled with a minute of per-second load), decide, and gate the published
 * decision as the PodAutoscaler reconciler does. {@link #oneDecision} is one revision's share; {@link #tick} is the
 * whole tick over {@code revisions} revisions (the running binary does this every 2 s, on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KpaTickBenchmark {

    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    static final AutoscalerConfig CONFIG = AutoscalerConfig.DEFAULT;

    @Param({"1000", "10000"})
    int revisions;

    MetricCollector collector;
    Autoscalers autoscalers;
    List<RevisionKey> keys;
    Parameters params;
    PodAutoscalerStatus status;
    Instant now;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        params = ParameterResolver.resolve(java.util.Map.of(), CONFIG, 0, Reachability.REACHABLE);
        collector = new MetricCollector();
        autoscalers = new Autoscalers(k -> { });
        keys = new ArrayList<>(revisions);
        for (int i = 0; i < revisions; i++) {
            RevisionKey key = new RevisionKey("bench", "rev-" + i);
            keys.add(key);
            int ready = 1 + i % 5;
            collector.createOrUpdate(key, params.collection(), T0);
            autoscalers.createOrUpdate(key, params.decider(), () -> ready, collector.source(key), T0);
            for (int s = 0; s < 60; s++) {
                // a revision-wide load around its pods' target, with some seconds idle
                double load = (s % 7 == 0) ? 0 : 50.0 * ready + (i + s) % 40;
                collector.record(new Stat("bench", key.name(), "gateway", load, load * 3, T0.plusSeconds(s)));
            }
        }
        status = new PodAutoscalerStatus();
        status.initializeConditions(T0);
        status.markActive(T0);
        now = T0.plusSeconds(60);
    }

    /** One revision: windows read, decision, gating. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public ScaleGate.Outcome oneDecision() {
        RevisionKey key = keys.get(next++ % revisions);
        ScaleResult r = autoscalers.decide(key, now);
        return ScaleGate.scale(r.desiredPodCount(), status, params, CONFIG, Duration.ofSeconds(600), Duration.ZERO,
                now);
    }

    /** Every revision: the decisions of one tick, then each published decision gated. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void tick(Blackhole bh) {
        autoscalers.tick(now);
        for (RevisionKey key : keys) {
            Decision d = autoscalers.decision(key).orElseThrow();
            bh.consume(ScaleGate.scale(d.desiredScale(), status, params, CONFIG, Duration.ofSeconds(600),
                    Duration.ZERO, now));
        }
    }
}
