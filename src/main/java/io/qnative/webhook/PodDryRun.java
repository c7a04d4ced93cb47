package io.qnative.webhook;

import io.fabric8.kubernetes.api.model.Pod;

/** A dry-run create of a Pod on the API server: nothing is stored, the server's admission and validation run. */
@FunctionalInterface
public interface PodDryRun {

    /**
     * Dry-run creates {@code pod} in its namespace.
     *
     * @return null when the API server would create it, else the API server's error message
     * @throws UnreachableException when the API server does not answer in time or cannot be reached
     */
    String create(Pod pod) throws UnreachableException;

    /** The API server could not be asked. */
    final class UnreachableException extends Exception {

        private static final long serialVersionUID = 1L;

        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
