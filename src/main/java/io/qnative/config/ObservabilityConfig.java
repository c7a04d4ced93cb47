package io.qnative.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code config-observability}: logging, metrics export and tracing settings, Knative's keys and defaults
 * (knative.dev/pkg observability + serving's logging keys), plus qnative's {@code tracing-protocol: zipkin}.
 *
 * <p>{@link #tracing()} is the effective tracing configuration: this map's {@code tracing-*} keys merged with the
 * legacy {@code config-tracing} map ({@link LegacyTracing}), the newer keys winning. qnative always serves
 * Prometheus metrics at {@code /q/metrics}; the {@code metrics-*} keys are parsed and validated for
 * compatibility.
 *
 * @param revisionUrlTemplate {@code logging.revision-url-template}; {@code ${REVISION_UID}} is replaced
 * @param enableVarLogCollection {@code logging.enable-var-log-collection}
 * @param requestLogTemplate {@code logging.request-log-template}
 * @param enableRequestLog {@code logging.enable-request-log}
 * @param enableProbeRequestLog {@code logging.enable-probe-request-log}
 * @param metrics {@code metrics-protocol}, {@code metrics-endpoint}, {@code metrics-export-interval}
 * @param requestMetrics the same keys prefixed {@code request-}
 * @param runtimeProfiling {@code runtime-profiling}: {@code enabled} or {@code disabled}
 * @param runtimeExportInterval {@code runtime-export-interval}
 * @param tracingSettings the {@code tracing-*} keys this map sets
 * @param tracing the effective tracing configuration
 */
public record ObservabilityConfig(
        String revisionUrlTemplate,
        boolean enableVarLogCollection,
        String requestLogTemplate,
        boolean enableRequestLog,
        boolean enableProbeRequestLog,
        MetricsExport metrics,
        MetricsExport requestMetrics,
        boolean runtimeProfiling,
        Duration runtimeExportInterval,
        TracingConfig.Settings tracingSettings,
        TracingConfig tracing) {

    /** The ConfigMap name. */
    public static final String NAME = "config-observability";

    /** Knative's default request log line. */
    public static final String DEFAULT_REQUEST_LOG_TEMPLATE = "{\"httpRequest\": {\"requestMethod\": "
            + "\"{{.Request.Method}}\", \"requestUrl\": \"{{js .Request.RequestURI}}\", \"requestSize\": "
            + "\"{{.Request.ContentLength}}\", \"status\": {{.Response.Code}}, \"responseSize\": "
            + "\"{{.Response.Size}}\", \"userAgent\": \"{{js .Request.UserAgent}}\", \"remoteIp\": "
            + "\"{{js .Request.RemoteAddr}}\", \"serverIp\": \"{{.Revision.PodIP}}\", \"referer\": "
            + "\"{{js .Request.Referer}}\", \"latency\": \"{{.Response.Latency}}s\", \"protocol\": "
            + "\"{{.Request.Proto}}\"}, \"traceId\": \"{{.TraceID}}\"}";

    /** Knative's defaults: no log URL, no metrics export, no tracing. */
    public static final ObservabilityConfig DEFAULT = new ObservabilityConfig("", false,
            DEFAULT_REQUEST_LOG_TEMPLATE, false, false, MetricsExport.NONE, MetricsExport.NONE, false,
            Duration.ofSeconds(15), TracingConfig.Settings.NONE, TracingConfig.NONE);

    /** The Revision's {@code status.logUrl}, empty when no template is configured. */
    public Optional<String> logUrl(String revisionUid) {
        return revisionUrlTemplate.isEmpty() ? Optional.empty()
                : Optional.of(revisionUrlTemplate.replace("${REVISION_UID}", revisionUid));
    }

    /**
     * The same map merged with other legacy config-tracing keys.
     *
     * @throws ConfigException when the merged tracing settings are inconsistent
     */
    public ObservabilityConfig withLegacyTracing(TracingConfig.Settings legacy) {
        return new ObservabilityConfig(revisionUrlTemplate, enableVarLogCollection, requestLogTemplate,
                enableRequestLog, enableProbeRequestLog, metrics, requestMetrics, runtimeProfiling,
                runtimeExportInterval, tracingSettings, TracingConfig.merge(tracingSettings, legacy));
    }

    /** Parses without legacy config-tracing keys; see {@link #parse(Map, TracingConfig.Settings)}. */
    public static ObservabilityConfig parse(Map<String, String> data) {
        return parse(data, TracingConfig.Settings.NONE);
    }

    /**
     * Parses and validates the map, merging tracing with the legacy config-tracing keys.
     *
     * @throws ConfigException with every invalid key
     */
    public static ObservabilityConfig parse(Map<String, String> data, TracingConfig.Settings legacy) {
        MapReader r = new MapReader(NAME, data);
        ObservabilityConfig config = read(r);
        r.throwIfProblems();
        return config.withLegacyTracing(legacy);
    }

    static ObservabilityConfig read(MapReader r) {
        ObservabilityConfig d = DEFAULT;
        String requestLogTemplate = r.typed(d.requestLogTemplate, ObservabilityConfig::checkTemplate,
                "logging.request-log-template");
        boolean enableRequestLog = r.bool(d.enableRequestLog, "logging.enable-request-log");
        if (enableRequestLog && requestLogTemplate.isEmpty()) {
            r.problemAt("logging.request-log-template", "must be set when logging.enable-request-log is true");
        }
        TracingConfig.Settings tracing = new TracingConfig.Settings(
                r.typed(Optional.empty(), v -> Optional.of(TracingConfig.Protocol.parse(v)), "tracing-protocol"),
                r.raw("tracing-endpoint").filter(e -> !e.isBlank()),
                r.typed(OptionalDouble.empty(), TracingConfig::rate, "tracing-sampling-rate"));
        return new ObservabilityConfig(
                r.string(d.revisionUrlTemplate, "logging.revision-url-template").strip(),
                r.bool(d.enableVarLogCollection, "logging.enable-var-log-collection"),
                requestLogTemplate,
                enableRequestLog,
                r.bool(d.enableProbeRequestLog, "logging.enable-probe-request-log"),
                MetricsExport.read(r, ""),
                MetricsExport.read(r, "request-"),
                r.typed(d.runtimeProfiling, ObservabilityConfig::profiling, "runtime-profiling"),
                nonNegative(r, r.duration(d.runtimeExportInterval, "runtime-export-interval"),
                        "runtime-export-interval"),
                tracing,
                TracingConfig.NONE);
    }

    private static String checkTemplate(String template) {
        int depth = 0;
        for (int i = 0; i + 1 < template.length(); i++) {
            if (template.startsWith("{{", i)) {
                if (depth > 0) {
                    throw new IllegalArgumentException("is not a valid Go template: nested {{");
                }
                depth++;
                i++;
            } else if (template.startsWith("}}", i) && depth > 0) {
                depth--;
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("is not a valid Go template: unclosed action");
        }
        return template;
    }

    private static boolean profiling(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "enabled":
                return true;
            case "disabled":
                return false;
            default:
                throw new IllegalArgumentException("must be enabled or disabled");
        }
    }

    private static Duration nonNegative(MapReader r, Duration d, String key) {
        if (d.isNegative()) {
            r.problemAt(key, "must not be negative");
        }
        return d;
    }

    /**
     * Where one family of metrics is exported.
     *
     * @param protocol {@code none}, {@code prometheus}, {@code grpc} or {@code http/protobuf}
     * @param endpoint the endpoint (required for grpc and http/protobuf, refused for none)
     * @param exportInterval how often (0 = the exporter's default)
     */
    public record MetricsExport(String protocol, String endpoint, Duration exportInterval) {

        /** Knative's default: no export. */
        public static final MetricsExport NONE = new MetricsExport("none", "", Duration.ZERO);

        static MetricsExport read(MapReader r, String prefix) {
            String protocolKey = prefix + "metrics-protocol";
            String endpointKey = prefix + "metrics-endpoint";
            String protocol = r.string(NONE.protocol, protocolKey);
            String endpoint = r.string("", endpointKey);
            Duration interval = nonNegative(r, r.duration(Duration.ZERO, prefix + "metrics-export-interval"),
                    prefix + "metrics-export-interval");
            switch (protocol) {
                case "grpc", "http/protobuf":
                    if (endpoint.isEmpty()) {
                        r.problemAt(endpointKey, "must be set when " + protocolKey + " is " + protocol);
                    }
                    break;
                case "none":
                    if (!endpoint.isEmpty()) {
                        r.problemAt(endpointKey, "must not be set when " + protocolKey + " is none");
                    }
                    break;
                case "prometheus":
                    break;
                default:
                    r.problemAt(protocolKey, "must be none, prometheus, grpc or http/protobuf");
                    return NONE;
            }
            return new MetricsExport(protocol, endpoint, interval);
        }
    }
}
