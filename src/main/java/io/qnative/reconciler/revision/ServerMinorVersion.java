package io.qnative.reconciler.revision;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.VersionInfo;
import org.jboss.logging.Logger;

/**
 * The API server's minor version (1.x), asked once and then remembered; Deployments depend on it (a preStop
 * {@code sleep} exists from 1.30). While the server cannot be asked, {@link #FALLBACK} is used and the next call
 * asks again, so one outage at start-up does not pin the answer.
 */
final class ServerMinorVersion implements IntSupplier {

    /** The minor version assumed while the server cannot tell (the oldest server qnative supports). */
    static final int FALLBACK = 20;

    private static final Logger LOG = Logger.getLogger(ServerMinorVersion.class);

    private final Supplier<VersionInfo> ask;
    private volatile Integer known;

    ServerMinorVersion(Supplier<VersionInfo> ask) {
        this.ask = ask;
    }

    @Override
    public int getAsInt() {
        Integer minor = known;
        if (minor != null) {
            return minor;
        }
        try {
            VersionInfo v = ask.get();
            minor = parse(v == null ? null : v.getMinor());
        } catch (RuntimeException e) {
            LOG.debugf("cannot read the API server version (%s); assuming 1.%d", e.getMessage(), FALLBACK);
            return FALLBACK;
        }
        if (minor == null) {
            return FALLBACK;
        }
        known = minor;
        return minor;
    }

    /** The leading digits of a minor version such as {@code 20} or {@code 27+}; null when there are none. */
    static Integer parse(String minor) {
        if (minor == null) {
            return null;
        }
        int end = 0;
        while (end < minor.length() && Character.isDigit(minor.charAt(end))) {
            end++;
        }
        return end == 0 || end > 9 ? null : Integer.parseInt(minor.substring(0, end));
    }
}
