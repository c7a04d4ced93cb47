package io.qnative.reconciler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A de-duplicating, rate-limited work queue with client-go's semantics: a key is handed to at most one worker at a
 * time; a key added while it is being processed is queued again once that worker calls {@link #done}; a key
 * added many times before a worker takes it is processed once. Delayed adds keep the earliest deadline.
 *
 * @param <K> the key type
 */
public final class WorkQueue<K> {

    /**
     * What the queue reports (client-go's {@code workqueue} metrics: {@code adds_total},
     * {@code queue_duration_seconds}).
     */
    public interface Metrics {
        /** No metrics. */
        Metrics NONE = new Metrics() {
        };

        /** A key entered the queue (an add of a key already waiting is not counted). */
        default void added() {
        }

        /** A worker took a key that had waited {@code nanos} since it entered the queue. */
        default void waited(long nanos) {
        }
    }

    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;
    private final Metrics metrics;

    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    /** Keys added by {@link #addFirst} while being processed: queued at the head once done. */
    private final Set<K> urgent = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final Map<K, Delayed> waiting = new HashMap<>();
    /** When each key now in {@code dirty} was added, for {@link Metrics#waited}. */
    private final Map<K, Long> addedAt = new HashMap<>();
    private boolean shuttingDown;

    private record Delayed(long deadlineNanos, ScheduledFuture<?> future) {
    }

    /**
     * @param backoff per-key retry delays for {@link #addRateLimited}
     * @param timer   runs delayed adds; shared between queues, owned by the caller
     */
    public WorkQueue(Backoff backoff, ScheduledExecutorService timer) {
        this(backoff, timer, System::nanoTime, Metrics.NONE);
    }

    /**
     * @param nanoClock the clock of {@link Metrics#waited} ({@link System#nanoTime})
     * @param metrics   told of adds and of how long each key waited for a worker
     */
    public WorkQueue(Backoff backoff, ScheduledExecutorService timer, LongSupplier nanoClock, Metrics metrics) {
        this.backoff = backoff;
        this.timer = timer;
        this.nanoClock = nanoClock;
        this.metrics = metrics;
    }

    /** Queues a key for processing now. */
    public synchronized void add(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        addedAt.put(key, nanoClock.getAsLong());
        metrics.added();
        if (!processing.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /**
     * Queues a key ahead of every waiting key (a key already waiting moves to the head; one being processed goes to
     * the head once done): for work a request waits on, such as a scale from zero, which must not wait behind a
     * queue of routine reconciles.
     */
    public synchronized void addFirst(K key) {
        if (shuttingDown) {
            return;
        }
        if (dirty.add(key)) {
            addedAt.put(key, nanoClock.getAsLong());
            metrics.added();
        } else if (!processing.contains(key)) {
            queue.remove(key);
        }
        if (processing.contains(key)) {
            urgent.add(key);
        } else {
            queue.addFirst(key);
            notifyAll();
        }
    }

    /** Queues a key after a delay; of several pending delayed adds of one key the earliest wins. */
    public synchronized void addAfter(K key, Duration delay) {
        if (shuttingDown) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long deadline = System.nanoTime() + delay.toNanos();
        Delayed pending = waiting.get(key);
        if (pending != null) {
            if (pending.deadlineNanos() <= deadline) {
                return;
            }
            pending.future().cancel(false);
        }
        ScheduledFuture<?> future = timer.schedule(() -> fire(key, deadline), delay.toNanos(), TimeUnit.NANOSECONDS);
        waiting.put(key, new Delayed(deadline, future));
    }

    private synchronized void fire(K key, long deadline) {
        Delayed pending = waiting.get(key);
        if (pending != null && pending.deadlineNanos() == deadline) {
            waiting.remove(key);
            add(key);
        }
    }

    /** Queues a key after its next back-off delay; each call without {@link #forget} doubles the delay. */
    public synchronized void addRateLimited(K key) {
        int n = failures.merge(key, 1, Integer::sum) - 1;
        addAfter(key, backoff.delay(n));
    }

    /** Resets a key's back-off (after a successful reconcile). */
    public synchronized void forget(K key) {
        failures.remove(key);
    }

    /** How many times the key failed since it was last forgotten. */
    public synchronized int failures(K key) {
        return failures.getOrDefault(key, 0);
    }

    /**
     * Blocks until a key is ready and marks it as being processed; empty once the queue is shut down.
     */
    public synchronized Optional<K> take() throws InterruptedException {
        while (queue.isEmpty() && !shuttingDown) {
            wait();
        }
        if (shuttingDown) {
            return Optional.empty();
        }
        K key = queue.removeFirst();
        processing.add(key);
        dirty.remove(key);
        Long added = addedAt.remove(key);
        if (added != null) {
            metrics.waited(nanoClock.getAsLong() - added);
        }
        return Optional.of(key);
    }

    /** Marks a key's processing finished; re-queues it if it was added meanwhile. */
    public synchronized void done(K key) {
        processing.remove(key);
        boolean first = urgent.remove(key);
        if (dirty.contains(key) && !shuttingDown) {
            if (first) {
                queue.addFirst(key);
            } else {
                queue.addLast(key);
            }
            notifyAll();
        }
    }

    /** Keys ready for a worker now. */
    public synchronized int depth() {
        return queue.size();
    }

    /** Stops the queue: pending and delayed keys are dropped, {@link #take} returns empty. */
    public synchronized void shutDown() {
        shuttingDown = true;
        waiting.values().forEach(d -> d.future().cancel(false));
        waiting.clear();
        queue.clear();
        dirty.clear();
        urgent.clear();
        addedAt.clear();
        notifyAll();
    }

    public synchronized boolean isShutDown() {
        return shuttingDown;
    }
}
