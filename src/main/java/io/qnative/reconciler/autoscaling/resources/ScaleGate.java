package io.qnative.reconciler.autoscaling.resources;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.duck.Condition;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.config.AutoscalerConfig;

/**
 * What the scale target is given for a published decision (Knative's {@code scaler.scale} and
 * {@code handleScaleToZero}, {@code pkg/reconciler/autoscaling/kpa/scaler.go}): the min/max bounds (initial scale
 * lifting min until the target was first initialised), then for a scale of zero the gating that keeps one pod for a
 * stable window of inactivity, the scale-to-zero grace period and the pod retention period. The gateway is always
 * in qnative's request path, so Knative's activator probe always succeeds.
 */
public final class ScaleGate {

    /** Added to the progress deadline before an activation that never got pods is given up. */
    public static final Duration ACTIVATION_TIMEOUT_BUFFER = Duration.ofSeconds(30);
    /** Re-check delay once the PA goes inactive while already proxied. */
    public static final Duration INACTIVE_RECHECK = Duration.ofSeconds(3);

    /**
     * The outcome.
     *
     * @param scale the scale to report (−1: unknown)
     * @param apply whether to set the target's replicas to {@code scale}
     * @param requeueAfter when to look again even if nothing changes
     */
    public record Outcome(int scale, boolean apply, Optional<Duration> requeueAfter) {

        static Outcome of(int scale, boolean apply) {
            return new Outcome(scale, apply, Optional.empty());
        }

        static Outcome of(int scale, boolean apply, Duration requeue) {
            return new Outcome(scale, apply, Optional.of(requeue));
        }
    }

    private ScaleGate() {
    }

    /**
     * The scale for the published {@code desired} (−1 unknown).
     *
     * @param status the PA's status (Active, ScaleTargetInitialized)
     * @param params the revision's resolved parameters
     * @param config {@code config-autoscaler}
     * @param progressDeadline the revision's progress deadline
     * @param proxyFor how long the gateway has been the only way to the pods (Knative's SKS {@code ProxyFor})
     */
    public static Outcome scale(int desired, PodAutoscalerStatus status, Parameters params, AutoscalerConfig config,
            Duration progressDeadline, Duration proxyFor, Instant now) {
        if (desired < 0 && !status.isActivating()) {
            return Outcome.of(desired, false);
        }
        int min = params.minScale();
        int max = params.maxScale();
        int initial = params.decider().initialScale();
        if (initial > 1 && !status.isScaleTargetInitialized() && params.decider().reachable()) {
            min = Math.max(min, initial);
        }
        int x = desired < min ? min : (max > 0 && desired > max ? max : desired);
        if (x != 0) {
            return Outcome.of(x, true);
        }
        return toZero(status, params, config, progressDeadline, proxyFor, now);
    }

    private static Outcome toZero(PodAutoscalerStatus status, Parameters params, AutoscalerConfig config,
            Duration progressDeadline, Duration proxyFor, Instant now) {
        if (!config.enableScaleToZero()) {
            return Outcome.of(1, true);
        }
        if (status.isActivating()) {
            Duration timeout = progressDeadline.plus(ACTIVATION_TIMEOUT_BUFFER);
            if (activatingFor(status, now).compareTo(timeout) > 0) {
                return Outcome.of(0, true);
            }
            return Outcome.of(-1, false, timeout);
        }
        if (status.isActive()) {
            Duration window = params.decider().stableWindow();
            Duration active = status.activeFor(now);
            if (active.compareTo(window) >= 0) {
                return Outcome.of(0, false, INACTIVE_RECHECK);
            }
            return Outcome.of(1, true, window.minus(active));
        }
        Duration retention = params.scaleToZeroPodRetention();
        Duration grace = config.scaleToZeroGracePeriod();
        Duration longest = grace.compareTo(retention) >= 0 ? grace : retention;
        Duration inactive = status.inactiveFor(now);
        if (status.canScaleToZero(now, longest)) {
            return Outcome.of(0, true);
        }
        if (!retention.isZero() && inactive.compareTo(retention) < 0) {
            return Outcome.of(0, false, retention.minus(inactive));
        }
        Duration left = grace.minus(proxyFor);
        if (left.isNegative() || left.isZero()) {
            return Outcome.of(0, true);
        }
        return Outcome.of(0, false, left);
    }

    private static Duration activatingFor(PodAutoscalerStatus status, Instant now) {
        Condition c = status.getCondition(PodAutoscalerConditions.ACTIVE);
        if (c == null || !c.isUnknown() || c.getLastTransitionTime() == null) {
            return Duration.ofSeconds(-1);
        }
        return Duration.between(OffsetDateTime.parse(c.getLastTransitionTime()).toInstant(), now);
    }

    /**
     * {@code activeThreshold}: the ready pods that make the PA Active (and, before initialisation, initialised):
     * max(min, initial scale) until initialised, max(min, 1) after.
     */
    public static int activeThreshold(Parameters params, boolean initialized) {
        return initialized ? Math.max(params.minScale(), 1)
                : Math.max(params.minScale(), params.decider().initialScale());
    }
}
