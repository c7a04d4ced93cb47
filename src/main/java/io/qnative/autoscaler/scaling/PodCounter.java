package io.qnative.autoscaler.scaling;

/**
 * Counts a revision's ready pods (Running, Ready and not terminating) for the decider (Knative's
 * {@code resources.PodAccessor.ReadyCount}).
 */
@FunctionalInterface
public interface PodCounter {

    /**
     * The ready pod count.
     *
     * @throws PodCountException when it cannot be known; {@link PodCountException#notFound()} counts as 0
     */
    int readyCount() throws PodCountException;

    /** A count that failed. */
    final class PodCountException extends Exception {
        private final boolean notFound;

        /** A failure; {@code notFound} when the pods' owner does not exist (read as 0 pods). */
        public PodCountException(String message, boolean notFound) {
            super(message, null, false, false);
            this.notFound = notFound;
        }

        /** Whether the failure means "no such thing" (0 pods) rather than "unknown". */
        public boolean notFound() {
            return notFound;
        }
    }
}
