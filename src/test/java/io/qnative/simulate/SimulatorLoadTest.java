package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

/**
 * Load traces: per-second load through the metric windows, a decision every tick, the reconciler's gating and
 * simulated pods that become ready {@code podStartSeconds} after they were asked for.
 */
class SimulatorLoadTest {

    @Test
    void loadScalesUpAndPodsBecomeReadyAfterTheirStartDelay() throws Exception {
        // Defaults: target 70 per pod. 280 concurrent requests from t=0 on one ready pod.
        Simulation sim = Traces.simulate("""
                {"podStartSeconds": 5, "initialReadyPods": 1, "samples": [
                  {"t": 0, "concurrency": 280, "rps": 10}, {"t": 10, "concurrency": 280, "rps": 10}]}
                """);
        // Decisions every 2 s from creation (t=0): the first at t=2.
        assertThat(sim.records()).extracting(Simulation.Record::t).containsExactly(2.0, 4.0, 6.0, 8.0, 10.0);
        // ceil(280 / 70) = 4, and 4 / 1 ready ≥ 2: panic. The 3 new pods, asked for at t=2, are ready at t=7.
        assertThat(sim.records()).extracting(Simulation.Record::stable, Simulation.Record::deciderPods,
                Simulation.Record::desiredPods, Simulation.Record::readyPods, Simulation.Record::panicMode)
                .containsExactly(tuple(280.0, 4, 4, 1, true), tuple(280.0, 4, 4, 1, true),
                        tuple(280.0, 4, 4, 1, true), tuple(280.0, 4, 4, 4, true), tuple(280.0, 4, 4, 4, true));
        // EBC = floor(ready × 100 − 211 − panic)
        assertThat(Traces.at(sim, 2).excessBurstCapacity()).isEqualTo((int) Math.floor(100 - 211 - 280.0));
        assertThat(Traces.at(sim, 8).excessBurstCapacity()).isEqualTo((int) Math.floor(400 - 211 - 280.0));
    }

    @Test
    void youngWindowsAverageOverTheirFilledSeconds() throws Exception {
        // 70 at t=0..3, then 140; one ready pod recorded as idle scrapes in between.
        Simulation sim = Traces.simulate("""
                {"initialReadyPods": 1, "samples": [
                  {"t": 0, "concurrency": 70}, {"t": 4, "concurrency": 140}, {"t": 6, "concurrency": 140}]}
                """);
        // t=2: (70 × 3) / 3 s; t=4: (70 × 4 + 140) / 5 s; t=6: (280 + 140 × 3) / 7 s, rounded to 6 decimals.
        assertThat(sim.records()).extracting(Simulation.Record::stable)
                .containsExactly(70.0, 84.0, Math.floor(700.0 / 7 * 1e6) / 1e6);
        // the 6 s panic window at t=6 holds seconds 1..6: (70 × 3 + 140 × 3) / 6
        assertThat(Traces.at(sim, 6).panic()).isEqualTo(105.0);
    }

    @Test
    void anIdleRevisionKeepsOnePodForAStableWindowThenScalesToZero() throws Exception {
        Simulation sim = Traces.simulate("""
                {"initialReadyPods": 1, "samples": [{"t": 0, "concurrency": 0}, {"t": 70, "concurrency": 0}]}
                """);
        // The decider wants 0 at once; the reconciler keeps 1 pod until the PA has been Active for a stable
        // window (60 s), then it goes Inactive (desired 0, not yet applied). The gateway has been in the path
        // since t=0 (negative excess burst capacity), so the grace period is over and the next pass applies 0.
        assertThat(Traces.at(sim, 2).deciderPods()).isZero();
        assertThat(sim.records()).filteredOn(r -> r.t() < 60).extracting(Simulation.Record::desiredPods)
                .containsOnly(1);
        assertThat(Traces.at(sim, 60).desiredPods()).isZero();
        assertThat(Traces.at(sim, 60).readyPods()).isEqualTo(1);
        assertThat(Traces.at(sim, 62).readyPods()).isZero();
    }

