package io.qnative.simulate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.PriorityKey;
import io.qnative.api.autoscaling.ScalingAnnotations;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.autoscaler.metrics.MetricCollector;
import io.qnative.autoscaler.metrics.MetricSource;
import io.qnative.autoscaler.metrics.MetricsException;
import io.qnative.autoscaler.metrics.Observation;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.scaling.Autoscalers;
import io.qnative.autoscaler.scaling.DeciderSpec;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.PodCounter;
import io.qnative.autoscaler.scaling.ScaleResult;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigException;
import io.qnative.config.DeploymentConfig;
import io.qnative.reconciler.autoscaling.PodAutoscalerReconciler;
import io.qnative.reconciler.autoscaling.resources.ScaleGate;

/**
 * Runs a {@link Trace} through the real autoscaler: parameters resolved by {@link ParameterResolver}, load recorded
 * into the {@link MetricCollector}'s windows (plus the 1-second idle scrape of a revision with ready pods), one
 * {@link Autoscalers} decision every tick and at once when load reaches a revision at zero (the poke), and every
 * second the PodAutoscaler reconciler's gating ({@link ScaleGate}) and status
 * ({@link PodAutoscalerReconciler#reportScale}) against simulated pods. A replay trace bypasses the windows: each
 * sample is one decision with the recorded averages and pod count.
 *
 * <p>Time is the trace's: {@code t} seconds after the Unix epoch, so second and 2-second slot alignment is that of
 * {@code t}.
 */
public final class Simulator {

    private static final RevisionKey KEY = new RevisionKey("simulate", "revision-00001");
    private static final String SOURCE = "trace";

    private final Trace trace;
    private final AutoscalerConfig config;
    private final Duration progressDeadline;
    private final Parameters resolved;
    private Parameters params;
    private final Autoscalers autoscalers = new Autoscalers(k -> { });
    private final PodAutoscalerStatus status = new PodAutoscalerStatus();
    private final Pods pods;
    private Instant proxySince;
    /** What the decider's pod counter answers now: a count, or an error kind. */
    private int podCount;
    private String podError;
    /** A replay's current sample. */
    private Sample replayed;

    private Simulator(Trace trace) throws TraceException {
        this.trace = trace;
        try {
            this.config = AutoscalerConfig.parse(trace.config());
        } catch (ConfigException e) {
            throw new TraceException(trace.source() + ": field \"config\": " + e.getMessage());
        }
        Parameters p = ParameterResolver.resolve(trace.annotations(), config, trace.containerConcurrency(),
                trace.reachability());
        if (!p.problems().isEmpty()) {
            throw new TraceException(trace.source() + ": field \"annotations\": " + p.problems().replace("\n", "; "));
        }
        if (!AutoscalingKeys.CLASS_KPA.equals(p.autoscalerClass())) {
            throw new TraceException(trace.source() + ": field \"annotations\": " + AutoscalingKeys.CLASS
                    + " is \"" + p.autoscalerClass() + "\"; only " + AutoscalingKeys.CLASS_KPA
                    + " revisions can be simulated");
        }
        this.resolved = withSpec(p, DeciderFields.apply(p.decider(), trace.decider()));
        this.params = resolved;
        this.progressDeadline = ScalingAnnotations.duration(trace.annotations(),
                PriorityKey.of(ServingKeys.PROGRESS_DEADLINE)).orElse(DeploymentConfig.DEFAULT.progressDeadline());
        this.pods = new Pods(trace.podStartSeconds());
    }

    /** Simulates the trace. */
    public static Simulation run(Trace trace) throws TraceException {
        Simulator s = new Simulator(trace);
        return trace.replay() ? s.replay() : s.load();
    }

    /** The parameters with another decider spec; an unreachable one has no min scale and no pod retention. */
    private static Parameters withSpec(Parameters p, DeciderSpec spec) {
        boolean reach = spec.reachable();
        return new Parameters(p.autoscalerClass(), p.metric(), spec, p.algorithm(), reach ? p.minScale() : 0,
                p.maxScale(), reach ? p.scaleToZeroPodRetention() : Duration.ZERO, p.problems());
    }

