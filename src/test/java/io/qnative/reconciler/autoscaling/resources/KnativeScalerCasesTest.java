package io.qnative.reconciler.autoscaling.resources;

import static io.qnative.reconciler.autoscaling.resources.ScaleGateTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;
import io.qnative.reconciler.autoscaling.resources.ScaleGateTest.Active;

/**
 * Knative's {@code TestScaler} and {@code TestDisableScaleToZero} ({@code pkg/reconciler/autoscaling/kpa/scaler_test.go})
 * replayed on the scale gate: Knative's test config (stable window 5 m, grace 60 s, progress deadline 121 s, so an
 * activation times out after 151 s), a PA whose conditions were initialised (Activating) unless the row marks it,
 * and the Deployment's replicas before. Each row checks the scale returned, whether the Deployment is patched
 * (applied and different from before) and whether a re-check is enqueued (Go's {@code wantCBCount}).
 *
 * <p>qnative's stand-in for the ServerlessService is always in proxy mode (the gateway is always in the path), so
 * the rows where an Active PA has been idle for its window re-check after 3 s as Knative's "sks in proxy mode" row
 * does. The activator probe always succeeds in process: the "fail prober" and "wrong prober response" rows have no
 * counterpart.
 */
class KnativeScalerCasesTest {

    static final Duration GRACE = Duration.ofSeconds(60);
    static final Duration STABLE_WINDOW = Duration.ofMinutes(5);
    static final Duration PA_STABLE_WINDOW = Duration.ofSeconds(45);
    static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(121);
    static final long ACTIVATION_TIMEOUT = PROGRESS_DEADLINE.plus(ScaleGate.ACTIVATION_TIMEOUT_BUFFER).toSeconds();
    static final String A = "autoscaling.knative.dev/";

    /** Knative's kpa_test.go {@code defaultConfigMapData()}, with changes. */
    static AutoscalerConfig config(String... more) {
        Map<String, String> data = new HashMap<>(Map.of(
                "max-scale-up-rate", "12.0",
                "container-concurrency-target-percentage", "0.5",
                "container-concurrency-target-default", "10",
                "stable-window", "5m0s",
                "panic-window", "10s",
                "scale-to-zero-grace-period", "1m0s",
                "tick-interval", "2s"));
        for (int i = 0; i < more.length; i += 2) {
            data.put(more[i], more[i + 1]);
        }
        return AutoscalerConfig.parse(data);
    }

    /** A row's PA: its Active state (null: as initialised), seconds since, annotations, reachability. */
    record Pa(Active state, long secondsAgo, boolean initialized, Map<String, String> annotations,
            Reachability reachability) {

        PodAutoscalerStatus status() {
            return ScaleGateTest.status(state == null ? Active.ACTIVATING : state, state == null ? 0 : secondsAgo,
                    initialized);
        }
    }

    static Pa initialised() {
        return new Pa(null, 0, false, Map.of(), Reachability.UNKNOWN);
    }

    static Pa pa(Active state, long secondsAgo, String... annotations) {
        return new Pa(state, secondsAgo, false, annotationsOf(annotations), Reachability.UNKNOWN);
    }

