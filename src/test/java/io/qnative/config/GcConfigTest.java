package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcConfigTest {

    @Test
    void emptyMapGivesKnativeDefaults() {
        assertThat(GcConfig.parse(Map.of())).isEqualTo(new GcConfig(Optional.of(Duration.ofHours(48)),
                Optional.of(Duration.ofHours(15)), 20, OptionalLong.of(1000)));
        assertThat(GcConfig.DEFAULT.isNoOp()).isFalse();
    }

    @Test
    void disabledSwitchesBoundsOff() {
        GcConfig c = GcConfig.parse(Map.of("retain-since-create-time", "disabled",
                "retain-since-last-active-time", "Disabled", "max-non-active-revisions", "DISABLED",
                "min-non-active-revisions", "5000"));
        assertThat(c.retainSinceCreateTime()).isEmpty();
        assertThat(c.retainSinceLastActiveTime()).isEmpty();
        assertThat(c.maxNonActiveRevisions()).isEmpty();
        assertThat(c.minNonActiveRevisions()).as("no max, so no min <= max rule").isEqualTo(5000);
        assertThat(c.isNoOp()).isTrue();
    }

    @Test
    void goodValuesAndEmptyMeansDefault() {
        GcConfig c = GcConfig.parse(Map.of("retain-since-create-time", "1h30m", "retain-since-last-active-time", "",
                "min-non-active-revisions", "0", "max-non-active-revisions", "3"));
        assertThat(c.retainSinceCreateTime()).contains(Duration.ofMinutes(90));
        assertThat(c.retainSinceLastActiveTime()).contains(Duration.ofHours(15));
        assertThat(c.minNonActiveRevisions()).isZero();
        assertThat(c.maxNonActiveRevisions()).hasValue(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "retain-since-create-time|48",
        "retain-since-create-time|-1h",
        "retain-since-last-active-time|off",
        "min-non-active-revisions|-1",
        "min-non-active-revisions|disabled",
        "min-non-active-revisions|1001",
        "max-non-active-revisions|-3",
        "max-non-active-revisions|lots",
    })
    void malformedValueIsReportedUnderItsKey(String key, String value) {
        assertThat(Problems.keys(GcConfig::parse, Map.of(key, value))).containsExactly(key);
    }

    @Test
    void minMustNotExceedMax() {
        assertThat(Problems.of(GcConfig::parse, Map.of("min-non-active-revisions", "10",
                "max-non-active-revisions", "5"))).singleElement()
                .hasToString("config-gc: \"min-non-active-revisions\" = \"10\": "
                        + "must not be greater than max-non-active-revisions (5)");
    }
}
