package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.qnative.observability.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Drains a work queue of object keys into one {@link Reconciler} with a fixed number of worker threads. Runs only
 * while this replica leads: {@link #start} queues every primary object once (the informers may have seen them
 * before leadership), {@link #stop} drops the queue. Each reconcile runs in a span and is counted.
 */
public final class Controller {

    private static final Logger LOG = Logger.getLogger(Controller.class);
    private static final int HTTP_CONFLICT = 409;
    /** Conflicts on one key logged at debug before they are warned about: a key that keeps conflicting is news. */
    static final int QUIET_CONFLICTS = 3;

    private final String name;
    private final Reconciler reconciler;
    private final Supplier<Collection<ObjectKey>> primaryKeys;
    private final int workers;
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final Tracer tracer;
    private final Counter succeeded;
    private final Counter failed;
    private final Timer latency;
    private final WorkQueue.Metrics queueMetrics;
    private final AtomicReference<WorkQueue<ObjectKey>> queue = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param name        the controller's name, used in logs, metrics and thread names
     * @param reconciler  the kind's control loop
     * @param primaryKeys every object of the primary kind, from its informer cache
     * @param workers     worker threads
     */
    public Controller(String name, Reconciler reconciler, Supplier<Collection<ObjectKey>> primaryKeys, int workers,
            Backoff backoff, ScheduledExecutorService timer, Tracer tracer, MeterRegistry registry) {
        this.name = name;
        this.reconciler = reconciler;
        this.primaryKeys = primaryKeys;
        this.workers = workers;
        this.backoff = backoff;
        this.timer = timer;
        this.tracer = tracer;
        this.succeeded = Counter.builder(MetricNames.RECONCILE_COUNT).tag("controller", name)
                .tag("result", "success").register(registry);
        this.failed = Counter.builder(MetricNames.RECONCILE_COUNT).tag("controller", name)
                .tag("result", "error").register(registry);
        this.latency = Timer.builder(MetricNames.RECONCILE_LATENCY).tag("controller", name).register(registry);
        Gauge.builder(MetricNames.WORKQUEUE_DEPTH, queue, q -> q.get() == null ? 0 : q.get().depth())
                .tag("controller", name).register(registry);
        Counter adds = Counter.builder(MetricNames.WORKQUEUE_ADDS).tag("controller", name).register(registry);
        Timer waits = Timer.builder(MetricNames.WORKQUEUE_QUEUE_LATENCY).tag("controller", name).register(registry);
        this.queueMetrics = new WorkQueue.Metrics() {
            @Override
            public void added() {
                adds.increment();
            }

            @Override
            public void waited(long nanos) {
                waits.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    public String name() {
        return name;
    }

    /** Queues the key of an object, if this controller runs. */
    public void enqueue(HasMetadata obj) {
        enqueue(ObjectKey.of(obj));
    }

    /** Queues a key, if this controller runs. */
    public void enqueue(ObjectKey key) {
        WorkQueue<ObjectKey> q = queue.get();
        if (q != null) {
            q.add(key);
        }
    }

    /** Queues a key ahead of the keys waiting ({@link WorkQueue#addFirst}), if this controller runs. */
    public void enqueueFirst(ObjectKey key) {
        WorkQueue<ObjectKey> q = queue.get();
        if (q != null) {
            q.addFirst(key);
        }
    }

    /** Starts the workers and queues every primary object. */
    public synchronized void start() {
        if (queue.get() != null) {
            return;
        }
        WorkQueue<ObjectKey> q = new WorkQueue<>(backoff, timer, System::nanoTime, queueMetrics);
        queue.set(q);
        primaryKeys.get().forEach(q::add);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> work(q), "qnative-" + name + "-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        LOG.infof("controller %s started with %d worker(s)", name, workers);
    }

    /** Stops the workers; queued keys are dropped (the next {@link #start} lists everything again). */
    public synchronized void stop() {
        WorkQueue<ObjectKey> q = queue.getAndSet(null);
        if (q == null) {
            return;
        }
        q.shutDown();
        threads.forEach(Thread::interrupt);
        threads.clear();
        LOG.infof("controller %s stopped", name);
    }

    public boolean running() {
        return queue.get() != null;
    }

    /** True when every worker thread of a running controller is alive. */
    public synchronized boolean healthy() {
        return queue.get() == null || threads.stream().allMatch(Thread::isAlive);
    }

    private void work(WorkQueue<ObjectKey> q) {
        try {
            while (true) {
                Optional<ObjectKey> next = q.take();
                if (next.isEmpty()) {
                    return;
                }
                process(q, next.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void process(WorkQueue<ObjectKey> q, ObjectKey key) {
        Span span = tracer.spanBuilder("reconcile " + name).setAttribute("qnative.controller", name)
                .setAttribute("k8s.namespace.name", key.namespace()).setAttribute("qnative.key", key.toString())
                .startSpan();
        long start = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            Result result = reconciler.reconcile(key);
            q.forget(key);
            result.requeueAfter().ifPresent(d -> q.addAfter(key, d));
            succeeded.increment();
        } catch (Exception e) {
            failed.increment();
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            int retry = q.failures(key);
            if (conflict(e) && retry < QUIET_CONFLICTS) {
                // another writer changed the object between our read and our write: routine under
                // concurrent controllers, retried at once with a fresh read (Knative's generated reconcilers
                // retry conflicts without an error log, knative.dev/pkg reconciler/retry.go)
                LOG.debugf("%s: conflict reconciling %s (retry %d in %s): %s", name, key, retry + 1,
                        backoff.delay(retry), describe(e));
            } else {
                LOG.warnf("%s: reconcile of %s failed (retry %d in %s): %s", name, key, retry + 1,
                        backoff.delay(retry), describe(e));
            }
            q.addRateLimited(key);
        } finally {
            latency.record(Duration.ofNanos(System.nanoTime() - start));
            span.end();
            q.done(key);
        }
    }

    /** The messages of {@code e} and its causes, each cause's only when the messages before do not hold it. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && sb.indexOf(m) < 0) {
                sb.append(": ").append(m);
            }
        }
        return sb.toString();
    }

    /** Whether {@code e} or one of its causes is the API server's 409 Conflict. */
    static boolean conflict(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() == HTTP_CONFLICT) {
                return true;
            }
        }
        return false;
    }
}
