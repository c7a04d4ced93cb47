package io.qnative.simulate;

/**
 * A trace or command line that cannot be simulated; the message names the file, the line or sample index and the
 * field.
 */
public final class TraceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public TraceException(String message) {
        super(message, null, false, false);
    }
}
