package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qnative.autoscaler.scaling.Reachability;

/** Parsing of JSON and CSV traces, and how the command line's settings combine with them. */
class TraceReaderTest {

    @Test
    void aJsonTraceWithEveryField() throws Exception {
        Trace t = Traces.json("""
                {"annotations": {"target": "10", "autoscaling.knative.dev/window": "30s", "team": 7,
                                 "example.com/owner": "me"},
                 "config": {"stable-window": "90s", "enable-scale-to-zero": false},
                 "containerConcurrency": 4, "reachability": "unreachable", "podStartSeconds": 2.5,
                 "initialReadyPods": 3, "tickSeconds": 1, "decider": {"targetValue": 3, "reachable": true},
                 "createdAt": -2, "readyPodsAtCreation": "error",
                 "samples": [{"t": 0, "concurrency": 1.5, "rps": 4, "readyPods": 2},
                             {"t": 1, "readyPodsError": "not_found", "decider": {"scaleDownDelaySeconds": 4}}]}
                """);
        assertThat(t.annotations()).containsExactly(Map.entry("autoscaling.knative.dev/target", "10"),
                Map.entry("autoscaling.knative.dev/window", "30s"), Map.entry("autoscaling.knative.dev/team", "7"),
                Map.entry("example.com/owner", "me"));
        assertThat(t.config()).containsEntry("stable-window", "90s").containsEntry("enable-scale-to-zero", "false");
        assertThat(t.containerConcurrency()).isEqualTo(4);
        assertThat(t.reachability()).isEqualTo(Reachability.UNREACHABLE);
        assertThat(t.podStartSeconds()).isEqualTo(2.5);
        assertThat(t.initialReadyPods()).isEqualTo(3);
        assertThat(t.tickSeconds()).isEqualTo(1);
        assertThat(t.decider()).containsEntry("targetValue", 3.0).containsEntry("reachable", true);
        assertThat(t.createdAt()).isEqualTo(-2.0);
        assertThat(t.readyPodsAtCreation()).isEqualTo(-1);
        assertThat(t.replay()).isFalse();
        Sample s0 = t.samples().get(0);
        assertThat(s0.concurrency()).isEqualTo(1.5);
        assertThat(s0.rps()).isEqualTo(4.0);
        assertThat(s0.readyPods()).isEqualTo(2);
        Sample s1 = t.samples().get(1);
        assertThat(s1.concurrency()).isZero();
        assertThat(s1.readyPods()).isNull();
        assertThat(s1.readyPodsError()).isEqualTo("not_found");
        assertThat(s1.decider()).containsEntry("scaleDownDelaySeconds", 4.0);
        assertThat(DeciderFields.apply(Fixtures.spec(), s1.decider()).scaleDownDelay())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void defaultsOfAMinimalJsonTrace() throws Exception {
        Trace t = Traces.json("{\"samples\": [{\"t\": 0}]}");
        assertThat(t.annotations()).isEmpty();
        assertThat(t.config()).isEmpty();
        assertThat(t.containerConcurrency()).isZero();
        assertThat(t.reachability()).isEqualTo(Reachability.REACHABLE);
        assertThat(t.podStartSeconds()).isZero();
        assertThat(t.initialReadyPods()).isZero();
        assertThat(t.tickSeconds()).isEqualTo(2);
        assertThat(t.createdAt()).isNull();
        assertThat(t.readyPodsAtCreation()).isNull();
    }

    @Test
    void aReplayTrace() throws Exception {
        Trace t = Traces.json("""
                {"samples": [{"t": 0.25, "observed": {"rps": {"stable": 3, "panic": 4}}, "readyPods": 1},
                             {"t": 0.25, "metricsError": "other", "readyPodsError": "other"}]}
                """);
        assertThat(t.replay()).isTrue();
        assertThat(t.samples().get(0).observed().rps()).isEqualTo(new Sample.Pair(3, 4));
        assertThat(t.samples().get(0).observed().concurrency()).isNull();
        assertThat(t.samples().get(1).metricsError()).isEqualTo("other");
    }

    @Test
    void theCommandLineOverridesAJsonTrace() throws Exception {
        TraceReader.Overrides o = new TraceReader.Overrides(Map.of("target", "20"), Map.of("stable-window", "30s"),
                8L, "unknown", 1.0, 2, 4);
        Trace t = TraceReader.json("t.json", new StringReader("""
                {"annotations": {"target": "10", "window": "20s"}, "config": {"stable-window": "90s"},
                 "containerConcurrency": 4, "reachability": "unreachable", "podStartSeconds": 3,
                 "initialReadyPods": 5, "tickSeconds": 2, "samples": [{"t": 0}]}
                """), o);
        assertThat(t.annotations()).containsEntry("autoscaling.knative.dev/target", "20")
                .containsEntry("autoscaling.knative.dev/window", "20s");
        assertThat(t.config()).containsEntry("stable-window", "30s");
        assertThat(t.containerConcurrency()).isEqualTo(8);
        assertThat(t.reachability()).isEqualTo(Reachability.UNKNOWN);
        assertThat(t.podStartSeconds()).isEqualTo(1.0);
        assertThat(t.initialReadyPods()).isEqualTo(2);
        assertThat(t.tickSeconds()).isEqualTo(4);
    }

    @Test
    void aCsvTraceInAnyColumnOrderWithEmptyCellsAndComments() throws Exception {
        Trace t = TraceReader.csv("t.csv", new StringReader("""
                # a comment before the header

                rps, t ,readyPods
                5,0,
                # and between samples
                ,1,3
                """), new TraceReader.Overrides(Map.of("metric", "rps"), Map.of(), null, null, null, null, null));
        assertThat(t.annotations()).containsEntry("autoscaling.knative.dev/metric", "rps");
        assertThat(t.samples()).extracting(Sample::t, Sample::rps, Sample::concurrency, Sample::readyPods,
                Sample::line).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0.0, 5.0, 0.0, null, 4),
                        org.assertj.core.groups.Tuple.tuple(1.0, 0.0, 0.0, 3, 6));
        assertThat(t.samples().get(1).where()).isEqualTo("line 6");
    }
}
