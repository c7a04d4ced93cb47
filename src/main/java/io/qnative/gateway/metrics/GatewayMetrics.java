package io.qnative.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.qnative.gateway.activator.RevisionSettings;
import io.qnative.gateway.activator.RevisionThrottler;
import io.qnative.observability.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus meters, with Knative's activator names and labels where one exists
 * ({@code namespace_name}, {@code service_name}, {@code configuration_name}, {@code revision_name},
 * {@code response_code_class}): request count and latency, and per revision the queue depth and pods in rotation.
 */
public final class GatewayMetrics {

    /** A revision and a response code class: the tags of one set of request meters. */
    private record Key(String namespace, String revision, String service, String configuration, int status) {
    }

    /**
     * The meters of one {@link Key}, looked up once: a request only increments and records. The queue-proxy count
     * is registered with its first request (a class no pod answered has none).
     */
    private static final class Meters {
        final Tags tags;
        final Counter requests;
        final Timer latency;
        final Counter errors;
        volatile Counter proxied;

        Meters(Tags tags, Counter requests, Timer latency, Counter errors) {
            this.tags = tags;
            this.requests = requests;
            this.latency = latency;
            this.errors = errors;
        }
    }

    private final MeterRegistry registry;
    /** A revision whose gauges are registered (a record: a per-request check hashes no new string). */
    private record Revision(String namespace, String name) {
    }

    private final Map<Revision, Boolean> revisionsTracked = new ConcurrentHashMap<>();
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    /** Every metric this class registers with a revision's tags. */
    private static final List<String> REVISION_METRICS = List.of(MetricNames.ACTIVATOR_REQUEST_COUNT,
            MetricNames.ACTIVATOR_REQUEST_LATENCIES, MetricNames.PROXY_REQUEST_COUNT, MetricNames.GATEWAY_ERRORS,
            MetricNames.GATEWAY_QUEUE_DEPTH, MetricNames.GATEWAY_PODS_IN_ROTATION,
            MetricNames.ACTIVATOR_REQUEST_CONCURRENCY);

    /** Status slots of {@link PerRevision}: classes 0xx (client closed) to 9xx, then 502, 503 and 504. */
    private static final int SLOTS = 13;

    /**
     * One revision's meters by status slot and whether its gauges are registered, found by namespace and name (the
     * revision's own strings, whose hashes are cached): a request allocates no key to count itself.
     */
    private static final class PerRevision {
        final String service;
        final String configuration;
        final AtomicReferenceArray<Meters> bySlot = new AtomicReferenceArray<>(SLOTS);
        volatile boolean tracked;

        PerRevision(String service, String configuration) {
            this.service = service;
            this.configuration = configuration;
        }
    }

