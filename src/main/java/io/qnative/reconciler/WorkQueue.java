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

/**
 * A de-duplicating, rate-limited work queue with client-go's semantics: a key is handed to at most one worker at a
 * time; a key added while it is being processed is queued again once that worker calls {@link #done}; a key
 * added many times before a worker takes it is processed once. Delayed adds keep the earliest deadline.
 *
 * @param <K> the key type
 */
public final class WorkQueue<K> {

    private final Backoff backoff;
    private final ScheduledExecutorService timer;

    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final Map<K, Delayed> waiting = new HashMap<>();
    private boolean shuttingDown;

    private record Delayed(long deadlineNanos, ScheduledFuture<?> future) {
    }

    /**
     * @param backoff per-key retry delays for {@link #addRateLimited}
     * @param timer   runs delayed adds; shared between queues, owned by the caller
     */
    public WorkQueue(Backoff backoff, ScheduledExecutorService timer) {
        this.backoff = backoff;
        this.timer = timer;
    }

    /** Queues a key for processing now. */
    public synchronized void add(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.addLast(key);
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
        return Optional.of(key);
    }

    /** Marks a key's processing finished; re-queues it if it was added meanwhile. */
    public synchronized void done(K key) {
        processing.remove(key);
        if (dirty.contains(key) && !shuttingDown) {
            queue.addLast(key);
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
        notifyAll();
    }

    public synchronized boolean isShutDown() {
        return shuttingDown;
    }
}
