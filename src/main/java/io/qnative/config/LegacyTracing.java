package io.qnative.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The legacy {@code config-tracing} ConfigMap: {@code backend} ({@code zipkin} or {@code none}),
 * {@code zipkin-endpoint}, {@code sample-rate} (default 0.1 once a backend is named) and {@code debug}. Its
 * values only fill in what {@code config-observability}'s {@code tracing-*} keys leave unset; see
 * {@link TracingConfig#merge}.
 */
public final class LegacyTracing {

    /** The ConfigMap name. */
    public static final String NAME = "config-tracing";

    private LegacyTracing() {
    }

    /**
     * Parses the map into the tracing keys it sets.
     *
     * @throws ConfigException with every invalid key
     */
    public static TracingConfig.Settings parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        TracingConfig.Settings settings = read(r);
        r.throwIfProblems();
        return settings;
    }

    static TracingConfig.Settings read(MapReader r) {
        Optional<TracingConfig.Protocol> backend = r.typed(Optional.empty(), LegacyTracing::backend, "backend");
        Optional<String> endpoint = r.raw("zipkin-endpoint").filter(e -> !e.isBlank());
        OptionalDouble rate = r.typed(OptionalDouble.empty(), TracingConfig::rate, "sample-rate");
        r.bool(false, "debug");
        if (rate.isEmpty() && backend.isPresent()) {
            rate = OptionalDouble.of(0.1);
        }
        return new TracingConfig.Settings(backend, endpoint, rate);
    }

    private static Optional<TracingConfig.Protocol> backend(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "zipkin":
                return Optional.of(TracingConfig.Protocol.ZIPKIN);
            case "none", "":
                return Optional.of(TracingConfig.Protocol.NONE);
            default:
                throw new IllegalArgumentException("must be zipkin or none");
        }
    }
}