    private static Instant at(double t) {
        return Instant.EPOCH.plusMillis(Math.round(t * 1000));
    }

    private final PodCounter counter = () -> {
        if (podError != null) {
            throw new PodCounter.PodCountException("readyPodsError " + podError, "not_found".equals(podError));
        }
        return podCount;
    };

    private double start() {
        return trace.createdAt() != null ? trace.createdAt() : trace.samples().get(0).t();
    }

    /** Creates the decider (and the simulated Deployment) at {@code start}. */
    private void create(double start, MetricSource source) {
        Instant now = at(start);
        int initial = params.decider().initialScale();
        pods.start(Math.max(trace.initialReadyPods(), initial), trace.initialReadyPods(), start);
        Integer atCreation = trace.readyPodsAtCreation();
        Sample first = trace.samples().get(0);
        podError = null;
        if (atCreation != null) {
            podCount = Math.max(atCreation, 0);
            podError = atCreation < 0 ? "other" : null;
        } else if (first.t() <= start && first.readyPods() != null) {
            podCount = first.readyPods();
        } else {
            podCount = pods.ready(start);
        }
        autoscalers.createOrUpdate(KEY, params.decider(), counter, source, now);
        status.initializeConditions(now);
        status.setServiceName(KEY.name());
        status.setMetricsServiceName(KEY.name() + "-private");
    }

    private Simulation load() {
        MetricCollector collector = new MetricCollector();
        double start = start();
        collector.createOrUpdate(KEY, params.collection(), at(start));
        create(start, collector.source(KEY));
        List<Sample> samples = trace.samples();
        List<Simulation.Record> records = new ArrayList<>();
        List<Simulation.Point> points = new ArrayList<>();
        long first = (long) Math.floor(start);
        long last = (long) samples.get(samples.size() - 1).t();
        int next = 0;
        Sample current = null;
        for (long s = first; s <= last; s++) {
            while (next < samples.size() && samples.get(next).t() <= s) {
                current = samples.get(next++);
                if (current.decider() != null) {
                    update(DeciderFields.apply(params.decider(), current.decider()), at(s));
                    collector.createOrUpdate(KEY, params.collection(), at(s));
                }
            }
            boolean tick = s > first && (s - first) % trace.tickSeconds() == 0;
            second(collector, current, s, tick, records, points);
        }
        return new Simulation(resolvedJson(), records, points);
    }

    /**
     * Second {@code s} of a load trace: the pods, the gateway's report of the held load and the idle scrape, a
     * decision on the tick or the poke, and the reconciler's pass.
     */
    private void second(MetricCollector collector, Sample current, long s, boolean tick,
            List<Simulation.Record> records, List<Simulation.Point> points) {
        Instant now = at(s);
        double c = current == null ? 0 : current.concurrency();
        double rps = current == null ? 0 : current.rps();
        boolean given = current != null && (current.readyPods() != null || current.readyPodsError() != null);
        podError = given ? current.readyPodsError() : null;
        podCount = given ? (current.readyPods() == null ? 0 : current.readyPods()) : pods.ready(s);
        boolean poke = false;
        if (c != 0 || rps != 0) {
            collector.record(new Stat(KEY.namespace(), KEY.name(), SOURCE, c, rps, now));
            poke = c != 0 && decision().desiredScale() == 0;
        }
        if (podError == null) {
            collector.scrape(KEY, podCount, now);
        }
        ScaleResult result = tick || poke ? autoscalers.decide(KEY, now) : null;
        int ready = podError == null ? podCount : 0;
        int desired = reconcile(now, ready);
        if (result != null) {
            Map<String, Object> observed = new LinkedHashMap<>();
            observed.put("concurrency", Json.num(c));
            observed.put("rps", Json.num(rps));
            records.add(record(s, observed, result, desired));
        }
        boolean byRps = AutoscalingKeys.METRIC_RPS.equals(params.decider().scalingMetric());
        points.add(new Simulation.Point(s, byRps ? rps : c, desired, ready, decision().panicMode()));
    }

