package io.qnative.kube;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import java.util.Objects;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An informer {@link ExceptionHandler} that always retries (fabric8 backs off between attempts) and reports an
 * unreachable API server as one clear line instead of a stack trace per attempt: the first failure, and each
 * change of cause, at WARN; repeats at DEBUG. Call {@link #recovered()} once the informer syncs again.
 */
public final class RetryingExceptionHandler implements ExceptionHandler {

    private static final Logger LOG = Logger.getLogger(RetryingExceptionHandler.class);

    private final String what;
    private final String masterUrl;
    private final Consumer<String> onFailure;
    private volatile String lastCause;

    /**
     * @param what what the informer watches, for the log line (e.g. {@code ConfigMaps in knative-serving})
     * @param masterUrl the API server URL, for the log line
     * @param onFailure told the one-line cause of every failure (e.g. to expose it on readiness)
     */
    public RetryingExceptionHandler(String what, String masterUrl, Consumer<String> onFailure) {
        this.what = what;
        this.masterUrl = masterUrl;
        this.onFailure = onFailure;
    }

    @Override
    public boolean retryAfterException(boolean isStarted, Throwable t) {
        String cause = describe(t);
        if (report(cause) == Logger.Level.WARN) {
            LOG.warnf("cannot reach the Kubernetes API at %s (%s): %s; retrying", masterUrl, what, cause);
        } else {
            LOG.debugf("still cannot reach the Kubernetes API at %s (%s): %s; retrying", masterUrl, what, cause);
        }
        onFailure.accept(cause);
        return true;
    }

    /** The level a failure with {@code cause} is logged at: WARN when it is new, DEBUG when it repeats. */
    Logger.Level report(String cause) {
        Logger.Level level = Objects.equals(cause, lastCause) ? Logger.Level.DEBUG : Logger.Level.WARN;
        lastCause = cause;
        return level;
    }

    /** Resets the one-line reporting after a successful (re)sync. */
    public void recovered() {
        if (lastCause != null) {
            LOG.infof("reached the Kubernetes API at %s again (%s)", masterUrl, what);
        }
        lastCause = null;
    }

    /** The innermost cause as {@code ExceptionClass: message}, on one line. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }
}
