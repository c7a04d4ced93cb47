package io.qnative.reconciler;

import java.time.Duration;
import java.util.Optional;

/**
 * What a reconcile asks of its queue when it returns normally. A thrown exception means "retry with back-off".
 *
 * @param requeueAfter when present, reconcile the key again after this delay (periodic re-checks, timers)
 */
public record Result(Optional<Duration> requeueAfter) {

    private static final Result DONE = new Result(Optional.empty());

    /** Nothing more to do until something changes. */
    public static Result done() {
        return DONE;
    }

    /** Reconcile again after {@code delay} even if nothing changes. */
    public static Result requeueAfter(Duration delay) {
        return new Result(Optional.of(delay));
    }
}