    private Simulation replay() throws TraceException {
        MetricSource source = new MetricSource() {
            @Override
            public Observation concurrency(Instant now) throws MetricsException {
                return read(replayed.observed() == null ? null : replayed.observed().concurrency(), "concurrency");
            }

            @Override
            public Observation rps(Instant now) throws MetricsException {
                return read(replayed.observed() == null ? null : replayed.observed().rps(), "rps");
            }
        };
        create(start(), source);
        List<Simulation.Record> records = new ArrayList<>();
        List<Simulation.Point> points = new ArrayList<>();
        for (Sample x : trace.samples()) {
            Instant now = at(x.t());
            if (x.decider() != null) {
                update(DeciderFields.apply(params.decider(), x.decider()), now);
            }
            String metric = AutoscalingKeys.METRIC_RPS.equals(params.decider().scalingMetric()) ? "rps"
                    : "concurrency";
            Sample.Pair pair = x.observed() == null ? null
                    : "rps".equals(metric) ? x.observed().rps() : x.observed().concurrency();
            if (x.observed() != null && pair == null) {
                throw new TraceException(trace.source() + ": " + x.where() + ": field \"observed." + metric
                        + "\": missing; the decider scales on " + metric);
            }
            replayed = x;
            podError = x.readyPodsError();
            podCount = x.readyPods() == null ? 0 : x.readyPods();
            ScaleResult result = autoscalers.decide(KEY, now);
            int desired = reconcile(now, podCount);
            Map<String, Object> observed = new LinkedHashMap<>();
            if (x.observed() != null) {
                putPair(observed, "concurrency", x.observed().concurrency());
                putPair(observed, "rps", x.observed().rps());
            } else {
                observed.put("metricsError", x.metricsError());
            }
            records.add(record(x.t(), observed, result, desired));
            points.add(new Simulation.Point(x.t(), pair == null ? 0 : pair.stable(), desired,
                    podError == null ? podCount : 0, decision().panicMode()));
        }
        return new Simulation(resolvedJson(), records, points);
    }

    private static void putPair(Map<String, Object> m, String name, Sample.Pair p) {
        if (p != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("stable", Json.num(p.stable()));
            v.put("panic", Json.num(p.panic()));
            m.put(name, v);
        }
    }

    private static Observation read(Sample.Pair p, String metric) throws MetricsException {
        if (p == null) {
            throw new MetricsException(MetricsException.Kind.NO_DATA, "no " + metric + " observed");
        }
        return new Observation(p.stable(), p.panic());
    }

    private void update(DeciderSpec spec, Instant now) {
        params = withSpec(params, spec);
        autoscalers.createOrUpdate(KEY, spec, counter, null, now);
    }

    private Decision decision() {
        return autoscalers.decision(KEY).orElseThrow();
    }

    private Simulation.Record record(double t, Map<String, Object> observed, ScaleResult result, int desired) {
        Decision d = decision();
        boolean valid = result.valid();
        return new Simulation.Record(t, observed, valid ? d.stable() : null, valid ? d.panic() : null, valid,
                valid ? result.desiredPodCount() : -1, desired,
                valid ? Integer.valueOf(d.readyPods()) : (podError == null ? Integer.valueOf(podCount) : null),
                d.panicMode(), valid ? Integer.valueOf(result.excessBurstCapacity()) : null);
    }

