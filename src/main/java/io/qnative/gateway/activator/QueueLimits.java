package io.qnative.gateway.activator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway-wide cap on queued requests (beyond Knative, whose activator queue is unbounded,
 * knative/serving#13583): every revision's queue takes a place here too.
 */
public final class QueueLimits {

    private final AtomicInteger queued = new AtomicInteger();
    private volatile int total;

    /** @param total the most requests queued over all revisions */
    public QueueLimits(int total) {
        this.total = total;
    }

    /** Changes the cap; queued requests stay. */
    public void total(int newTotal) {
        this.total = newTotal;
    }

    boolean tryTake() {
        while (true) {
            int q = queued.get();
            if (q >= total) {
                return false;
            }
            if (queued.compareAndSet(q, q + 1)) {
                return true;
            }
        }
    }

    void giveBack() {
        queued.decrementAndGet();
    }

    /** Requests queued over all revisions. */
    public int queued() {
        return queued.get();
    }

    /**
     * The per-revision bound: {@code max(100, 10 x cc x max(1, maxScale))} when containerConcurrency is set, 1000
     * when it is 0; an explicit value wins.
     */
    public static int revisionLimit(int containerConcurrency, int maxScale, int configured) {
        if (configured > 0) {
            return configured;
        }
        if (containerConcurrency <= 0) {
            return 1000;
        }
        long bound = 10L * containerConcurrency * Math.max(1, maxScale);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(100, bound));
    }
}
