package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionConditions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the request path needs of a Revision, read once per request from the informer cache: identity labels for
 * metrics, containerConcurrency, the three timeouts, the protocol to its pods, the readiness probe the gateway runs
 * and, when the revision is failing, why. Pure.
 *
 * @param namespace the revision's namespace
 * @param name the revision's name
 * @param service {@code serving.knative.dev/service} label or empty
 * @param configuration {@code serving.knative.dev/configuration} label or empty
 * @param containerConcurrency slots per pod, 0 unlimited
 * @param maxScale the max-scale annotation, 0 when unset
 * @param timeout timeoutSeconds
 * @param responseStartTimeout responseStartTimeoutSeconds (= timeout when unset)
 * @param idleTimeout idleTimeoutSeconds, zero when off
 * @param h2c whether pods speak h2c
 * @param userPort the serving container's port
 * @param ports the serving container's ports (where the readiness probe's named port is looked up), never null
 * @param readinessProbe the serving container's readiness probe, or null
 * @param waitForKubernetesReady true when the gateway must not probe itself (exec or startup probes): only
 *     addresses Kubernetes lists as ready get traffic
 * @param failure why the revision cannot serve (ContainerHealthy or ResourcesAvailable False), or null
 */
public record RevisionSettings(String namespace, String name, String service, String configuration,
        int containerConcurrency, int maxScale, Duration timeout, Duration responseStartTimeout, Duration idleTimeout,
        boolean h2c, int userPort, List<ContainerPort> ports, Probe readinessProbe, boolean waitForKubernetesReady,
        String failure) {

    /** Knative's default revision-timeout-seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 300;

    /** The settings of a Revision. */
    public static RevisionSettings of(Revision rev) {
        Map<String, String> labels = rev.getMetadata().getLabels() == null ? Map.of() : rev.getMetadata().getLabels();
        var spec = rev.getSpec();
        long timeout = spec == null || spec.getTimeoutSeconds() == null || spec.getTimeoutSeconds() <= 0
                ? DEFAULT_TIMEOUT_SECONDS : spec.getTimeoutSeconds();
        long start = spec == null || spec.getResponseStartTimeoutSeconds() == null
                || spec.getResponseStartTimeoutSeconds() <= 0 ? timeout : spec.getResponseStartTimeoutSeconds();
        long idle = spec == null || spec.getIdleTimeoutSeconds() == null ? 0 : spec.getIdleTimeoutSeconds();
        int cc = spec == null ? 0 : (int) Math.min(Integer.MAX_VALUE, spec.containerConcurrencyOrDefault());
        Container c = spec == null ? new Container() : spec.servingContainer();
        boolean execOrStartup = c.getStartupProbe() != null
                || (c.getReadinessProbe() != null && c.getReadinessProbe().getExec() != null);
        return new RevisionSettings(rev.getMetadata().getNamespace(), rev.getMetadata().getName(),
                labels.getOrDefault(ServingKeys.SERVICE, ""), labels.getOrDefault(ServingKeys.CONFIGURATION, ""), cc,
                maxScale(rev), Duration.ofSeconds(timeout), Duration.ofSeconds(Math.min(start, timeout)),
                Duration.ofSeconds(Math.max(0, idle)), Revision.PROTOCOL_H2C.equals(rev.protocol()), rev.userPort(),
                c.getPorts() == null ? List.of() : c.getPorts(), c.getReadinessProbe(), execOrStartup, failure(rev));
    }

    private static int maxScale(Revision rev) {
        Map<String, String> a = rev.getMetadata().getAnnotations();
        if (a == null) {
            return 0;
        }
        String v = a.getOrDefault(AutoscalingKeys.MAX_SCALE, a.get(AutoscalingKeys.MAX_SCALE_LEGACY));
        try {
            return v == null ? 0 : Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The message of a False ContainerHealthy or ResourcesAvailable condition, or null. */
    static String failure(Revision rev) {
        if (rev.getStatus() == null) {
            return null;
        }
        for (String type : new String[] {RevisionConditions.CONTAINER_HEALTHY, RevisionConditions.RESOURCES_AVAILABLE}) {
            Condition c = rev.getStatus().getCondition(type);
            if (c != null && Condition.FALSE.equals(c.getStatus())) {
                String reason = c.getReason() == null ? type : c.getReason();
                return "revision " + rev.getMetadata().getName() + " is failing: " + reason
                        + (c.getMessage() == null || c.getMessage().isEmpty() ? "" : ": " + c.getMessage());
            }
        }
        return null;
    }
}
