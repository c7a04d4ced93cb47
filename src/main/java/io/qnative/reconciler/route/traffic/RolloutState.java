package io.qnative.reconciler.route.traffic;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;

/**
 * The effective rollout of a reconcile (Knative's {@code computeRolloutState} in {@code reconcile_resources.go}):
 * with no rollout duration the desired state applies at once; otherwise the previous state is read from the
 * existing KIngress's annotation, its step timing is observed once the KIngress is Ready, and the desired state is
 * stepped from it. The caller requeues the Route at {@link Rollout.Step#nextStepTime()} when it is non-zero.
 */
public final class RolloutState {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

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
            previous.observeReady(now, duration);
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
        return parseGoDuration(v).map(d -> Duration.ofSeconds(d.getSeconds())).orElse(Duration.ZERO);
    }

    /** Go's {@code time.ParseDuration} (e.g. {@code 90s}, {@code 1m30s}, {@code 1.5h}, {@code 0}); empty if invalid. */
    static Optional<Duration> parseGoDuration(String s) {
        String t = s.strip();
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        if ("0".equals(t)) {
            return Optional.of(Duration.ZERO);
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = GO_DURATION_PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int pos = 0;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return Optional.empty();
            }
            BigDecimal unit = switch (m.group(2)) {
                case "ns" -> BigDecimal.ONE;
                case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "m" -> BigDecimal.valueOf(60_000_000_000L);
                default -> BigDecimal.valueOf(3_600_000_000_000L);
            };
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(unit));
            pos = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return Optional.of(negative ? d.negated() : d);
    }
}