    @Test
    void minScaleHoldsPodsWithoutLoad() throws Exception {
        Simulation sim = Traces.simulate("""
                {"annotations": {"min-scale": "2"}, "initialReadyPods": 2,
                 "samples": [{"t": 0}, {"t": 120}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::desiredPods).containsOnly(2);
        assertThat(sim.records()).extracting(Simulation.Record::readyPods).containsOnly(2);
        // created with 2 ready pods the decider starts in panic, holding 2 for a stable window; then the
        // scale-down rate (2) lets it go to floor(2 / 2) = 1, below min-scale
        assertThat(Traces.at(sim, 60).deciderPods()).isEqualTo(2);
        assertThat(Traces.at(sim, 62).deciderPods()).isEqualTo(1);
    }

    @Test
    void loadForARevisionAtZeroDecidesAtOnce() throws Exception {
        // Idle until it is at zero (t=60), then load arrives at an odd second: the poke decides at t=101.
        Simulation sim = Traces.simulate("""
                {"podStartSeconds": 2, "initialReadyPods": 1, "samples": [
                  {"t": 0}, {"t": 101, "concurrency": 10}, {"t": 110, "concurrency": 10}]}
                """);
        Simulation.Record poke = Traces.at(sim, 101);
        assertThat(poke.deciderPods()).isEqualTo(1);
        assertThat(poke.desiredPods()).isEqualTo(1);
        assertThat(Traces.at(sim, 100).deciderPods()).isZero();
        assertThat(Traces.at(sim, 104).readyPods()).isEqualTo(1);
    }

    @Test
    void aRevisionThatNeverSawDataHasNoDecision() throws Exception {
        // No ready pods, so nothing is scraped: "no data" (target-burst-capacity ≠ -1) makes every decision invalid.
        Simulation sim = Traces.simulate("""
                {"config": {"initial-scale": "0", "allow-zero-initial-scale": "true"},
                 "samples": [{"t": 0}, {"t": 10}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::valid).containsOnly(false);
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods).containsOnly(-1);
    }

    @Test
    void givenReadyPodsReplaceTheSimulatedOnes() throws Exception {
        Simulation sim = Traces.simulate("""
                {"initialReadyPods": 1, "podStartSeconds": 10, "samples": [
                  {"t": 0, "concurrency": 70, "readyPods": 3}, {"t": 4, "concurrency": 70}]}
                """);
        assertThat(Traces.at(sim, 2).readyPods()).isEqualTo(3);
        assertThat(Traces.at(sim, 4).readyPods()).isEqualTo(1);
    }

    @Test
    void theTickIsConfigurable() throws Exception {
        Simulation sim = Traces.simulate("""
                {"tickSeconds": 5, "initialReadyPods": 1, "samples": [{"t": 0, "concurrency": 1}, {"t": 20}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::t).containsExactly(5.0, 10.0, 15.0, 20.0);
    }

    @Test
    void anUnreachableRevisionIgnoresMinScale() throws Exception {
        String trace = """
                {"annotations": {"min-scale": "3"}, "reachability": "%s", "initialReadyPods": 1,
                 "samples": [{"t": 0}, {"t": 4}]}
                """;
        Simulation reachable = Traces.simulate(trace.formatted("reachable"));
        Simulation unreachable = Traces.simulate(trace.formatted("unreachable"));
        assertThat(reachable.resolved()).containsEntry("minScale", 3);
        assertThat(reachable.records()).extracting(Simulation.Record::desiredPods).containsOnly(3);
        assertThat(unreachable.resolved()).containsEntry("minScale", 0);
        // no min: the decider's 0, held at 1 by the reconciler until the PA has been active for a stable window
        assertThat(unreachable.records()).extracting(Simulation.Record::deciderPods, Simulation.Record::desiredPods)
                .containsOnly(tuple(0, 1));
    }

    @Test
    void activationScaleLiftsASmallNonZeroWant() throws Exception {
        Simulation sim = Traces.simulate("""
                {"annotations": {"activation-scale": "3"}, "initialReadyPods": 1,
                 "samples": [{"t": 0, "concurrency": 1}, {"t": 4, "concurrency": 1}]}
                """);
        // ceil(1 / 70) = 1, lifted to the activation scale
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods).containsExactly(3, 3);
    }

    @Test
    void weightedExponentialAveragesComeFromTheAnnotation() throws Exception {
        Simulation sim = Traces.simulate("""
                {"annotations": {"metric-aggregation-algorithm": "weighted-exponential"}, "tickSeconds": 1,
                 "config": {"target-burst-capacity": "-1"}, "samples": [{"t": 0}, {"t": 1, "concurrency": 100}]}
                """);
        // one 100 in a 60-bucket window: not normalised, c = max(1 − 0.0001^(1/60), 0.2) = 0.2 → 20
        assertThat(Traces.at(sim, 1).stable()).isEqualTo(20.0);
    }
}
