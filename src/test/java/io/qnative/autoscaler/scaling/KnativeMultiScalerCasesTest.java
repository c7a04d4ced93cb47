package io.qnative.autoscaler.scaling;

import static io.qnative.autoscaler.scaling.Fakes.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;

/**
 * Knative's MultiScaler cases replayed: {@code pkg/autoscaler/scaling/multiscaler_test.go}. Go drives a fake
 * UniScaler; here a real decider is driven into the same results through its pods and metrics (target 1, so the
 * desired scale is the stable concurrency), and the caller ticks. Knative's {@code newDecider} has initial scale 1.
 * Not replayed: {@code NumActivators} (qnative's gateway is one in-process activator, the subset size is computed
 * by the PodAutoscaler reconciler, not published by the decider) and {@code TestMultiScalerTickUpdate} (the
 * caller owns the tick).
 */
class KnativeMultiScalerCasesTest {

    private static final RevisionKey KEY = new RevisionKey("test-namespace", "test-revision");

    private final List<RevisionKey> informed = new ArrayList<>();
    private final Autoscalers ms = new Autoscalers(informed::add);
    private final Fakes.Pods pods = new Fakes.Pods(1);
    private final Fakes.Metrics metrics = new Fakes.Metrics();

    /** Target 1 with the given per-pod total and burst capacity. */
    private static DeciderSpec decider(double target, double total, double tbc) {
        return new DeciderSpec("concurrency", target, total, tbc, 2, 10, 10, 100, Duration.ofSeconds(60),
                Duration.ofSeconds(6), Duration.ZERO, 0, 1, true);
    }

    private void create(DeciderSpec spec) {
        ms.createOrUpdate(KEY, spec, pods, metrics, at(0));
    }

    @Test
    @DisplayName("TestMultiScalerScaling")
    void testMultiScalerScaling() {
        metrics.set(1, 1);
        assertThat(ms.decision(KEY)).as("before it exists").isEmpty();
        create(decider(1, 3, 0));
        Decision d = ms.decision(KEY).orElseThrow();
        assertThat(d.desiredScale()).isEqualTo(-1);
        assertThat(d.excessBurstCapacity()).isZero();
        ms.tick(at(2));
        assertThat(informed).containsExactly(KEY);
        assertThat(ms.decision(KEY).orElseThrow().desiredScale()).isEqualTo(1);
        // subsequent ticks do not inform: the desired scale has not changed
        ms.tick(at(4));
        assertThat(informed).hasSize(1);
        ms.delete(KEY);
        ms.tick(at(6));
        assertThat(informed).hasSize(1);
    }

    @Test
    @DisplayName("TestMultiscalerCreateTBC42")
    void testMultiscalerCreateTbc42() {
        create(decider(1, 25, 42));
        Decision d = ms.decision(KEY).orElseThrow();
        assertThat(d.desiredScale()).isEqualTo(-1);
        assertThat(d.excessBurstCapacity()).isEqualTo(25 - 42);
    }

    @Test
    @DisplayName("TestMultiscalerCreateTBCMinus1")
    void testMultiscalerCreateTbcMinus1() {
        create(decider(1, 25, -1));
        Decision d = ms.decision(KEY).orElseThrow();
        assertThat(d.desiredScale()).isEqualTo(-1);
        assertThat(d.excessBurstCapacity()).isEqualTo(-1);
    }

    @Test
    @DisplayName("TestMultiScalerOnlyCapacityChange")
    void testMultiScalerOnlyCapacityChange() {
        metrics.set(1, 1);
        // 1 ready × 3 − 1 − 1 = 1
        create(decider(1, 3, 1));
        ms.tick(at(2));
        assertThat(informed).containsExactly(KEY);
        assertThat(ms.decision(KEY).orElseThrow().excessBurstCapacity()).isEqualTo(1);
        // 1 × 3 − 3 − 1 = −1: the same desired scale, the sign changed
        create(decider(1, 3, 3));
        ms.tick(at(4));
        assertThat(informed).containsExactly(KEY, KEY);
        assertThat(ms.decision(KEY).orElseThrow()).extracting(Decision::desiredScale, Decision::excessBurstCapacity)
                .containsExactly(1, -1);
        ms.delete(KEY);
        ms.tick(at(6));
        assertThat(informed).hasSize(2);
    }

    @Test
    @DisplayName("TestMultiScalerScaleToZero")
    void testMultiScalerScaleToZero() {
        metrics.set(0, 0);
        create(decider(1, 3, 0));
        ms.tick(at(2));
        assertThat(informed).containsExactly(KEY);
        assertThat(ms.decision(KEY).orElseThrow().desiredScale()).isZero();
        ms.delete(KEY);
        ms.tick(at(4));
        assertThat(informed).hasSize(1);
    }

    @Test
    @DisplayName("TestMultiScalerScaleFromZero")
    void testMultiScalerScaleFromZero() {
        metrics.set(0, 0);
        create(decider(1, 3, 0));
        ms.tick(at(2));
        assertThat(ms.decision(KEY).orElseThrow().desiredScale()).isZero();
        informed.clear();
        metrics.set(1, 1);
        // a tick even without ticking
        ms.poke(KEY, new Stat(KEY.namespace(), KEY.name(), "test-pod", 1, 1, at(3)), at(3));
        assertThat(informed).containsExactly(KEY);
        assertThat(ms.decision(KEY).orElseThrow().desiredScale()).isEqualTo(1);
    }

    @Test
    @DisplayName("TestMultiScalerUpdate")
    void testMultiScalerUpdate() {
        create(decider(1, 3, 0));
        assertThat(ms.spec(KEY).orElseThrow().targetValue()).isEqualTo(1.0);
        create(decider(10, 3, 0));
        assertThat(ms.spec(KEY).orElseThrow().targetValue()).isEqualTo(10.0);
    }

    @ParameterizedTest(name = "TestSameSign: {0} <=> {1}")
    @CsvSource({"1982, 1984, true", "-1984, -1988, true", "-1988, 2006, false", "-2006, 2009, false",
        "0, 1, true", "0, -42, false"})
    void testSameSign(int a, int b, boolean want) {
        assertThat(Autoscalers.sameSign(a, b)).isEqualTo(want);
    }
}
