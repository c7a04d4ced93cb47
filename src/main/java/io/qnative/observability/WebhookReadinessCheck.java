package io.qnative.observability;

import io.qnative.certs.CertificateBundle;
import io.qnative.webhook.WebhookServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code webhook}: DOWN until the admission webhook listens with a certificate from its Secret and
 * has loaded its rules ({@link WebhookServer#warmUp()}), so the webhook Service sends the API server's calls only to
 * replicas that can answer them (failurePolicy Fail) without first loading what they need.
 */
@Readiness
@ApplicationScoped
public class WebhookReadinessCheck implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "webhook";

    private final WebhookServer server;

    @Inject
    WebhookReadinessCheck(WebhookServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        int port = server.actualPort();
        CertificateBundle serving = server.serving();
        if (port <= 0 || serving == null) {
            return response.down().withData("status", "no certificate yet (Secret webhook-certs)").build();
        }
        if (!server.warm()) {
            return response.down().withData("status", "loading the admission rules").build();
        }
        return response.up().withData("port", port).withData("certificateNotAfter", serving.notAfter().toString())
                .build();
    }
}
