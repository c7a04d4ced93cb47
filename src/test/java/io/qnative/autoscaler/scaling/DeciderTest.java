package io.qnative.autoscaler.scaling;

import static io.qnative.autoscaler.scaling.Fakes.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeciderTest {

    private final Fakes.Pods pods = new Fakes.Pods(0);
    private final Fakes.Metrics metrics = new Fakes.Metrics();

    /** One step of a decision sequence: ready pods, stable, panic, time → expected desired (−1 = invalid). */
    record Step(long t, int ready, double stable, double panic, int desired, boolean panicMode) {
    }

    private static Step step(long t, int ready, double stable, double panic, int desired, boolean panicMode) {
        return new Step(t, ready, stable, panic, desired, panicMode);
    }

    private List<Step> run(Decider d, Step... steps) {
        List<Step> got = new ArrayList<>();
        for (Step s : steps) {
            pods.ready = s.ready();
            metrics.set(s.stable(), s.panic());
            ScaleResult r = d.scale(at(s.t()));
            got.add(step(s.t(), s.ready(), s.stable(), s.panic(), r.valid() ? r.desiredPodCount() : -1,
                    d.inPanic()));
        }
        return got;
    }

    @Test
    void exampleASteadyStateWithDefaults() {
        pods.ready = 3;
        Decider d = new Decider(Fakes.defaults(), pods, metrics, at(0));
        metrics.set(150, 160);
        assertThat(d.scale(at(2))).isEqualTo(new ScaleResult(3, -71, true));
        metrics.set(150, 50);
        assertThat(d.scale(at(4))).isEqualTo(new ScaleResult(3, 39, true));
    }

    @Test
    void exampleBPanicAndRecovery() {
        DeciderSpec spec = Fakes.spec(10, 10 / 0.75, 93, 2, 10, 10, Duration.ofSeconds(60), Duration.ZERO, 0, true);
        pods.ready = 1;
        Decider d = new Decider(spec, pods, metrics, at(0));
        assertThat(run(d,
                step(0, 1, 100, 100, 10, true),
                step(0, 10, 100, 1000, 100, true),
                step(30, 10, 1, 1, 100, true),
                step(60, 10, 1, 1, 100, true),
                step(61, 10, 1, 1, 1, false)))
                .extracting(Step::desired, Step::panicMode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(10, true),
                        org.assertj.core.groups.Tuple.tuple(100, true),
                        org.assertj.core.groups.Tuple.tuple(100, true),
                        org.assertj.core.groups.Tuple.tuple(100, true),
                        org.assertj.core.groups.Tuple.tuple(1, false));
    }

    @Test
    void exampleCScaleDownDelayOnAbsoluteSlots() {
        DeciderSpec spec = Fakes.spec(1, 1, 0, 10, 1000, 2, Duration.ofSeconds(60), Duration.ofSeconds(10), 0, true);
        Decider d = new Decider(spec, pods, metrics, at(0));
        assertThat(run(d,
                step(1, 0, 5, 5, 5, false),
                step(3, 0, 0, 0, 5, false),
                step(9, 0, 0, 0, 5, false),
                step(10, 0, 0, 0, 0, false)))
                .extracting(Step::desired).containsExactly(5, 5, 5, 0);
    }

    static Stream<Arguments> sequences() {
        Duration w60 = Duration.ofSeconds(60);
        return Stream.of(
                Arguments.of("scale up limited by max-scale-up-rate × ready",
                        Fakes.spec(1, 1, 0, 100, 2, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 2, 100, 100, 4, false), step(2, 4, 100, 100, 8, false))),
                Arguments.of("a zero-pod revision grows from max(1, ready)",
                        Fakes.spec(1, 1, 0, 1000, 3, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 0, 100, 100, 3, false))),
                Arguments.of("scale down limited by max-scale-down-rate",
                        Fakes.spec(1, 1, 0, 2, 1000, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 10, 0, 0, 5, false), step(2, 5, 0, 0, 2, false),
                                step(4, 2, 0, 0, 1, false), step(6, 1, 0, 0, 0, false))),
                Arguments.of("unreachable scales down without limit and skips the delay window",
                        Fakes.spec(1, 1, 0, 2, 1000, 2, w60, Duration.ofSeconds(60), 0, false), 0,
                        List.of(step(0, 10, 0, 0, 0, false))),
                Arguments.of("scale to zero without traffic",
                        Fakes.spec(70, 100, 211, 2, 1000, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 1, 0, 0, 0, false))),
                Arguments.of("panic threshold is inclusive on the unclamped panic want",
                        Fakes.spec(10, 10, 0, 2, 1.5, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 2, 10, 40, 3, true), step(2, 3, 10, 10, 3, true),
                                step(60, 3, 10, 10, 3, true), step(61, 3, 10, 10, 1, false))),
                Arguments.of("panic takes the larger of stable and panic wants",
                        Fakes.spec(10, 10, 0, 2, 1000, 2, w60, Duration.ZERO, 0, true), 0,
                        List.of(step(0, 1, 10, 30, 3, true), step(2, 3, 80, 60, 8, true))),
                Arguments.of("a decider created with several ready pods starts in panic and holds them",
                        Fakes.spec(10, 10, 0, 2, 1000, 2, w60, Duration.ZERO, 0, true), 5,
                        List.of(step(2, 5, 0, 0, 5, true), step(60, 5, 0, 0, 5, true),
                                step(61, 5, 0, 0, 2, false))),
                Arguments.of("activation scale lifts non-zero wants after the rate limits",
                        Fakes.spec(1, 1, 0, 100, 2, 2, w60, Duration.ZERO, 5, true), 0,
                        List.of(step(0, 0, 1, 1, 5, false), step(2, 5, 0, 0, 2, false),
                                step(4, 2, 0, 0, 1, false), step(6, 1, 0, 0, 0, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void decisionSequences(String name, DeciderSpec spec, int readyAtCreation, List<Step> steps) {
        pods.ready = readyAtCreation;
        Decider d = new Decider(spec, pods, metrics, at(0));
        assertThat(run(d, steps.toArray(Step[]::new))).isEqualTo(steps);
    }

    @Test
    void noDataAndPodCountErrorsAreInvalidAndChangeNothing() {
        DeciderSpec spec = Fakes.spec(10, 10, 0, 2, 1000, 2, Duration.ofSeconds(60), Duration.ZERO, 0, true);
        pods.ready = 1;
        Decider d = new Decider(spec, pods, metrics, at(0));
        metrics.noData = true;
        assertThat(d.scale(at(2))).isEqualTo(ScaleResult.INVALID);
        metrics.set(100, 100);
        pods.error = new PodCounter.PodCountException("boom", false);
        assertThat(d.scale(at(4))).isEqualTo(ScaleResult.INVALID);
        assertThat(d.inPanic()).isFalse();
        pods.error = new PodCounter.PodCountException("gone", true);
        // not found counts as 0 pods: readyF 1, maxUp 1000, 10 pods, panic (10/1 >= 2)
        assertThat(d.scale(at(6))).isEqualTo(new ScaleResult(10, 0, true));
        assertThat(d.inPanic()).isTrue();
    }

    @Test
    void podCountErrorAtCreationCountsAsZero() {
        pods.error = new PodCounter.PodCountException("boom", false);
        Decider d = new Decider(Fakes.defaults(), pods, metrics, at(0));
        assertThat(d.inPanic()).isFalse();
    }

    static Stream<Arguments> burstCapacity() {
        return Stream.of(
                Arguments.of(0.0, 3, 50.0, 0),
                Arguments.of(-1.0, 3, 50.0, -1),
                Arguments.of(211.0, 0, 0.0, -211),
                Arguments.of(211.0, 3, 160.0, -71),
                Arguments.of(10.0, 1, 0.5, 89));
    }

    @ParameterizedTest(name = "tbc {0}, {1} ready, panic {2} -> {3}")
    @MethodSource
    void burstCapacity(double tbc, int ready, double panic, int expected) {
        DeciderSpec spec = Fakes.spec(70, 100, tbc, 2, 1000, 2, Duration.ofSeconds(60), Duration.ZERO, 0, true);
        assertThat(Decider.excessBurstCapacity(spec, ready, panic)).isEqualTo(expected);
    }

    @Test
    void rpsMetricReadsRps() {
        DeciderSpec spec = new DeciderSpec("rps", 140, 200, 0, 2, 1000, 2, 100, Duration.ofSeconds(60),
                Duration.ofSeconds(6), Duration.ZERO, 0, 1, true);
        pods.ready = 1;
        Decider d = new Decider(spec, pods, metrics, at(0));
        metrics.set(1000, 1000);
        metrics.rps = new io.qnative.autoscaler.metrics.Observation(200, 200);
        assertThat(d.scale(at(2)).desiredPodCount()).isEqualTo(2);
    }

    @Test
    void updateKeepsTheCreationTimeDelayWindow() {
        DeciderSpec noDelay = Fakes.spec(1, 1, 0, 10, 1000, 2, Duration.ofSeconds(60), Duration.ZERO, 0, true);
        Decider d = new Decider(noDelay, pods, metrics, at(0));
        d.update(Fakes.spec(1, 1, 0, 10, 1000, 2, Duration.ofSeconds(60), Duration.ofSeconds(30), 0, true));
        assertThat(run(d, step(0, 0, 5, 5, 5, false), step(2, 0, 0, 0, 0, false)))
                .extracting(Step::desired).containsExactly(5, 0);
    }
}
