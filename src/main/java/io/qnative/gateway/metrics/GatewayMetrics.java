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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus meters, with Knative's activator names and labels where one exists
 * ({@code namespace_name}, {@code service_name}, {@code configuration_name}, {@code revision_name},
 * {@code response_code_class}): request count and latency, and per revision the queue depth and pods in rotation.
 * Requests to a plain Kubernetes Service (a KIngress split that names no revision) count on the same request meters
 * under {@code kubernetes_service_name} with the revision labels empty; revision series carry that label empty
 * (Prometheus keeps one label set per name, and treats an empty label as absent). Knative's activator never sees
 * such requests: the label follows its {@code <thing>_name} style.
 */
public final class GatewayMetrics {

    /** The label naming the Kubernetes Service of a request whose backend is not a revision. */
    public static final String KUBERNETES_SERVICE_NAME = "kubernetes_service_name";

    /**
     * The meters of one backend and response code class (or error code), looked up once: a request only increments
     * and records. The queue-proxy count is registered with its first request (a class no pod answered has none).
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

    /** Every metric this class registers with a revision's tags. */
    private static final List<String> REVISION_METRICS = List.of(MetricNames.ACTIVATOR_REQUEST_COUNT,
            MetricNames.ACTIVATOR_REQUEST_LATENCIES, MetricNames.PROXY_REQUEST_COUNT, MetricNames.GATEWAY_ERRORS,
            MetricNames.GATEWAY_QUEUE_DEPTH, MetricNames.GATEWAY_PODS_IN_ROTATION,
            MetricNames.ACTIVATOR_REQUEST_CONCURRENCY);

    /** Every metric this class registers with a Kubernetes Service's tags. */
    private static final List<String> SERVICE_METRICS = List.of(MetricNames.ACTIVATOR_REQUEST_COUNT,
            MetricNames.ACTIVATOR_REQUEST_LATENCIES, MetricNames.GATEWAY_ERRORS);

    /** Status slots of {@link Backend}: classes 0xx (client closed) to 9xx, then 502, 503 and 504. */
    private static final int SLOTS = 13;

    /**
     * One backend (a revision, or a plain Kubernetes Service) and everything kept for it: its meters by status slot
     * and, for a revision, whether its gauges are registered. Found by namespace and name (the backend's own strings,
     * whose hashes are cached): a request allocates no key to count itself.
     */
    private static final class Backend {
        /** The revision's service and configuration labels; null for a Kubernetes Service. */
        final String service;
        final String configuration;
        final AtomicReferenceArray<Meters> bySlot = new AtomicReferenceArray<>(SLOTS);
        /** Whether the revision's gauges are registered (set once: they stay with the first labels). */
        final AtomicBoolean tracked;

        Backend(String service, String configuration, boolean tracked) {
            this.service = service;
            this.configuration = configuration;
            this.tracked = new AtomicBoolean(tracked);
        }
    }

    private final MeterRegistry registry;
    /** Revisions by namespace and name. */
    private final Map<String, Map<String, Backend>> revisions = new ConcurrentHashMap<>();
    /** Kubernetes Services by namespace and name. */
    private final Map<String, Map<String, Backend>> services = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A request ended with {@code status} (0: the client went away first) after {@code nanos}; {@code proxied}
     * when a pod answered it (the queue-proxy's count).
     */
    public void request(RevisionSettings rev, int status, long nanos, boolean proxied) {
        Meters m = meters(revision(rev), rev.namespace(), rev.name(), status);
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

    /**
     * A request to the plain Kubernetes Service {@code namespace/name} ended with {@code status} (0: the client went
     * away first) after {@code nanos}. There is no queue-proxy count: no revision pod answered it.
     */
    public void serviceRequest(String namespace, String name, int status, long nanos) {
        Map<String, Backend> names = services.get(namespace);
        if (names == null) {
            names = services.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
        }
        Backend b = names.get(name);
        if (b == null) {
            b = names.computeIfAbsent(name, n -> new Backend(null, null, false));
        }
        Meters m = meters(b, namespace, name, status);
        m.requests.increment();
        m.latency.record(nanos, TimeUnit.NANOSECONDS);
        if (m.errors != null) {
            m.errors.increment();
        }
    }

    /** The backend's meters for {@code status}, registered on first use. */
    private Meters meters(Backend b, String namespace, String name, int status) {
        // errors are counted by exact code, everything else by class: the slot keeps what its meters need
        int slot = status >= 502 && status <= 504 ? 10 + status - 502 : status / 100;
        if (slot < 0 || slot >= SLOTS) {
            // not an HTTP status: the registry finds the meters of the same tags
            return register(b, namespace, name, status);
        }
        Meters m = b.bySlot.get(slot);
        if (m == null) {
            // two first requests may both register: the registry returns the same meters for the same tags
            m = register(b, namespace, name, status);
            b.bySlot.set(slot, m);
        }
        return m;
    }

    /** The revision's entry; a new one if its service or configuration label is not the one it was made for. */
    private Backend revision(RevisionSettings rev) {
        Map<String, Backend> names = revisions.get(rev.namespace());
        if (names == null) {
            names = revisions.computeIfAbsent(rev.namespace(), ns -> new ConcurrentHashMap<>());
        }
        Backend b = names.get(rev.name());
        if (b == null || !b.service.equals(rev.service()) || !b.configuration.equals(rev.configuration())) {
            Backend fresh = new Backend(rev.service(), rev.configuration(), b != null && b.tracked.get());
            names.put(rev.name(), fresh);
            b = fresh;
        }
        return b;
    }

    private Meters register(Backend b, String namespace, String name, int status) {
        Tags base = b.service == null
                ? Tags.of("namespace_name", namespace, "service_name", "", "configuration_name", "",
                        "revision_name", "", KUBERNETES_SERVICE_NAME, name)
                : Tags.of("namespace_name", namespace, "service_name", b.service, "configuration_name",
                        b.configuration, "revision_name", name, KUBERNETES_SERVICE_NAME, "");
        Tags tags = base.and("response_code_class", status == 0 ? "client_closed" : (status / 100) + "xx");
        Counter errors = status == 502 || status == 503 || status == 504
                ? Counter.builder(MetricNames.GATEWAY_ERRORS).tags(base.and("code", Integer.toString(status)))
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
        Map<String, Backend> names = revisions.get(namespace);
        if (names != null) {
            names.remove(name);
        }
        for (String metric : REVISION_METRICS) {
            registry.find(metric).tags("namespace_name", namespace, "revision_name", name).meters()
                    .forEach(registry::remove);
        }
    }

    /** A Kubernetes Service was deleted: its request meters leave the registry, as a Revision's do. */
    public void forgetService(String namespace, String name) {
        Map<String, Backend> names = services.get(namespace);
        if (names == null || names.remove(name) == null) {
            return;
        }
        for (String metric : SERVICE_METRICS) {
            registry.find(metric).tags("namespace_name", namespace, KUBERNETES_SERVICE_NAME, name).meters()
                    .forEach(registry::remove);
        }
    }

    /** Whether the per-revision gauges of {@code rev} are registered. */
    public boolean tracked(RevisionSettings rev) {
        return revision(rev).tracked.get();
    }

    /** Registers the per-revision gauges once. */
    public void track(RevisionSettings rev, RevisionThrottler throttler, StatReporter reporter) {
        if (!revision(rev).tracked.compareAndSet(false, true)) {
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
