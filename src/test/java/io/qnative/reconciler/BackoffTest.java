package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromBaseUpToMax() {
        Backoff b = Backoff.DEFAULT;
        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(5));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(b.delay(10)).isEqualTo(Duration.ofMillis(5120));
        assertThat(b.delay(30)).isEqualTo(Duration.ofSeconds(1000));
        assertThat(b.delay(500)).isEqualTo(Duration.ofSeconds(1000));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