    private final Map<String, Map<String, PerRevision>> perRevision = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A request ended with {@code status} (0: the client went away first) after {@code nanos}; {@code proxied}
     * when a pod answered it (the queue-proxy's count).
     */
    public void request(RevisionSettings rev, int status, long nanos, boolean proxied) {
        // errors are counted by exact code, everything else by class: the key keeps what its meters need
        int keyStatus = status == 502 || status == 503 || status == 504 ? status : status / 100 * 100;
        int slot = keyStatus >= 502 && keyStatus <= 504 ? 10 + keyStatus - 502 : keyStatus / 100;
        Meters m;
        if (slot >= 0 && slot < SLOTS) {
            AtomicReferenceArray<Meters> bySlot = perRevision(rev).bySlot;
            m = bySlot.get(slot);
            if (m == null) {
                m = meters(rev, keyStatus, status);
                bySlot.set(slot, m);
            }
        } else {
            m = meters(rev, keyStatus, status);
        }
        m.requests.increment();
        if (proxied) {
            Counter c = m.proxied;
            if (c == null) {
                c = Counter.builder(MetricNames.PROXY_REQUEST_COUNT).tags(m.tags).register(registry);
                m.proxied = c;
            }
            c.increment();
        }
        m.latency.record(nanos, TimeUnit.NANOSECONDS);
        if (m.errors != null) {
            m.errors.increment();
        }
    }

    private Meters meters(RevisionSettings rev, int keyStatus, int status) {
        return meters.computeIfAbsent(new Key(rev.namespace(), rev.name(), rev.service(), rev.configuration(),
                keyStatus), k -> register(rev, status));
    }

    /** The revision's entry; a new one if its service or configuration label is not the one it was made for. */
    private PerRevision perRevision(RevisionSettings rev) {
        Map<String, PerRevision> names = perRevision.get(rev.namespace());
        if (names == null) {
            names = perRevision.computeIfAbsent(rev.namespace(), ns -> new ConcurrentHashMap<>());
        }
        PerRevision r = names.get(rev.name());
        if (r == null || !r.service.equals(rev.service()) || !r.configuration.equals(rev.configuration())) {
            PerRevision fresh = new PerRevision(rev.service(), rev.configuration());
            fresh.tracked = revisionsTracked.containsKey(new Revision(rev.namespace(), rev.name()));
            names.put(rev.name(), fresh);
            r = fresh;
        }
        return r;
    }

    private Meters register(RevisionSettings rev, int status) {
        Tags tags = tags(rev).and("response_code_class", status == 0 ? "client_closed" : (status / 100) + "xx");
        Counter errors = status == 502 || status == 503 || status == 504
                ? Counter.builder(MetricNames.GATEWAY_ERRORS).tags(tags(rev).and("code", Integer.toString(status)))
                        .register(registry)
                : null;
        return new Meters(tags, Counter.builder(MetricNames.ACTIVATOR_REQUEST_COUNT).tags(tags).register(registry),
                Timer.builder(MetricNames.ACTIVATOR_REQUEST_LATENCIES).tags(tags).publishPercentileHistogram()
                        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500))
                        .register(registry),
                errors);
    }

    /**
     * A Revision was deleted: its meters and gauges leave the registry (the gauges held its throttler and so kept it
     * alive), as Knative's activator stops reporting a revision it no longer has. A request still finishing counts on
     * meters that are no longer registered.
     */
    public void forget(String namespace, String name) {
        revisionsTracked.remove(new Revision(namespace, name));
        Map<String, PerRevision> names = perRevision.get(namespace);
        if (names != null) {
            names.remove(name);
        }
        meters.keySet().removeIf(k -> k.namespace().equals(namespace) && k.revision().equals(name));
        for (String metric : REVISION_METRICS) {
            registry.find(metric).tags("namespace_name", namespace, "revision_name", name).meters()
                    .forEach(registry::remove);
        }
    }

    /** Whether the per-revision gauges of {@code rev} are registered. */
    public boolean tracked(RevisionSettings rev) {
        return perRevision(rev).tracked;
    }

    /** Registers the per-revision gauges once. */
    public void track(RevisionSettings rev, RevisionThrottler throttler, StatReporter reporter) {
        boolean first = revisionsTracked.putIfAbsent(new Revision(rev.namespace(), rev.name()), true) == null;
        perRevision(rev).tracked = true;
        if (!first) {
            return;
        }
        gauge(MetricNames.GATEWAY_QUEUE_DEPTH, rev, throttler, RevisionThrottler::queued);
        gauge(MetricNames.GATEWAY_PODS_IN_ROTATION, rev, throttler, RevisionThrottler::healthyPods);
        gauge(MetricNames.ACTIVATOR_REQUEST_CONCURRENCY, rev, reporter,
                r -> r.inFlight(rev.namespace(), rev.name()));
    }

    private <T> void gauge(String name, RevisionSettings rev, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f).tags(tags(rev)).strongReference(true).register(registry);
    }

    private static Tags tags(RevisionSettings rev) {
        return Tags.of("namespace_name", rev.namespace(), "service_name", rev.service(),
                "configuration_name", rev.configuration(), "revision_name", rev.name());
    }
}
