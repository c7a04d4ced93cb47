package io.qnative.observability;

import io.qnative.ControllerManager;
import io.qnative.kube.Informers;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.LeaderElection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Health of the control plane, served on the management port: started (startup wiring ran), live (every running
 * controller's workers are alive), ready (informer caches synced; the leader-election role is reported, and both
 * leader and standby are ready since every replica serves the webhook and the data plane).
 */
@ApplicationScoped
public class ControlPlaneHealth {

    private final ControllerManager manager;
    private final Informers informers;

    ControlPlaneHealth(ControllerManager manager, Informers informers) {
        this.manager = manager;
        this.informers = informers;
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("started").status(manager.started()).build();
    }

    @Produces
    @Liveness
    HealthCheck controllers() {
        return () -> {
            List<String> dead = manager.controllers().stream().filter(c -> !c.healthy()).map(Controller::name)
                    .toList();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("controllers").status(dead.isEmpty());
            if (!dead.isEmpty()) {
                b.withData("dead", String.join(",", dead));
            }
            return b.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck informers() {
        return () -> {
            List<String> unsynced = informers.unsynced();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("informers").status(unsynced.isEmpty());
            if (!unsynced.isEmpty()) {
                b.withData("unsynced", String.join(",", unsynced));
            }
            informers.lastError().ifPresent(e -> b.withData("error", e));
            return b.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck leaderElection() {
        return () -> {
            LeaderElection e = manager.election();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("leader-election").up()
                    .withData("role", e.role().name().toLowerCase()).withData("identity", e.identity());
            if (e.leader() != null) {
                b.withData("leader", e.leader());
            }
            return b.build();
        };
    }
}
