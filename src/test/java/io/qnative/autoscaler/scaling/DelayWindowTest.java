package io.qnative.autoscaler.scaling;

import static io.qnative.autoscaler.scaling.Fakes.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DelayWindowTest {

    @Test
    void slotsRoundTheDelayUpToTwoSeconds() {
        assertThat(new DelayWindow(Duration.ofSeconds(10)).slots()).isEqualTo(5);
        assertThat(new DelayWindow(Duration.ofSeconds(11)).slots()).isEqualTo(6);
        assertThat(new DelayWindow(Duration.ofSeconds(1)).slots()).isEqualTo(1);
    }

    @Test
    void aValueRecordedOnAnEvenSecondLastsTheFullDelay() {
        DelayWindow w = new DelayWindow(Duration.ofSeconds(10));
        w.record(at(0), 5);
        w.record(at(8), 0);
        assertThat(w.current()).isEqualTo(5);
        w.record(at(9), 0);
        assertThat(w.current()).isEqualTo(5);
        w.record(at(10), 0);
        assertThat(w.current()).isZero();
    }

    @Test
    void increasesPassAtOnceAndOneSlotKeepsItsLargest() {
        DelayWindow w = new DelayWindow(Duration.ofSeconds(4));
        w.record(at(0), 2);
        w.record(at(1), 7);
        assertThat(w.current()).isEqualTo(7);
        w.record(at(1), 3);
        assertThat(w.current()).isEqualTo(7);
        w.record(at(4), 3);
        assertThat(w.current()).isEqualTo(3);
        w.record(at(6), 1);
        assertThat(w.current()).isEqualTo(3);
        w.record(at(8), 1);
        assertThat(w.current()).isEqualTo(1);
    }
}
