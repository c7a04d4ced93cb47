package io.qnative.observability;

import java.util.Optional;

/**
 * What tracing should do now: export to a Zipkin v2 endpoint at a sampling rate, or nothing.
 *
 * @param zipkinEndpoint the collector's {@code /api/v2/spans} URL; empty means tracing is off
 * @param samplingRate   the fraction of new traces sampled, 0 to 1
 */
public record TracingSettings(Optional<String> zipkinEndpoint, double samplingRate) {

    /** No tracing: Knative's default. */
    public static final TracingSettings OFF = new TracingSettings(Optional.empty(), 0);

    public TracingSettings {
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("sampling rate must lie in [0, 1], got " + samplingRate);
        }
    }

    public boolean enabled() {
        return zipkinEndpoint.isPresent();
    }
}
