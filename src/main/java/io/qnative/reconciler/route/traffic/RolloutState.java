package io.qnative.reconciler.route.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.GoValues;

/**
 * The effective rollout of a reconcile (Knative's {@code computeRolloutState} in {@code reconcile_resources.go}):
 * with no rollout duration the desired state applies at once; otherwise the previous state is read from the
 * existing KIngress's annotation, its step timing is observed once the KIngress is Ready, and the desired state is
 * stepped from it. The caller requeues the Route at {@link Rollout.Step#nextStepTime()} when it is non-zero.
 */
public final class RolloutState {


    private RolloutState() {
    }

    /**
     * The rollout to write and when to step next.
     *
     * @param existing the current KIngress, null when it does not exist yet (then: the desired state)
     */
    public static Rollout.Step compute(ConfigSnapshot config, Route route, TrafficConfig traffic, Ingress existing,
            Instant now) {
        Rollout desired = traffic.buildRollout();
        if (existing == null) {
            return new Rollout.Step(desired, 0);
        }
        Duration duration = rolloutDuration(config, route);
        if (duration.isZero()) {
            return new Rollout.Step(desired, 0);
        }
        Map<String, String> annotations = existing.getMetadata() == null ? null
                : existing.getMetadata().getAnnotations();
        Rollout previous = Rollout.fromJson(annotations == null ? null : annotations.get(NetworkingKeys.ROLLOUT))
                .orElse(null);
        if (previous != null && existing.isReady()) {
            previous = previous.observeReady(now, duration);
        }
        return desired.step(previous, now);
    }

    /**
     * The Route's {@code serving.knative.dev/rollout-duration} (or legacy {@code rolloutDuration}) annotation, in
     * whole seconds, else {@code config-network}'s {@code rollout-duration}; an unparsable annotation means 0.
     */
    public static Duration rolloutDuration(ConfigSnapshot config, Route route) {
        Map<String, String> a = route.getMetadata().getAnnotations();
        String v = a == null ? null : Optional.ofNullable(a.get(ServingKeys.ROLLOUT_DURATION))
                .orElse(a.get(ServingKeys.ROLLOUT_DURATION_LEGACY));
        if (v == null) {
            return Duration.ofSeconds(config.network().rolloutDurationSeconds());
        }
        try {
            return Duration.ofSeconds(GoValues.parseDuration(v.strip()).getSeconds());
        } catch (IllegalArgumentException e) {
            return Duration.ZERO;
        }
    }
}
