package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoValuesTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "60s, 60000000000",
        "1m30s, 90000000000",
        "1.5h, 5400000000000",
        "500ms, 500000000",
        "2us, 2000",
        "2µs, 2000",
        "7ns, 7",
        "-2s, -2000000000",
        "+3s, 3000000000",
        "1h2m3s4ms, 3723004000000",
        ".5s, 500000000",
        "1.s, 1000000000",
        "0s, 0",
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoValues.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "60", "s", "1x", "1.2.3s", " 1s", "1s ", "1d", "-", "1 s", "9999999999h"})
    void refusesOtherDurations(String text) {
        assertThatThrownBy(() -> GoValues.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "true", "TRUE", "True"})
    void goTrue(String text) {
        assertThat(GoValues.parseBool(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "false", "FALSE", "False"})
    void goFalse(String text) {
        assertThat(GoValues.parseBool(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "tRUE", "", " true", "on", "2"})
    void refusesOtherBooleans(String text) {
        assertThatThrownBy(() -> GoValues.parseBool(text)).hasMessage("must be a boolean (true or false)");
    }

    @Test
    void integers() {
        assertThat(GoValues.parseInt32("+42")).isEqualTo(42);
        assertThat(GoValues.parseInt32("-7")).isEqualTo(-7);
        assertThat(GoValues.parseInt64("9000000000")).isEqualTo(9_000_000_000L);
        assertThatThrownBy(() -> GoValues.parseInt32("9000000000")).hasMessage("must be a 32-bit integer");
        assertThatThrownBy(() -> GoValues.parseInt32("1.5")).hasMessage("must be an integer");
        assertThatThrownBy(() -> GoValues.parseInt32("1_000")).hasMessage("must be an integer");
        assertThatThrownBy(() -> GoValues.parseInt64("")).hasMessage("must be an integer");
    }

    @Test
    void floats() {
        assertThat(GoValues.parseFloat("70")).isEqualTo(70.0);
        assertThat(GoValues.parseFloat("0.7")).isEqualTo(0.7);
        assertThat(GoValues.parseFloat("1e2")).isEqualTo(100.0);
        assertThat(GoValues.parseFloat("-1")).isEqualTo(-1.0);
        assertThat(GoValues.parseFloat(".5")).isEqualTo(0.5);
        assertThatThrownBy(() -> GoValues.parseFloat("NaN")).hasMessage("must be a number");
        assertThatThrownBy(() -> GoValues.parseFloat("1f")).hasMessage("must be a number");
        assertThatThrownBy(() -> GoValues.parseFloat("1e400")).hasMessage("must be a finite number");
        assertThatThrownBy(() -> GoValues.parseFloat(" 1")).hasMessage("must be a number");
    }

    @ParameterizedTest
    @CsvSource({"0s, 0", "1m30s, 90000000000", "1h0m0s, 3600000000000", "500ms, 500000000", "1.5s, 1500000000",
        "-2s, -2000000000", "7ns, 7"})
    void formatsLikeGo(String text, long nanos) {
        assertThat(GoValues.formatDuration(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}
