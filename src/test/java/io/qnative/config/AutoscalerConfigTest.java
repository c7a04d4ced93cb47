package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AutoscalerConfigTest {

    @Test
    void emptyMapGivesKnativeDefaults() {
        AutoscalerConfig c = AutoscalerConfig.parse(Map.of("_example", "anything: 1"));
        assertThat(c).isEqualTo(AutoscalerConfig.DEFAULT);
        assertThat(c.containerConcurrencyTargetFraction()).isEqualTo(0.7);
        assertThat(c.targetBurstCapacity()).isEqualTo(211);
        assertThat(c.stableWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.podAutoscalerClass()).isEqualTo("kpa.autoscaling.knative.dev");
    }

    @Test
    void goodValues() {
        AutoscalerConfig c = AutoscalerConfig.parse(Map.ofEntries(
                Map.entry("enable-scale-to-zero", "false"),
                Map.entry("container-concurrency-target-percentage", "0.5"),
                Map.entry("container-concurrency-target-default", "10"),
                Map.entry("requests-per-second-target-default", "150"),
                Map.entry("target-burst-capacity", "-1"),
                Map.entry("stable-window", "1m30s"),
                Map.entry("panic-window-percentage", "20"),
                Map.entry("panic-threshold-percentage", "300"),
                Map.entry("max-scale-up-rate", "100"),
                Map.entry("max-scale-down-rate", "4"),
                Map.entry("scale-to-zero-grace-period", "45s"),
                Map.entry("scale-to-zero-pod-retention-period", "1m"),
                Map.entry("scale-down-delay", "15s"),
                Map.entry("activator-capacity", "50"),
                Map.entry("initial-scale", "0"),
                Map.entry("allow-zero-initial-scale", "true"),
                Map.entry("min-scale", "1"),
                Map.entry("max-scale", "5"),
                Map.entry("max-scale-limit", "10"),
                Map.entry("pod-autoscaler-class", "hpa.autoscaling.knative.dev"),
                Map.entry("unknown-key", "ignored")));
        assertThat(c).isEqualTo(new AutoscalerConfig(false, 0.5, 10, 150, -1, Duration.ofSeconds(90), 20, 300,
                100, 4, Duration.ofSeconds(45), Duration.ofMinutes(1), Duration.ofSeconds(15), 50, 0, true, 1, 5,
                10, "hpa.autoscaling.knative.dev"));
    }

    @ParameterizedTest
    @CsvSource({"70, 0.7", "0.7, 0.7", "1, 1.0", "100, 1.0", "50, 0.5"})
    void percentageBecomesFraction(String value, double fraction) {
        assertThat(AutoscalerConfig.parse(Map.of("container-concurrency-target-percentage", value))
                .containerConcurrencyTargetFraction()).isEqualTo(fraction);
    }

    @Test
    void messageNamesConfigMapKeyValueAndReason() {
        assertThat(Problems.of(AutoscalerConfig::parse, Map.of("max-scale-down-rate", "0.5")))
                .singleElement()
                .hasToString("config-autoscaler: \"max-scale-down-rate\" = \"0.5\": must be greater than 1");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(Problems.keys(AutoscalerConfig::parse, Map.of("max-scale-down-rate", "0.5",
                "stable-window", "2s", "enable-scale-to-zero", "yes")))
                .containsExactlyInAnyOrder("max-scale-down-rate", "stable-window", "enable-scale-to-zero");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("enable-scale-to-zero", "yes"),
                Arguments.of("container-concurrency-target-percentage", "0"),
                Arguments.of("container-concurrency-target-percentage", "101"),
                Arguments.of("container-concurrency-target-percentage", "abc"),
                Arguments.of("container-concurrency-target-default", "0.001"),
                Arguments.of("requests-per-second-target-default", "0.001"),
                Arguments.of("target-burst-capacity", "-2"),
                Arguments.of("stable-window", "5s"),
                Arguments.of("stable-window", "2h"),
                Arguments.of("stable-window", "6500ms"),
                Arguments.of("stable-window", "60"),
                Arguments.of("panic-window-percentage", "0.5"),
                Arguments.of("panic-window-percentage", "101"),
                Arguments.of("max-scale-up-rate", "1"),
                Arguments.of("max-scale-down-rate", "1.0"),
                Arguments.of("scale-to-zero-grace-period", "0s"),
                Arguments.of("scale-to-zero-pod-retention-period", "-1s"),
                Arguments.of("scale-down-delay", "-1s"),
                Arguments.of("scale-down-delay", "1500ms"),
                Arguments.of("activator-capacity", "0.5"),
                Arguments.of("initial-scale", "0"),
                Arguments.of("initial-scale", "-1"),
                Arguments.of("initial-scale", "1.5"),
                Arguments.of("min-scale", "-1"),
                Arguments.of("max-scale", "-1"),
                Arguments.of("max-scale-limit", "-1"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.of(AutoscalerConfig::parse, Map.of(key, value))).singleElement().satisfies(p -> {
            assertThat(p.configMap()).isEqualTo("config-autoscaler");
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.value()).isEqualTo(value);
        });
    }

    @Test
    void scaleBounds() {
        assertThat(Problems.keys(AutoscalerConfig::parse, Map.of("max-scale-limit", "10", "max-scale", "11")))
                .containsExactly("max-scale");
        assertThat(Problems.keys(AutoscalerConfig::parse, Map.of("max-scale-limit", "10")))
                .as("a limit needs a default max-scale").containsExactly("max-scale");
        assertThat(Problems.keys(AutoscalerConfig::parse, Map.of("min-scale", "3", "max-scale", "2")))
                .containsExactly("min-scale");
        assertThat(AutoscalerConfig.parse(Map.of("min-scale", "3")).minScale()).isEqualTo(3);
        assertThat(AutoscalerConfig.parse(Map.of("initial-scale", "0", "allow-zero-initial-scale", "true"))
                .initialScale()).isZero();
    }

    @Test
    void durationForms() {
        assertThat(AutoscalerConfig.parse(Map.of("stable-window", "0.1h")).stableWindow())
                .isEqualTo(Duration.ofMinutes(6));
        assertThat(AutoscalerConfig.parse(Map.of("scale-down-delay", "0")).scaleDownDelay()).isZero();
        assertThat(AutoscalerConfig.parse(Map.of("scale-to-zero-grace-period", "1m30s")).scaleToZeroGracePeriod())
                .isEqualTo(Duration.ofSeconds(90));
    }
}
