package io.qnative.gateway;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The request timers of one event loop, checked by one periodic sweep every {@link #PERIOD_MS} ms instead of a
 * Vert.x timer per request: starting and stopping a request's timer is linking and unlinking it here (no timer task,
 * no entry in Vert.x's timer map, no priority-queue insert and removal per request). A timeout fires at most one
 * period late and never early; the timeouts are whole seconds (Knative's pkg/http/handler/timeout.go checks them
 * with timers of the same order of precision). The sweep stops when the loop has had no timer for a second and is
 * armed again by the next one. Used only on its own event-loop thread: a call from another thread is handed to the
 * loop.
 */
final class LoopTimers {

    /** How often the sweep runs while the loop has timers. */
    static final long PERIOD_MS = 25;
    /** Empty sweeps after which the periodic timer is cancelled (a second). */
    private static final int IDLE_SWEEPS = (int) (1000 / PERIOD_MS);

    private static final ThreadLocal<LoopTimers> LOOP = new ThreadLocal<>();

    private final Vertx vertx;
    private final Context context;
    private final Thread thread;
    /** Sentinel of the circular list of timers being watched. */
    private final RequestTimer head = RequestTimer.sentinel();
    private long periodic = -1;
    private int idleSweeps;

    private LoopTimers(Vertx vertx, Context context, Thread thread) {
        this.vertx = vertx;
        this.context = context;
        this.thread = thread;
        head.prev = head;
        head.next = head;
    }

    /** The timers of the calling event loop (created on its first use there). */
    static LoopTimers current(Vertx vertx) {
        LoopTimers t = LOOP.get();
        if (t == null || t.vertx != vertx) {
            boolean loop = Context.isOnEventLoopThread();
            // off a loop (tests), every change is handed to the context the sweep runs on
            t = new LoopTimers(vertx, vertx.getOrCreateContext(), loop ? Thread.currentThread() : null);
            if (loop) {
                LOOP.set(t);
            }
        }
        return t;
    }

    /** Starts watching {@code timer}. */
    void add(RequestTimer timer) {
        if (Thread.currentThread() != thread) {
            // off the loop (thread null: made off any loop): the loop's own instance takes it
            context.runOnContext(v -> current(vertx).add(timer));
            return;
        }
        if (timer.next != null || timer.cancelled()) {
            return; // watched already, or cancelled before this (handed-over) add ran
        }
        timer.prev = head.prev;
        timer.next = head;
        head.prev.next = timer;
        head.prev = timer;
        idleSweeps = 0;
        if (periodic < 0) {
            periodic = vertx.setPeriodic(PERIOD_MS, id -> sweep());
        }
    }

    /** Stops watching {@code timer} (no-op when it is not watched). */
    void remove(RequestTimer timer) {
        if (Thread.currentThread() != thread) {
            context.runOnContext(v -> current(vertx).remove(timer));
            return;
        }
        unlink(timer);
    }

    private static void unlink(RequestTimer timer) {
        if (timer.next == null) {
            return;
        }
        timer.prev.next = timer.next;
        timer.next.prev = timer.prev;
        timer.prev = null;
        timer.next = null;
    }

    private void sweep() {
        if (head.next == head) {
            if (++idleSweeps >= IDLE_SWEEPS && periodic >= 0) {
                vertx.cancelTimer(periodic);
                periodic = -1;
            }
            return;
        }
        idleSweeps = 0;
        RequestTimer t = head.next;
        while (t != head) {
            RequestTimer next = t.next;
            if (t.due()) {
                // unlinked before the expiry runs: what it does (ending the request) may cancel the timer again
                unlink(t);
                t.expire();
            }
            // the expiry may have ended other requests too: start again from the first timer still watched
            t = next != head && next.next == null ? head.next : next;
        }
    }

    /** Timers being watched (tests). */
    int size() {
        int n = 0;
        for (RequestTimer t = head.next; t != head; t = t.next) {
            n++;
        }
        return n;
    }
}
