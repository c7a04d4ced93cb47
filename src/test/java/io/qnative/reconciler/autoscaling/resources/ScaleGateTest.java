package io.qnative.reconciler.autoscaling.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;

/** Knative's {@code scaler.scale} table: bounds, then the scale-to-zero gating. */
class ScaleGateTest {

    static final Instant NOW = Instant.parse("2026-11-26T23:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(600);
    static final String P = "autoscaling.knative.dev/";

    enum Active { ACTIVATING, ACTIVE, INACTIVE }

    static PodAutoscalerStatus status(Active state, long secondsAgo, boolean initialised) {
        PodAutoscalerStatus s = new PodAutoscalerStatus();
        s.initializeConditions(NOW);
        Instant since = NOW.minusSeconds(secondsAgo);
        if (initialised) {
            s.markScaleTargetInitialized(NOW);
        }
        switch (state) {
            case ACTIVATING -> s.markActivating(PodAutoscalerConditions.REASON_QUEUED, "q", since);
            case ACTIVE -> s.markActive(since);
            default -> s.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC, "n", since);
        }
        return s;
    }

    static Parameters params(Map<String, String> annotations, Reachability r) {
        return ParameterResolver.resolve(annotations, AutoscalerConfig.DEFAULT, 0, r);
    }

    static ScaleGate.Outcome outcome(int scale, boolean apply) {
        return new ScaleGate.Outcome(scale, apply, Optional.empty());
    }

    static ScaleGate.Outcome outcome(int scale, boolean apply, long requeueSeconds) {
        return new ScaleGate.Outcome(scale, apply, Optional.of(Duration.ofSeconds(requeueSeconds)));
    }

    static Stream<Arguments> cases() {
        Map<String, String> none = Map.of();
        Reachability reach = Reachability.REACHABLE;
        return Stream.of(
                Arguments.of("unknown and not activating: nothing", -1, status(Active.ACTIVE, 0, true), none,
                        reach, 0, outcome(-1, false)),
                Arguments.of("unknown while activating becomes min-scale", -1, status(Active.ACTIVATING, 0, true),
                        Map.of(P + "min-scale", "2"), reach, 0, outcome(2, true)),
                Arguments.of("initial-scale lifts min before initialisation", 1,
                        status(Active.ACTIVATING, 0, false), Map.of(P + "initial-scale", "3"), reach, 0,
                        outcome(3, true)),
                Arguments.of("initial-scale ignored after initialisation", 1, status(Active.ACTIVE, 0, true),
                        Map.of(P + "initial-scale", "3"), reach, 0, outcome(1, true)),
                Arguments.of("initial-scale ignored when unreachable", 1, status(Active.ACTIVATING, 0, false),
                        Map.of(P + "initial-scale", "3"), Reachability.UNREACHABLE, 0, outcome(1, true)),
                Arguments.of("max-scale caps", 9, status(Active.ACTIVE, 0, true), Map.of(P + "max-scale", "4"),
                        reach, 0, outcome(4, true)),
                Arguments.of("min-scale ignored when unreachable", 0, status(Active.INACTIVE, 30, true),
                        Map.of(P + "min-scale", "4"), Reachability.UNREACHABLE, 0, outcome(0, true)),
                Arguments.of("activating waits for the activation timeout", -1,
                        status(Active.ACTIVATING, 630, true), none, reach, 0, outcome(-1, false, 630)),
                Arguments.of("activation timed out scales to zero", -1, status(Active.ACTIVATING, 631, true),
                        none, reach, 0, outcome(0, true)),
                Arguments.of("active less than a stable window keeps one pod", 0, status(Active.ACTIVE, 20, true),
                        none, reach, 0, outcome(1, true, 40)),
                Arguments.of("active a stable window: zero without applying", 0, status(Active.ACTIVE, 60, true),
                        none, reach, 0, outcome(0, false, 3)),
                Arguments.of("the window annotation sets the idle period", 0, status(Active.ACTIVE, 20, true),
                        Map.of(P + "window", "20s"), reach, 0, outcome(0, false, 3)),
                Arguments.of("inactive for the grace period: zero", 0, status(Active.INACTIVE, 30, true), none,
                        reach, 0, outcome(0, true)),
                Arguments.of("inactive, proxied long enough: zero", 0, status(Active.INACTIVE, 1, true), none,
                        reach, 30, outcome(0, true)),
                Arguments.of("inactive, proxied briefly: wait the rest of the grace period", 0,
                        status(Active.INACTIVE, 1, true), none, reach, 12, outcome(0, false, 18)),
                Arguments.of("pod retention holds the last pod", 0, status(Active.INACTIVE, 40, true),
                        Map.of(P + "scale-to-zero-pod-retention-period", "1m"), reach, 100, outcome(0, false, 20)),
                Arguments.of("pod retention over: zero", 0, status(Active.INACTIVE, 60, true),
                        Map.of(P + "scale-to-zero-pod-retention-period", "1m"), reach, 100, outcome(0, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scale(String name, int desired, PodAutoscalerStatus status, Map<String, String> annotations,
            Reachability reachability, long proxyForSeconds, ScaleGate.Outcome expected) {
        assertThat(ScaleGate.scale(desired, status, params(annotations, reachability), AutoscalerConfig.DEFAULT,
                DEADLINE, Duration.ofSeconds(proxyForSeconds), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scaleToZeroDisabledKeepsOnePod(String name, int desired, PodAutoscalerStatus status,
            Map<String, String> annotations, Reachability reachability, long proxyForSeconds,
            ScaleGate.Outcome expected) {
        AutoscalerConfig off = AutoscalerConfig.parse(Map.of("enable-scale-to-zero", "false"));
        ScaleGate.Outcome got = ScaleGate.scale(desired, status, params(annotations, reachability), off, DEADLINE,
                Duration.ofSeconds(proxyForSeconds), NOW);
        boolean gated = (desired == 0 || desired == -1 && status.isActivating()) && expected.scale() <= 1;
        if (gated) {
            assertThat(got).isEqualTo(outcome(1, true));
        } else {
            assertThat(got).isEqualTo(expected);
        }
    }
}
