package io.qnative.autoscaler.metrics;

/**
 * Metrics could not be read for a decision: {@link Kind#NO_DATA} (Knative's {@code ErrNoData}: nothing recorded for
 * more than a stable window while the revision is scraped) or {@link Kind#NOT_COLLECTING} (no collection exists).
 */
public final class MetricsException extends Exception {

    /** Why the read failed. */
    public enum Kind {
        /** Nothing recorded for more than a stable window. */
        NO_DATA,
        /** The revision has no metric collection. */
        NOT_COLLECTING,
        /** Any other failure. */
        OTHER
    }

    private final Kind kind;

    /** A failure of the given kind. */
    public MetricsException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** Why the read failed. */
    public Kind kind() {
        return kind;
    }
}