    static Map<String, String> annotationsOf(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Pa withReachability(Pa p, Reachability r) {
        return new Pa(p.state(), p.secondsAgo(), p.initialized(), p.annotations(), r);
    }

    static Pa initializedTarget(Pa p) {
        return new Pa(p.state(), p.secondsAgo(), true, p.annotations(), p.reachability());
    }

    /** One row; {@code minScale}/{@code maxScale} are the revision's annotations (0: none). */
    record Row(String label, int startReplicas, int scaleTo, int minScale, int maxScale, Pa pa,
            AutoscalerConfig config, Duration progressDeadline, long proxyForSeconds, int wantReplicas,
            boolean wantScaling, boolean wantRequeue) {

        @Override
        public String toString() {
            return label;
        }
    }

    static Row row(String label, int start, int scaleTo, int want, boolean scaling, boolean requeue, Pa pa) {
        return new Row(label, start, scaleTo, 0, 0, pa, config(), PROGRESS_DEADLINE, 0, want, scaling, requeue);
    }

    static Row with(Row r, AutoscalerConfig config) {
        return new Row(r.label(), r.startReplicas(), r.scaleTo(), r.minScale(), r.maxScale(), r.pa(), config,
                r.progressDeadline(), r.proxyForSeconds(), r.wantReplicas(), r.wantScaling(), r.wantRequeue());
    }

    static Row proxyFor(Row r, Duration d) {
        return new Row(r.label(), r.startReplicas(), r.scaleTo(), r.minScale(), r.maxScale(), r.pa(), r.config(),
                r.progressDeadline(), d.toSeconds(), r.wantReplicas(), r.wantScaling(), r.wantRequeue());
    }

    static Row scales(Row r, int min, int max) {
        return new Row(r.label(), r.startReplicas(), r.scaleTo(), min, max, r.pa(), r.config(),
                r.progressDeadline(), r.proxyForSeconds(), r.wantReplicas(), r.wantScaling(), r.wantRequeue());
    }

    static Row deadline(Row r, Duration d) {
        return new Row(r.label(), r.startReplicas(), r.scaleTo(), r.minScale(), r.maxScale(), r.pa(), r.config(),
                d, r.proxyForSeconds(), r.wantReplicas(), r.wantScaling(), r.wantRequeue());
    }

    static Stream<Row> testScaler() {
        long window = STABLE_WINDOW.toSeconds();
        long paWindow = PA_STABLE_WINDOW.toSeconds();
        long grace = GRACE.toSeconds();
        String paWindowAnnotation = A + "window";
        String retention = A + "scale-to-zero-pod-retention-period";
        return Stream.of(
                row("waits to scale to zero (just before idle period)", 1, 0, 1, false, true,
                        pa(Active.ACTIVE, window - 1)),
                row("waits to scale to zero (just before idle period), custom PA window", 1, 0, 1, false, true,
                        pa(Active.ACTIVE, paWindow - 1, paWindowAnnotation, "45s")),
                row("custom PA window, check for standard window, no probe (sks in proxy)", 1, 0, 0, false, true,
                        pa(Active.ACTIVE, window, paWindowAnnotation, "45s")),
                row("scale to 1 waiting for idle expires", 10, 0, 1, true, true, pa(Active.ACTIVE, window - 1)),
                row("waits to scale to zero after idle period; sks in proxy mode", 1, 0, 0, false, true,
                        pa(Active.ACTIVE, window)),
                row("waits to scale to zero after idle period (custom PA window, sks in proxy)", 1, 0, 0, false,
                        true, pa(Active.ACTIVE, paWindow, paWindowAnnotation, "45s")),
                with(row("can scale to zero after grace period, but 0 PA retention", 1, 0, 0, true, false,
                        pa(Active.INACTIVE, grace, retention, "0")),
                        config("scale-to-zero-pod-retention-period", "2m")),
                with(row("can't scale to zero after grace period, but before last pod retention", 1, 0, 0, false,
                        true, pa(Active.INACTIVE, grace)), config("scale-to-zero-pod-retention-period", "2m")),
                row("can't scale to zero after grace period, but before last pod retention, pa defined", 1, 0, 0,
                        false, true, pa(Active.INACTIVE, grace, retention, "2m0s")),
                with(row("scale to zero after grace period, and after last pod retention", 1, 0, 0, true, false,
                        pa(Active.INACTIVE, grace)), config("scale-to-zero-pod-retention-period", "1m")),
                row("scale to zero after grace period", 1, 0, 0, true, false, pa(Active.INACTIVE, grace)),
                row("waits to scale to zero (just before grace period)", 1, 0, 0, false, true,
                        pa(Active.INACTIVE, grace - 1)),
                proxyFor(row("waits to scale to zero (just before grace period, sks short)", 1, 0, 0, false, true,
                        pa(Active.INACTIVE, grace - 1)), GRACE.minusSeconds(1)),
                proxyFor(with(row("waits to scale to zero (just before grace period, sks in proxy long) and last "
                        + "pod timeout positive", 1, 0, 0, true, false, pa(Active.INACTIVE, grace - 1)),
                        config("scale-to-zero-pod-retention-period", "42s")), GRACE),
                proxyFor(row("waits to scale to zero (just before grace period, sks in proxy long)", 1, 0, 0, true,
                        false, pa(Active.INACTIVE, grace - 1)), GRACE),
                row("scale to zero with TBC=-1", 1, 0, 0, true, false,
                        pa(Active.INACTIVE, grace, A + "target-burst-capacity", "-1")),
                row("waits to scale to zero while activating until after deadline exceeded", 1, 0, -1, false, true,
                        pa(Active.ACTIVATING, ACTIVATION_TIMEOUT / 2)),
                row("scale to zero while activating after deadline exceeded", 1, 0, 0, true, false,
                        pa(Active.ACTIVATING, ACTIVATION_TIMEOUT + 1)),
                deadline(row("scale to zero while activating after revision deadline exceeded", 1, 0, 0, true,
                        false, pa(Active.ACTIVATING, 5 + ScaleGate.ACTIVATION_TIMEOUT_BUFFER.toSeconds() + 1)),
                        Duration.ofSeconds(5)),
                scales(row("scale down to minScale before grace period", 10, 0, 2, true, false,
                        withReachability(pa(Active.INACTIVE, grace - 1), Reachability.REACHABLE)), 2, 0),
                scales(row("scale down to minScale after grace period", 10, 0, 2, true, false,
                        withReachability(pa(Active.INACTIVE, grace), Reachability.REACHABLE)), 2, 0),
                scales(row("ignore minScale if unreachable", 10, 0, 0, true, false,
                        withReachability(pa(Active.INACTIVE, grace), Reachability.UNREACHABLE)), 2, 0),
                scales(row("observe minScale if reachability unknown", 10, 0, 2, true, false,
                        withReachability(pa(Active.INACTIVE, grace), Reachability.UNKNOWN)), 2, 0),
                row("scales up", 1, 10, 10, true, false, initialised()),
                scales(row("scales up to maxScale", 1, 10, 8, true, false, initialised()), 0, 8),
                row("scale up inactive revision", 1, 10, 10, true, false, pa(Active.INACTIVE, grace / 2)),
                row("does not scale up from zero with no metrics", 0, -1, -1, false, false, pa(Active.INACTIVE, 0)),
                row("scales up from zero to desired one", 0, 1, 1, true, false, initialised()),
                row("scales up from zero to desired high scale", 0, 10, 10, true, false, initialised()),
                row("negative scale does not scale", 12, -1, -1, false, false, pa(Active.ACTIVE, 0)),
                row("initial scale attained, but now time to scale down", 2, 0, 1, true, true,
                        initializedTarget(pa(Active.ACTIVE, 120, A + "initial-scale", "2"))),
                row("haven't scaled to initial scale, override desired scale with initial scale", 0, 1, 2, true,
                        false, pa(Active.ACTIVATING, 0, A + "initial-scale", "2")),
                row("initial scale reached for the first time", 5, 1, 5, false, false,
                        pa(Active.ACTIVATING, 0, A + "initial-scale", "5")),
                with(row("reaching initial scale zero", 0, 0, 0, false, true,
                        pa(Active.INACTIVE, 0, A + "initial-scale", "0")), config("allow-zero-initial-scale", "true")));
    }

    @ParameterizedTest(name = "TestScaler/{0}")
    @MethodSource
    void testScaler(Row row) {
        check(row);
    }

    static Stream<Row> testDisableScaleToZero() {
        AutoscalerConfig off = config("enable-scale-to-zero", "false");
        Pa active = withReachability(pa(Active.ACTIVE, 0), Reachability.REACHABLE);
        return Stream.of(
                with(row("EnableScaleToZero == false and minScale == 0", 10, 0, 1, true, false, active), off),
                scales(with(row("EnableScaleToZero == false and minScale == 2", 10, 0, 2, true, false, active), off),
                        2, 0),
                with(row("EnableScaleToZero == false and desire pod is -1(initial value)", 10, -1, -1, false, false,
                        active), off));
    }

    @ParameterizedTest(name = "TestDisableScaleToZero/{0}")
    @MethodSource
    void testDisableScaleToZero(Row row) {
        check(row);
    }

    private static void check(Row row) {
        Map<String, String> annotations = new HashMap<>(row.pa().annotations());
        if (row.minScale() > 0) {
            annotations.put(A + "min-scale", Integer.toString(row.minScale()));
        }
        if (row.maxScale() > 0) {
            annotations.put(A + "max-scale", Integer.toString(row.maxScale()));
        }
        ScaleGate.Outcome got = ScaleGate.scale(row.scaleTo(), row.pa().status(),
                ParameterResolver.resolve(annotations, row.config(), 0, row.pa().reachability()), row.config(),
                row.progressDeadline(), Duration.ofSeconds(row.proxyForSeconds()), NOW);
        assertThat(got.scale()).as("desired scale").isEqualTo(row.wantReplicas());
        assertThat(got.apply() && got.scale() != row.startReplicas()).as("scaling").isEqualTo(row.wantScaling());
        assertThat(got.requeueAfter().isPresent()).as("enqueue callback").isEqualTo(row.wantRequeue());
    }
}
