package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qnative.config.TracingConfig.Protocol;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservabilityConfigTest {

    @Test
    void defaultsMeanNoTracingAndNoLogUrl() {
        ObservabilityConfig c = ObservabilityConfig.parse(Map.of());
        assertThat(c).isEqualTo(ObservabilityConfig.DEFAULT);
        assertThat(c.tracing()).isEqualTo(TracingConfig.NONE);
        assertThat(c.tracing().enabled()).isFalse();
        assertThat(c.logUrl("uid")).isEmpty();
        assertThat(c.metrics()).isEqualTo(ObservabilityConfig.MetricsExport.NONE);
        assertThat(c.runtimeExportInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void revisionUrlTemplate() {
        ObservabilityConfig c = ObservabilityConfig.parse(Map.of("logging.revision-url-template",
                "http://logs.example/?q=${REVISION_UID}\n"));
        assertThat(c.logUrl("1234")).contains("http://logs.example/?q=1234");
    }

    @Test
    void zipkinTracing() {
        TracingConfig t = ObservabilityConfig.parse(Map.of("tracing-protocol", "zipkin",
                "tracing-endpoint", "http://zipkin.observability:9411/api/v2/spans",
                "tracing-sampling-rate", "0.5")).tracing();
        assertThat(t).isEqualTo(new TracingConfig(Protocol.ZIPKIN, "http://zipkin.observability:9411/api/v2/spans",
                0.5));
    }

    @Test
    void blankEndpointMeansUnset() {
        TracingConfig.Settings legacy = LegacyTracing.parse(Map.of("backend", "zipkin", "zipkin-endpoint", "http://z"));
        assertThat(ObservabilityConfig.parse(Map.of("tracing-endpoint", ""), legacy).tracing().endpoint())
                .isEqualTo("http://z");
    }

    @Test
    void legacyTracingFillsInWhatTheNewKeysLeaveOut() {
        TracingConfig.Settings legacy = LegacyTracing.parse(Map.of("backend", "zipkin",
                "zipkin-endpoint", "http://old:9411/api/v2/spans", "sample-rate", "0.2"));
        assertThat(ObservabilityConfig.parse(Map.of(), legacy).tracing())
                .isEqualTo(new TracingConfig(Protocol.ZIPKIN, "http://old:9411/api/v2/spans", 0.2));
        assertThat(ObservabilityConfig.parse(Map.of("tracing-sampling-rate", "1"), legacy).tracing())
                .isEqualTo(new TracingConfig(Protocol.ZIPKIN, "http://old:9411/api/v2/spans", 1.0));
        assertThat(ObservabilityConfig.parse(Map.of("tracing-protocol", "none"), legacy).tracing().protocol())
                .as("the newer key wins").isEqualTo(Protocol.NONE);
        assertThat(ObservabilityConfig.parse(Map.of("tracing-endpoint", "http://new:9411/api/v2/spans"), legacy)
                .tracing().endpoint()).isEqualTo("http://new:9411/api/v2/spans");
    }

    @Test
    void legacyBackendDefaultsItsSampleRate() {
        TracingConfig.Settings legacy = LegacyTracing.parse(Map.of("backend", "zipkin", "zipkin-endpoint", "http://z"));
        assertThat(ObservabilityConfig.parse(Map.of(), legacy).tracing().samplingRate()).isEqualTo(0.1);
        TracingConfig.Settings none = LegacyTracing.parse(Map.of("backend", "none", "zipkin-endpoint", "http://z"));
        assertThat(ObservabilityConfig.parse(Map.of(), none).tracing()).isEqualTo(new TracingConfig(Protocol.NONE,
                "", 0.1));
    }

    @Test
    void exportingWithoutEndpointIsReported() {
        assertThat(Problems.of(ObservabilityConfig::parse, Map.of("tracing-protocol", "grpc")))
                .singleElement().hasToString(
                        "config-observability: \"tracing-endpoint\" = \"\": must be set when tracing-protocol is grpc");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> LegacyTracing.parse(Map.of("backend", "zipkin")));
        assertThat(e).isNull();
        e = catchThrowableOfType(ConfigException.class, () -> ObservabilityConfig.DEFAULT.withLegacyTracing(
                LegacyTracing.parse(Map.of("backend", "zipkin"))));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.configMap()).isEqualTo("config-tracing");
            assertThat(p.key()).isEqualTo("zipkin-endpoint");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tracing-protocol|jaeger",
        "tracing-sampling-rate|1.5",
        "tracing-sampling-rate|-0.1",
        "tracing-sampling-rate|half",
        "metrics-protocol|statsd",
        "metrics-export-interval|-1s",
        "request-metrics-protocol|opencensus",
        "request-metrics-export-interval|soon",
        "runtime-profiling|on",
        "runtime-export-interval|x",
        "logging.enable-request-log|yes",
        "logging.enable-probe-request-log|yes",
        "logging.enable-var-log-collection|yes",
        "logging.request-log-template|{{.Request.Method}",
    })
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.keys(ObservabilityConfig::parse, Map.of(key, value))).containsExactly(key);
    }

    @Test
    void crossKeyRules() {
        assertThat(Problems.keys(ObservabilityConfig::parse, Map.of("tracing-protocol", "stdout",
                "tracing-endpoint", "http://x"))).containsExactly("tracing-endpoint");
        assertThat(Problems.keys(ObservabilityConfig::parse, Map.of("metrics-protocol", "grpc")))
                .containsExactly("metrics-endpoint");
        assertThat(Problems.keys(ObservabilityConfig::parse, Map.of("request-metrics-endpoint", "http://x")))
                .containsExactly("request-metrics-endpoint");
        assertThat(Problems.keys(ObservabilityConfig::parse, Map.of("logging.enable-request-log", "true",
                "logging.request-log-template", ""))).containsExactly("logging.request-log-template");
        assertThat(ObservabilityConfig.parse(Map.of("metrics-protocol", "prometheus")).metrics().protocol())
                .isEqualTo("prometheus");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"backend|jaeger", "sample-rate|2", "debug|maybe"})
    void malformedLegacyTracing(String key, String value) {
        assertThat(Problems.keys(LegacyTracing::parse, Map.of(key, value))).containsExactly(key);
    }
}
