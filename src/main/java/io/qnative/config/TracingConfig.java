package io.qnative.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The effective tracing settings: {@code config-observability}'s {@code tracing-*} keys merged with the legacy
 * {@code config-tracing} keys, the newer key winning key by key (docs/ports-and-config.md).
 * Default: no tracing.
 *
 * @param protocol how spans are exported
 * @param endpoint where to (empty for none and stdout)
 * @param samplingRate the fraction of traces sampled, 0–1
 */
public record TracingConfig(Protocol protocol, String endpoint, double samplingRate) {

    /** No tracing. */
    public static final TracingConfig NONE = new TracingConfig(Protocol.NONE, "", 0);

    /** True unless the protocol is {@link Protocol#NONE}. */
    public boolean enabled() {
        return protocol != Protocol.NONE;
    }

    /**
     * Merges the {@code tracing-*} keys of config-observability with the legacy config-tracing keys and checks
     * the result: exporting protocols need an endpoint; {@code none} and {@code stdout} take none.
     *
     * @throws ConfigException naming the key to fix
     */
    static TracingConfig merge(Settings newer, Settings legacy) {
        Protocol protocol = newer.protocol.or(() -> legacy.protocol).orElse(Protocol.NONE);
        boolean protocolFromLegacy = newer.protocol.isEmpty() && legacy.protocol.isPresent();
        String endpoint = newer.endpoint.orElse(protocol == Protocol.ZIPKIN ? legacy.endpoint.orElse("") : "");
        double rate = newer.samplingRate.isPresent() ? newer.samplingRate.getAsDouble()
                : legacy.samplingRate.orElse(0);
        List<ConfigException.Problem> problems = new ArrayList<>();
        boolean exporting = protocol == Protocol.GRPC || protocol == Protocol.HTTP_PROTOBUF
                || protocol == Protocol.ZIPKIN;
        if (exporting && endpoint.isEmpty()) {
            problems.add(protocolFromLegacy
                    ? new ConfigException.Problem(LegacyTracing.NAME, "zipkin-endpoint", "",
                            "must be set when backend is zipkin")
                    : new ConfigException.Problem(ObservabilityConfig.NAME, "tracing-endpoint", "",
                            "must be set when tracing-protocol is " + protocol));
        }
        if (!exporting && newer.endpoint.filter(e -> !e.isEmpty()).isPresent()) {
            problems.add(new ConfigException.Problem(ObservabilityConfig.NAME, "tracing-endpoint",
                    newer.endpoint.get(), "must not be set when tracing-protocol is " + protocol));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TracingConfig(protocol, endpoint, rate);
    }

    /**
     * The tracing keys one ConfigMap sets; each empty when that map does not set it.
     *
     * @param protocol the protocol or backend
     * @param endpoint the endpoint
     * @param samplingRate the sampling rate
     */
    public record Settings(Optional<Protocol> protocol, Optional<String> endpoint, OptionalDouble samplingRate) {

        /** Nothing set. */
        public static final Settings NONE = new Settings(Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }

    /** Parses a sampling rate: a number from 0 to 1. */
    static OptionalDouble rate(String value) {
        double rate = GoValues.parseFloat(value);
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        return OptionalDouble.of(rate);
    }

    /** Span export protocols: Knative's plus qnative's {@code zipkin}. */
    public enum Protocol {
        /** No tracing. */
        NONE("none"),
        /** OTLP over gRPC. */
        GRPC("grpc"),
        /** OTLP over HTTP with protobuf bodies. */
        HTTP_PROTOBUF("http/protobuf"),
        /** Spans written to standard output. */
        STDOUT("stdout"),
        /** Zipkin v2 JSON over HTTP (qnative). */
        ZIPKIN("zipkin");

        private final String text;

        Protocol(String text) {
            this.text = text;
        }

        static Protocol parse(String value) {
            for (Protocol p : values()) {
                if (p.text.equals(value.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("must be none, grpc, http/protobuf, stdout or zipkin");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
