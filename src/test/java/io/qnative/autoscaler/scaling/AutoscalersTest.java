package io.qnative.autoscaler.scaling;

import static io.qnative.autoscaler.scaling.Fakes.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.metrics.Stat;

class AutoscalersTest {

    private static final RevisionKey KEY = new RevisionKey("ns", "rev");
    private final List<RevisionKey> informed = new ArrayList<>();
    private final Autoscalers autoscalers = new Autoscalers(informed::add);
    private final Fakes.Pods pods = new Fakes.Pods(0);
    private final Fakes.Metrics metrics = new Fakes.Metrics();

    @Test
    void aNewDeciderPublishesUnknownScaleAndTheInitialBurstCapacity() {
        autoscalers.createOrUpdate(KEY, Fakes.defaults(), pods, metrics, at(0));
        Decision d = autoscalers.decision(KEY).orElseThrow();
        assertThat(d.desiredScale()).isEqualTo(-1);
        // trunc(1 × 100 − 211)
        assertThat(d.excessBurstCapacity()).isEqualTo(-111);
        assertThat(Autoscalers.initialEbc(Fakes.spec(70, 100, 0, 2, 1000, 2, Duration.ofSeconds(60),
                Duration.ZERO, 0, true))).isZero();
        assertThat(Autoscalers.initialEbc(Fakes.spec(70, 100, 50.5, 2, 1000, 2, Duration.ofSeconds(60),
                Duration.ZERO, 0, true))).isEqualTo(49);
    }

    @Test
    void informsOnlyWhenTheScaleOrTheSignOfTheBurstCapacityChanges() {
        autoscalers.createOrUpdate(KEY, Fakes.defaults(), pods, metrics, at(0));
        pods.ready = 1;
        metrics.set(0, 0);
        autoscalers.tick(at(2));
        assertThat(informed).containsExactly(KEY);
        assertThat(autoscalers.decision(KEY).orElseThrow().desiredScale()).isZero();
        autoscalers.tick(at(4));
        assertThat(informed).hasSize(1);
        metrics.noData = true;
        autoscalers.tick(at(6));
        assertThat(informed).hasSize(1);
        assertThat(autoscalers.decision(KEY).orElseThrow().desiredScale()).isZero();
    }

    @Test
    void aPokeDecidesAtOnceOnlyAtZeroAndWithConcurrency() {
        autoscalers.createOrUpdate(KEY, Fakes.defaults(), pods, metrics, at(0));
        Stat busy = new Stat("ns", "rev", "gw", 1, 1, at(3));
        autoscalers.poke(KEY, busy, at(3));
        assertThat(informed).isEmpty(); // unknown scale (-1) is not zero
        autoscalers.tick(at(2));
        informed.clear();
        metrics.set(1, 1);
        autoscalers.poke(KEY, new Stat("ns", "rev", "gw", 0, 1, at(3)), at(3));
        assertThat(informed).isEmpty();
        autoscalers.poke(KEY, busy, at(3));
        assertThat(informed).containsExactly(KEY);
        assertThat(autoscalers.decision(KEY).orElseThrow().desiredScale()).isEqualTo(1);
    }

    @Test
    void updateReplacesParametersAndDeleteForgets() {
        autoscalers.createOrUpdate(KEY, Fakes.defaults(), pods, metrics, at(0));
        DeciderSpec next = Fakes.spec(1, 1, 0, 2, 1000, 2, Duration.ofSeconds(60), Duration.ZERO, 0, true);
        autoscalers.createOrUpdate(KEY, next, pods, metrics, at(1));
        assertThat(autoscalers.spec(KEY)).contains(next);
        autoscalers.delete(KEY);
        assertThat(autoscalers.keys()).isEmpty();
        assertThat(autoscalers.decide(KEY, at(2)).valid()).isFalse();
    }
}
