package io.qnative.reconciler.route.traffic;

import static io.qnative.reconciler.route.RouteFixtures.annotations;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.configuration;
import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.lookup;
import static io.qnative.reconciler.route.RouteFixtures.ready;
import static io.qnative.reconciler.route.RouteFixtures.route;
import static io.qnative.reconciler.route.RouteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The effective rollout per reconcile (Knative's {@code computeRolloutState} in
 * pkg/reconciler/route/traffic/rollout.go).
 */
class RolloutStateTest {

    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    static TrafficConfig traffic(Route r) {
        return Traffic.resolve(r, lookup(configuration("foo", "foo-00002", Condition.TRUE)),
                lookup(ready("foo-00001", "foo"), ready("foo-00002", "foo"))).config();
    }

    static Ingress ingress(String rollout, boolean ready) {
        Ingress ing = new Ingress();
        ObjectMeta m = new ObjectMeta();
        m.setName("foo");
        m.setGeneration(1L);
        m.setAnnotations(Map.of(NetworkingKeys.ROLLOUT, rollout));
        ing.setMetadata(m);
        IngressStatus s = new IngressStatus();
        s.setObservedGeneration(1L);
        s.initializeConditions(T0);
        if (ready) {
            s.markNetworkConfigured(T0);
            s.markLoadBalancerReady(List.of(), List.of(), T0);
        }
        ing.setStatus(s);
        return ing;
    }

    static final String OLD = Rollout.of(List.of(ConfigurationRollout.of("foo", "", 100, "foo-00001"))).toJson();

    @Test
    void withoutDurationTheDesiredStateAppliesAtOnce() {
        Route r = route("foo", cfg("foo", 100));
        Rollout.Step s = RolloutState.compute(exampleCom(), r, traffic(r), ingress(OLD, true), T0);
        assertThat(s.rollout()).isEqualTo(traffic(r).buildRollout());
        assertThat(s.nextStepTime()).isZero();
    }

    @Test
    void withDurationANewRevisionStartsAtOnePercentThenSteps() {
        ConfigSnapshot c = with(exampleCom(), "config-network", Map.of("rollout-duration", "100"));
        Route r = route("foo", cfg("foo", 100));
        Rollout.Step first = RolloutState.compute(c, r, traffic(r), ingress(OLD, true), T0);
        assertThat(first.rollout().configurations.get(0).revisions).containsExactly(
                new RevisionRollout("foo-00001", 99), new RevisionRollout("foo-00002", 1));
        assertThat(first.rollout().done()).isFalse();
        // Not ready yet: no timing, no step.
        Rollout.Step waiting = RolloutState.compute(c, r, traffic(r), ingress(first.rollout().toJson(), false),
                T0.plusSeconds(5));
        assertThat(waiting.rollout().configurations.get(0).revisions).containsExactly(
                new RevisionRollout("foo-00001", 99), new RevisionRollout("foo-00002", 1));
        assertThat(waiting.nextStepTime()).isZero();
        // Ready after 10 s: 9 steps of 11% every 10 s.
        Rollout.Step observed = RolloutState.compute(c, r, traffic(r), ingress(first.rollout().toJson(), true),
                T0.plusSeconds(10));
        assertThat(observed.nextStepTime()).isEqualTo(Rollout.nanos(T0.plusSeconds(20)));
        Rollout.Step stepped = RolloutState.compute(c, r, traffic(r), ingress(observed.rollout().toJson(), true),
                T0.plusSeconds(20));
        assertThat(stepped.rollout().configurations.get(0).revisions).containsExactly(
                new RevisionRollout("foo-00001", 88), new RevisionRollout("foo-00002", 12));
    }

    @Test
    void noExistingIngressOrBadAnnotationMeansDesired() {
        ConfigSnapshot c = with(exampleCom(), "config-network", Map.of("rollout-duration", "100"));
        Route r = route("foo", cfg("foo", 100));
        assertThat(RolloutState.compute(c, r, traffic(r), null, T0).rollout()).isEqualTo(traffic(r).buildRollout());
        assertThat(RolloutState.compute(c, r, traffic(r), ingress("garbage", true), T0).rollout())
                .isEqualTo(traffic(r).buildRollout());
    }

    @Test
    void annotationOverridesConfig() {
        ConfigSnapshot c = with(exampleCom(), "config-network", Map.of("rollout-duration", "100"));
        assertThat(RolloutState.rolloutDuration(c, route("foo"))).isEqualTo(Duration.ofSeconds(100));
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION, "2m30s")))
                .isEqualTo(Duration.ofSeconds(150));
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION_LEGACY,
                "1.5s"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION, "bad")))
                .isZero();
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION,
                "1h0m0.5s"))).isEqualTo(Duration.ofSeconds(3600));
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION, "10")))
                .as("no unit").isZero();
        assertThat(RolloutState.rolloutDuration(c, annotations(route("foo"), ServingKeys.ROLLOUT_DURATION,
                "9999999999h"))).as("beyond Go's int64 nanoseconds: invalid, not wrapped").isZero();
    }
}
