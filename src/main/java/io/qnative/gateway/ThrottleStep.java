package io.qnative.gateway;

import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.activator.PodTracker;
import io.qnative.gateway.activator.RevisionSettings;
import io.qnative.gateway.activator.Ticket;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The activator's part of the chain (Knative's pkg/activator/handler/handler.go with its timeout): starts the
 * request's timer (counted from arrival) and waits, without a thread, for a slot on a healthy pod of the
 * revision; a full queue or a failing revision answers 503, a timeout 504 {@code activator request timeout}. The
 * proxy may ask for one more pod through {@link #reacquire} when the first refused the connection.
 */
final class ThrottleStep implements Step {

    /** Knative activator's timeout body. */
    static final String TIMEOUT_BODY = "activator request timeout";

    private final Vertx vertx;
    private final Activator activator;
    private final LongSupplier nanos;

    ThrottleStep(Vertx vertx, Activator activator, LongSupplier nanos) {
        this.vertx = vertx;
        this.activator = activator;
        this.nanos = nanos;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        RevisionSettings s = ex.revision;
        ex.timer = new RequestTimer(vertx, nanos, ex.arrivalNanos, s.timeout(), s.responseStartTimeout(),
                s.idleTimeout(), kind -> ex.fail(504, TIMEOUT_BODY));
        ex.timer.start();
        if (ex.throttler == null) {
            ex.throttler = activator.throttler(s);
        }
        acquire(ex, next);
    }

    /**
     * The timer of an upgraded connection, started now: {@code idleTimeoutSeconds} between bytes in either direction
     * (when set) and at most {@code max-upgraded-connection-seconds} in all (config-network; the revision's
     * {@code timeoutSeconds} when unset, no cap when 0); {@code expired} runs on the request's context.
     */
    RequestTimer tunnelTimer(Exchange ex, Runnable expired) {
        RevisionSettings s = ex.revision;
        Duration cap = activator.settings().upgradedConnectionCap(s.timeout());
        RequestTimer timer = new RequestTimer(vertx, nanos, nanos.getAsLong(), cap, cap,
                s.idleTimeout(), kind -> expired.run());
        timer.start();
        return timer;
    }

    /** Gives the current pod back, ejects it, and waits for another one (once): the same pod only when it is alone. */
    void reacquire(Exchange ex, Consumer<Exchange> next) {
        PodTracker refused = ex.pod;
        ex.throttler.release(ex.ticket);
        ex.pod = null;
        activator.eject(ex.revision, refused);
        acquire(ex, next, refused);
    }

    private void acquire(Exchange ex, Consumer<Exchange> next) {
        acquire(ex, next, null);
    }

    private void acquire(Exchange ex, Consumer<Exchange> next, PodTracker avoid) {
        Waiter waiter = new Waiter(ex, next);
        Ticket ticket = new Ticket(waiter, avoid);
        waiter.ticket = ticket;
        ex.ticket = ticket;
        ex.throttler.acquire(ticket);
    }

    /**
     * A request waiting for its slot: runs the rest of the chain on the request's event loop, at once when the slot
     * is granted (or refused) while the request itself asks, which is the common case; through the request's context
     * when a queued request is released by another one.
     */
    private static final class Waiter implements Ticket.Callback {
        private final Exchange ex;
        private final Consumer<Exchange> next;
        /** This waiter's ticket (set before the throttler sees it). */
        Ticket ticket;

        Waiter(Exchange ex, Consumer<Exchange> next) {
            this.ex = ex;
            this.next = next;
        }

        @Override
        public void granted(PodTracker pod) {
            if (Vertx.currentContext() == ex.context) {
                proceed(pod);
            } else {
                ex.context.runOnContext(v -> proceed(pod));
            }
        }

        private void proceed(PodTracker pod) {
            if (ex.finished() || ex.ticket != ticket) {
                ex.throttler.release(ticket);
                return;
            }
            ex.pod = pod;
            next.accept(ex);
        }

        @Override
        public void rejected(Ticket.Rejection rejection, String reason) {
            if (Vertx.currentContext() == ex.context) {
                refuse(reason);
            } else {
                ex.context.runOnContext(v -> refuse(reason));
            }
        }

        private void refuse(String reason) {
            if (!ex.finished()) {
                ex.fail(503, reason);
            }
        }
    }
}
