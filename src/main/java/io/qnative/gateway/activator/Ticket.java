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
    final PodTracker avoid;
    State state = State.NEW;
    volatile PodTracker pod;

    public Ticket(Callback callback) {
        this(callback, null);
    }

    /**
     * A ticket for a retry: {@code avoid} (the pod that just failed the request) is granted only when no other pod
     * is in rotation. Ejecting that pod is not enough on its own: its re-probe can pass and put it back before the
     * retry asks for a slot.
     */
    public Ticket(Callback callback, PodTracker avoid) {
        this.callback = callback;
        this.avoid = avoid;
    }

    /** The pod granted, or null. */
    public PodTracker pod() {
        return pod;
    }
}
