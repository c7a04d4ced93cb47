package io.qnative.gateway.activator;

/**
 * One request's claim on a revision's capacity: granted a pod at once, queued until a slot frees, or rejected.
 * Its callback runs outside the throttler's lock, on whatever thread freed the slot; callers hop to their own
 * context. A ticket is used once.
 */
public final class Ticket {

    /** Why a request gets no pod. */
    public enum Rejection {
        /** The revision's queue or the gateway's total queue is full (503, Retry-After). */
        OVERFLOW,
        /** The revision is failing (503 with the reason). */
        FAILED
    }

    /** What happens to the ticket. */
    public interface Callback {

        /** A slot on {@code pod} is reserved for the request. */
        void granted(PodTracker pod);

        /** The request gets no pod. */
        void rejected(Rejection rejection, String reason);
    }

    enum State { NEW, QUEUED, GRANTED, DONE }

    final Callback callback;
    State state = State.NEW;
    volatile PodTracker pod;

    public Ticket(Callback callback) {
        this.callback = callback;
    }

    /** The pod granted, or null. */
    public PodTracker pod() {
        return pod;
    }
}
