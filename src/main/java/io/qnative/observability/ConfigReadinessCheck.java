package io.qnative.observability;

import io.qnative.config.ConfigException;
import io.qnative.config.ConfigStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code config}: DOWN until the {@code config-*} ConfigMaps have been read, and while any of
 * them is malformed; its data then names each ConfigMap with its keys, values and reasons.
 */
@Readiness
@ApplicationScoped
public class ConfigReadinessCheck implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "config";

    private final ConfigStore store;

    @Inject
    ConfigReadinessCheck(ConfigStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("namespace", store.namespace());
        boolean up = true;
        if (!store.synced()) {
            up = false;
            response.withData("synced", false)
                    .withData("status", store.lastError().orElse("not synced: ConfigMaps not read yet"));
        }
        Map<String, List<ConfigException.Problem>> problems = store.problems();
        if (!problems.isEmpty()) {
            up = false;
            problems.forEach((configMap, list) -> response.withData(configMap, describe(list)));
        }
        return response.status(up).build();
    }

    private static String describe(List<ConfigException.Problem> problems) {
        return problems.stream().map(ConfigException.Problem::describe).collect(Collectors.joining("; "));
    }
}
