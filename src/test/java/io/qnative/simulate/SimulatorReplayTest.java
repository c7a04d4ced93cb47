package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Replays of recorded decider views: the worked examples of Knative's KPA (the numbers of the decider's own tests,
 * io.qnative.autoscaler.scaling.DeciderTest) come out of {@code simulate} unchanged, as do invalid reads and
 * parameter updates.
 */
class SimulatorReplayTest {

    @Test
    void exampleASteadyStateWithDefaultParameters() throws Exception {
        Simulation sim = Traces.simulate("""
                {"createdAt": 0, "readyPodsAtCreation": 3, "samples": [
                  {"t": 2, "observed": {"concurrency": {"stable": 150, "panic": 160}}, "readyPods": 3},
                  {"t": 4, "observed": {"concurrency": {"stable": 150, "panic": 50}}, "readyPods": 3}]}
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> decider = (Map<String, Object>) sim.resolved().get("decider");
        assertThat(decider).containsEntry("targetValue", 70L).containsEntry("totalValue", 100L)
                .containsEntry("targetBurstCapacity", 211L).containsEntry("panicThreshold", 2L)
                .containsEntry("maxScaleUpRate", 1000L).containsEntry("maxScaleDownRate", 2L)
                .containsEntry("panicWindowSeconds", 6L).containsEntry("stableWindowSeconds", 60L);
        assertThat(sim.records()).extracting(Simulation.Record::t, Simulation.Record::deciderPods,
                Simulation.Record::excessBurstCapacity, Simulation.Record::stable, Simulation.Record::panic)
                .containsExactly(tuple(2.0, 3, -71, 150.0, 160.0), tuple(4.0, 3, 39, 150.0, 50.0));
        assertThat(sim.records()).extracting(Simulation.Record::desiredPods).containsExactly(3, 3);
    }

    @Test
    void exampleBPanicAndRecovery() throws Exception {
        Simulation sim = Traces.simulate("""
                {"decider": {"targetValue": 10, "totalValue": 13.333333333333334, "targetBurstCapacity": 93,
                             "panicThreshold": 2, "maxScaleUpRate": 10, "maxScaleDownRate": 10,
                             "stableWindowSeconds": 60},
                 "createdAt": 0, "readyPodsAtCreation": 1, "samples": [
                  {"t": 0, "observed": {"concurrency": {"stable": 100, "panic": 100}}, "readyPods": 1},
                  {"t": 0, "observed": {"concurrency": {"stable": 100, "panic": 1000}}, "readyPods": 10},
                  {"t": 30, "observed": {"concurrency": {"stable": 1, "panic": 1}}, "readyPods": 10},
                  {"t": 60, "observed": {"concurrency": {"stable": 1, "panic": 1}}, "readyPods": 10},
                  {"t": 61, "observed": {"concurrency": {"stable": 1, "panic": 1}}, "readyPods": 10}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods, Simulation.Record::panicMode,
                Simulation.Record::excessBurstCapacity)
                .containsExactly(tuple(10, true, -180), tuple(100, true, -960), tuple(100, true, 39),
                        tuple(100, true, 39), tuple(1, false, 39));
    }

    @Test
    void exampleCScaleDownDelayOnAbsoluteTwoSecondSlots() throws Exception {
        Simulation sim = Traces.simulate("""
                {"decider": {"targetValue": 1, "totalValue": 1, "targetBurstCapacity": 0, "panicThreshold": 10,
                             "maxScaleUpRate": 1000, "maxScaleDownRate": 2, "scaleDownDelaySeconds": 10},
                 "createdAt": 0, "readyPodsAtCreation": 0, "samples": [
                  {"t": 1, "observed": {"concurrency": {"stable": 5, "panic": 5}}, "readyPods": 0},
                  {"t": 3, "observed": {"concurrency": {"stable": 0, "panic": 0}}, "readyPods": 0},
                  {"t": 9, "observed": {"concurrency": {"stable": 0, "panic": 0}}, "readyPods": 0},
                  {"t": 10, "observed": {"concurrency": {"stable": 0, "panic": 0}}, "readyPods": 0}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods).containsExactly(5, 5, 5, 0);
    }

    @Test
    void aDeciderUpdateKeepsTheCreationTimeDelayWindow() throws Exception {
        Simulation sim = Traces.simulate("""
                {"decider": {"targetValue": 1, "totalValue": 1, "targetBurstCapacity": 0, "panicThreshold": 10},
                 "createdAt": 0, "readyPodsAtCreation": 0, "samples": [
                  {"t": 2, "observed": {"concurrency": {"stable": 4, "panic": 4}}, "readyPods": 4},
                  {"t": 4, "observed": {"concurrency": {"stable": 0, "panic": 0}}, "readyPods": 4,
                   "decider": {"scaleDownDelaySeconds": 30, "maxScaleDownRate": 1000}}]}
                """);
        // No window was created, so the decrease shows at once; the new rate lets it reach 0.
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods).containsExactly(4, 0);
    }

    @Test
    void theScalingMetricDecidesWhichObservationIsRead() throws Exception {
        Simulation sim = Traces.simulate("""
                {"annotations": {"metric": "rps", "target": "10"}, "createdAt": 0, "samples": [
                  {"t": 2, "observed": {"concurrency": {"stable": 1, "panic": 1},
                                        "rps": {"stable": 35, "panic": 35}}, "readyPods": 1}]}
                """);
        // rps: target 10 × utilization 0.7 = 7 per pod; ceil(35 / 7) = 5.
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods, Simulation.Record::stable)
                .containsExactly(tuple(5, 35.0));
    }

    @Test
    void invalidReadsChangeNothingAndNotFoundPodsCountAsZero() throws Exception {
        Simulation sim = Traces.simulate("""
                {"decider": {"targetValue": 10, "totalValue": 10, "targetBurstCapacity": 0},
                 "createdAt": 0, "readyPodsAtCreation": 1, "samples": [
                  {"t": 2, "observed": {"concurrency": {"stable": 30, "panic": 30}}, "readyPods": 3},
                  {"t": 4, "metricsError": "no_data", "readyPods": 3},
                  {"t": 6, "observed": {"concurrency": {"stable": 30, "panic": 30}}, "readyPodsError": "other"},
                  {"t": 8, "observed": {"concurrency": {"stable": 30, "panic": 30}}, "readyPodsError": "not_found"}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::valid, Simulation.Record::deciderPods,
                Simulation.Record::readyPods, Simulation.Record::desiredPods)
                .containsExactly(tuple(true, 3, 3, 3), tuple(false, -1, 3, 3), tuple(false, -1, null, 3),
                        // 0 ready pods: readyF = 1, so the rate limit allows up to 1000; ceil(30 / 10) = 3
                        tuple(true, 3, 0, 3));
        assertThat(sim.records().get(1).stable()).isNull();
        assertThat(sim.records().get(1).excessBurstCapacity()).isNull();
    }

    @Test
    void gatingAppliesMinAndMaxScaleToTheDecidersRecommendation() throws Exception {
        Simulation sim = Traces.simulate("""
                {"annotations": {"min-scale": "2", "max-scale": "4"},
                 "decider": {"targetValue": 10, "totalValue": 10, "maxScaleDownRate": 1000},
                 "createdAt": 0, "readyPodsAtCreation": 1, "samples": [
                  {"t": 2, "observed": {"concurrency": {"stable": 0, "panic": 0}}, "readyPods": 1},
                  {"t": 4, "observed": {"concurrency": {"stable": 90, "panic": 90}}, "readyPods": 2}]}
                """);
        assertThat(sim.records()).extracting(Simulation.Record::deciderPods, Simulation.Record::desiredPods)
                .containsExactly(tuple(0, 2), tuple(9, 4));
        assertThat(sim.resolved()).containsEntry("minScale", 2).containsEntry("maxScale", 4);
    }
}
