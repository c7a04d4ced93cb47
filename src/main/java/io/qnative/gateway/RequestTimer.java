package io.qnative.gateway;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one timer of a request (Knative's pkg/http/handler/timeout.go, counted from arrival at the gateway so queueing
 * and cold start count): the whole request within {@code timeout}, the first response byte within
 * {@code responseStart}, and no gap longer than {@code idle} between response writes (measured from arrival while
 * nothing was written; 0 is off). A {@code timeout} of zero is no cap (an upgraded connection with
 * {@code max-upgraded-connection-seconds: 0}); {@code responseStart} is then unused too. Reschedules itself instead
 * of being reset on every write.
 */
final class RequestTimer {

    /** What ran out. */
    enum Kind { TIMEOUT, RESPONSE_START, IDLE }

    /** Called on the request's context when a timeout fires. */
    interface Expiry {
        void expired(Kind kind);
    }

    private final Vertx vertx;
    private final LongSupplier nanos;
    private final long start;
    private final long timeout;
    private final long responseStart;
    private final long idle;
    private final Expiry expiry;
    private long lastActivity;
    private boolean started;
    private long timerId = -1;
    private boolean cancelled;

    RequestTimer(Vertx vertx, LongSupplier nanos, long arrivalNanos, Duration timeout, Duration responseStart,
            Duration idle, Expiry expiry) {
        this.vertx = vertx;
        this.nanos = nanos;
        this.start = arrivalNanos;
        this.timeout = timeout.toNanos();
        this.responseStart = responseStart.toNanos();
        this.idle = idle.toNanos();
        this.expiry = expiry;
        this.lastActivity = arrivalNanos;
    }

    void start() {
        schedule();
    }

    /** The response began (first byte). */
    void responseStarted() {
        started = true;
        lastActivity = nanos.getAsLong();
    }

    /** A response write happened. */
    void activity() {
        lastActivity = nanos.getAsLong();
    }

    void cancel() {
        cancelled = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void schedule() {
        if (cancelled) {
            return;
        }
        long now = nanos.getAsLong();
        long deadline;
        Kind kind;
        if (timeout > 0) {
            deadline = start + timeout;
            kind = Kind.TIMEOUT;
            if (!started && start + responseStart < deadline) {
                deadline = start + responseStart;
                kind = Kind.RESPONSE_START;
            }
        } else if (idle > 0) {
            deadline = lastActivity + idle;
            kind = Kind.IDLE;
        } else {
            return;
        }
        if (idle > 0 && lastActivity + idle < deadline) {
            deadline = lastActivity + idle;
            kind = Kind.IDLE;
        }
        if (deadline <= now) {
            cancelled = true;
            expiry.expired(kind);
            return;
        }
        long millis = Math.max(1, (deadline - now + 999_999) / 1_000_000);
        timerId = vertx.setTimer(millis, id -> {
            timerId = -1;
            schedule();
        });
    }
}
