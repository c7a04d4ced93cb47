package io.qnative.gateway;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one timer of a request (Knative's pkg/http/handler/timeout.go, counted from arrival at the gateway so queueing
 * and cold start count): the whole request within {@code timeout}, the first response byte within
 * {@code responseStart}, and no gap longer than {@code idle} between response writes (measured from arrival while
 * nothing was written; 0 is off). A {@code timeout} of zero is no cap (an upgraded connection with
 * {@code max-upgraded-connection-seconds: 0}); {@code responseStart} is then unused too. A request upgraded by the
 * pod's 101 stops its timer ({@link #upgraded}); the connection then gets a timer of its own. Watched by its event
 * loop's
 * {@link LoopTimers} sweep: a write only notes the time.
 */
final class RequestTimer {

    /** What ran out. */
    enum Kind { TIMEOUT, RESPONSE_START, IDLE }

    /** Called on the request's context when a timeout fires. */
    interface Expiry {
        void expired(Kind kind);
    }

    private final LoopTimers loop;
    private final LongSupplier nanos;
    private final long start;
    private final long timeout;
    private final long responseStart;
    private final long idle;
    private final Expiry expiry;
    private long lastActivity;
    private boolean started;
    private boolean cancelled;
    /** Links of {@link LoopTimers}' list; {@code next} is null while not watched. */
    RequestTimer prev;
    RequestTimer next;

    RequestTimer(Vertx vertx, LongSupplier nanos, long arrivalNanos, Duration timeout, Duration responseStart,
            Duration idle, Expiry expiry) {
        this(LoopTimers.current(vertx), nanos, arrivalNanos, timeout.toNanos(), responseStart.toNanos(),
                idle.toNanos(), expiry);
    }

    private RequestTimer(LoopTimers loop, LongSupplier nanos, long arrivalNanos, long timeout, long responseStart,
            long idle, Expiry expiry) {
        this.loop = loop;
        this.nanos = nanos;
        this.start = arrivalNanos;
        this.timeout = timeout;
        this.responseStart = responseStart;
        this.idle = idle;
        this.expiry = expiry;
        this.lastActivity = arrivalNanos;
    }

    /** The head of a {@link LoopTimers} list: never due. */
    static RequestTimer sentinel() {
        return new RequestTimer(null, () -> 0, 0, Long.MAX_VALUE, Long.MAX_VALUE, 0, kind -> { });
    }

    /** Starts watching the deadlines; one already past expires now. */
    void start() {
        if (timeout <= 0 && idle <= 0) {
            return; // nothing to watch
        }
        if (due()) {
            expire();
        } else {
            loop.add(this);
        }
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

    /**
     * The pod answered {@code 101 Switching Protocols}: the request's timer stops here, before the client's side is
     * switched, so a deadline falling in between cannot cut the upgrade half done. The upgraded connection gets a
     * timer of its own ({@code ThrottleStep.tunnelTimer}: {@code idleTimeoutSeconds} and config-network's
     * {@code max-upgraded-connection-seconds}, by default the revision's {@code timeoutSeconds} from the 101).
     */
    void upgraded() {
        started = true;
        cancel();
    }

    void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.remove(this);
        }
    }

    /** Whether it was cancelled or has expired. */
    boolean cancelled() {
        return cancelled;
    }

    /** Whether a deadline has passed (false once cancelled or expired). */
    boolean due() {
        if (cancelled) {
            return false;
        }
        long now = nanos.getAsLong();
        return timeout > 0 && (now - start >= timeout || (!started && now - start >= responseStart))
                || (idle > 0 && now - lastActivity >= idle);
    }

    /** Fires the expiry with the deadline that ran out first. */
    void expire() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        long deadline = timeout > 0 ? start + timeout : Long.MAX_VALUE;
        Kind kind = timeout > 0 ? Kind.TIMEOUT : Kind.IDLE;
        if (timeout > 0 && !started && start + responseStart < deadline) {
            deadline = start + responseStart;
            kind = Kind.RESPONSE_START;
        }
        if (idle > 0 && lastActivity + idle < deadline) {
            kind = Kind.IDLE;
        }
        expiry.expired(kind);
    }
}
