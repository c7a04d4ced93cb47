package io.qnative.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code gateway}: DOWN until the listeners are bound and while draining at shutdown. */
@Readiness
@ApplicationScoped
public class GatewayReadinessCheck implements HealthCheck {

    private final GatewayServer server;

    GatewayReadinessCheck(GatewayServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        var bound = server.bound();
        var b = HealthCheckResponse.named("gateway").status(server.ready());
        if (bound != null) {
            b.withData("externalHttp", bound.externalHttp()).withData("internalHttp", bound.internalHttp());
        }
        return b.build();
    }
}