    /**
     * The PodAutoscaler reconciler's pass (pkg/reconciler/autoscaling/kpa/kpa.go): the published decision gated,
     * applied to the simulated Deployment, the gateway-in-path bookkeeping, and the status.
     */
    private int reconcile(Instant now, int ready) {
        Decision d = decision();
        Duration proxyFor = proxySince == null ? Duration.ZERO : Duration.between(proxySince, now);
        ScaleGate.Outcome o = ScaleGate.scale(d.desiredScale(), status, params, config, progressDeadline, proxyFor,
                now);
        double t = now.toEpochMilli() / 1000.0;
        if (o.apply()) {
            pods.scale(o.scale(), t);
        }
        boolean proxied = o.scale() <= 0 || d.excessBurstCapacity() < 0;
        if (!proxied) {
            proxySince = null;
        } else if (proxySince == null) {
            proxySince = now;
        }
        PodAutoscalerReconciler.reportScale(status, params, o.scale(), ready, now);
        return o.scale();
    }

    private Map<String, Object> resolvedJson() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("decider", DeciderFields.toJson(resolved.decider()));
        r.put("config", configJson(config));
        r.put("minScale", resolved.minScale());
        r.put("maxScale", resolved.maxScale());
        return r;
    }

    /** Every {@code config-autoscaler} key with its effective value. */
    static Map<String, Object> configJson(AutoscalerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enable-scale-to-zero", c.enableScaleToZero());
        m.put("container-concurrency-target-percentage",
                Json.num(new BigDecimal(Double.toString(c.containerConcurrencyTargetFraction())).movePointRight(2)
                        .doubleValue()));
        m.put("container-concurrency-target-default", Json.num(c.containerConcurrencyTargetDefault()));
        m.put("requests-per-second-target-default", Json.num(c.requestsPerSecondTargetDefault()));
        m.put("target-burst-capacity", Json.num(c.targetBurstCapacity()));
        m.put("stable-window", DeciderFields.seconds(c.stableWindow()));
        m.put("panic-window-percentage", Json.num(c.panicWindowPercentage()));
        m.put("panic-threshold-percentage", Json.num(c.panicThresholdPercentage()));
        m.put("max-scale-up-rate", Json.num(c.maxScaleUpRate()));
        m.put("max-scale-down-rate", Json.num(c.maxScaleDownRate()));
        m.put("scale-to-zero-grace-period", DeciderFields.seconds(c.scaleToZeroGracePeriod()));
        m.put("scale-to-zero-pod-retention-period", DeciderFields.seconds(c.scaleToZeroPodRetentionPeriod()));
        m.put("scale-down-delay", DeciderFields.seconds(c.scaleDownDelay()));
        m.put("activator-capacity", Json.num(c.activatorCapacity()));
        m.put("initial-scale", c.initialScale());
        m.put("allow-zero-initial-scale", c.allowZeroInitialScale());
        m.put("min-scale", c.minScale());
        m.put("max-scale", c.maxScale());
        m.put("max-scale-limit", c.maxScaleLimit());
        m.put("pod-autoscaler-class", c.podAutoscalerClass());
        return m;
    }

    /**
     * The simulated Deployment: its pods, each ready {@code podStartSeconds} after it was asked for; scaling down
     * removes pods that are not ready yet first, then the youngest.
     */
    static final class Pods {
        private final double startSeconds;
        private final List<Double> readyAt = new ArrayList<>();

        Pods(double startSeconds) {
            this.startSeconds = startSeconds;
        }

        void start(int replicas, int readyNow, double t) {
            readyAt.clear();
            for (int i = 0; i < replicas; i++) {
                readyAt.add(i < readyNow ? t : t + startSeconds);
            }
        }

        void scale(int replicas, double t) {
            while (readyAt.size() < replicas) {
                readyAt.add(t + startSeconds);
            }
            readyAt.sort(null);
            while (readyAt.size() > replicas) {
                readyAt.remove(readyAt.size() - 1);
            }
        }

        int ready(double t) {
            int n = 0;
            for (double r : readyAt) {
                if (r <= t) {
                    n++;
                }
            }
            return n;
        }
    }
}
