package io.qnative.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code config-deployment}: how Revisions become Deployments (resources.md §6, §14), Knative's keys, legacy
 * camelCase aliases (the kebab-case key wins) and defaults.
 *
 * <p>Difference from Knative: qnative runs no queue-proxy sidecar, so {@code queue-sidecar-image} is optional
 * (Knative refuses a map without it) and the {@code queue-sidecar-*} keys are validated but not used.
 *
 * @param queueSidecarImage {@code queue-sidecar-image}, empty when unset
 * @param progressDeadline {@code progress-deadline}
 * @param digestResolutionTimeout {@code digest-resolution-timeout}
 * @param registriesSkippingTagResolving {@code registries-skipping-tag-resolving}
 * @param defaultAffinityType {@code default-affinity-type}: {@code prefer-spread-revision-over-nodes} or {@code none}
 * @param runtimeClassNames {@code runtime-class-name}: runtime class to label selector ({@code {}} selects all)
 * @param podIsAlwaysSchedulable {@code pod-is-always-schedulable}
 * @param queueSidecarResources the {@code queue-sidecar-*-request/limit} quantities by key
 * @param queueSidecarTokenAudiences {@code queue-sidecar-token-audiences}
 * @param queueSidecarRootCa {@code queue-sidecar-rootca}
 * @param activator qnative's keys for the in-process activator (no Knative equivalent; see {@link Activator})
 */
public record DeploymentConfig(
        String queueSidecarImage,
        Duration progressDeadline,
        Duration digestResolutionTimeout,
        Set<String> registriesSkippingTagResolving,
        String defaultAffinityType,
        Map<String, Map<String, String>> runtimeClassNames,
        boolean podIsAlwaysSchedulable,
        Map<String, String> queueSidecarResources,
        Set<String> queueSidecarTokenAudiences,
        String queueSidecarRootCa,
        Activator activator) {

    /**
     * qnative's own {@code config-deployment} keys for the gateway's activator. Knative's activator queue is
     * unbounded (knative/serving#13583) and its probe timeout fixed (#14202); these bound and tune them.
     *
     * @param queueDepth {@code activator-queue-depth}: the most requests waiting for one revision; 0 (the default)
     *     means {@code max(100, 10 x containerConcurrency x max(1, max-scale))}, or 1000 when containerConcurrency
     *     is 0
     * @param queueTotal {@code activator-queue-total}: the most requests waiting over all revisions (10000)
     * @param probeTimeout {@code activator-probe-timeout}: the timeout of the gateway's readiness probe of a new
     *     pod after its first 10 s (300ms; the first 10 s use 100ms)
     */
    public record Activator(int queueDepth, int queueTotal, Duration probeTimeout) {
        /** The defaults. */
        public static final Activator DEFAULT = new Activator(0, 10_000, Duration.ofMillis(300));
    }

    /** The ConfigMap name. */
    public static final String NAME = "config-deployment";
    /** Spread a revision's pods over nodes (the default). */
    public static final String AFFINITY_PREFER_SPREAD = "prefer-spread-revision-over-nodes";
    /** No affinity added. */
    public static final String AFFINITY_NONE = "none";

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String[][] QUEUE_RESOURCE_KEYS = {
        {"queue-sidecar-cpu-request", "queueSidecarCPURequest"},
        {"queue-sidecar-cpu-limit", "queueSidecarCPULimit"},
        {"queue-sidecar-memory-request", "queueSidecarMemoryRequest"},
        {"queue-sidecar-memory-limit", "queueSidecarMemoryLimit"},
        {"queue-sidecar-ephemeral-storage-request", "queueSidecarEphemeralStorageRequest"},
        {"queue-sidecar-ephemeral-storage-limit", "queueSidecarEphemeralStorageLimit"},
    };

    /** Knative's defaults (no queue sidecar image). */
    public static final DeploymentConfig DEFAULT = new DeploymentConfig("", Duration.ofSeconds(600),
            Duration.ofSeconds(10), StringSets.of("kind.local", "ko.local", "dev.local"), AFFINITY_PREFER_SPREAD,
            Map.of(), false, Map.of("queue-sidecar-cpu-request", "25m"), Set.of(), "", Activator.DEFAULT);

    /** Canonical copies. */
    public DeploymentConfig {
        registriesSkippingTagResolving = Set.copyOf(registriesSkippingTagResolving);
        runtimeClassNames = Collections.unmodifiableMap(new TreeMap<>(runtimeClassNames));
        queueSidecarResources = Collections.unmodifiableMap(new TreeMap<>(queueSidecarResources));
        queueSidecarTokenAudiences = Set.copyOf(queueSidecarTokenAudiences);
    }

    /**
     * The runtime class for pods with these labels: the most specific matching selector wins, ties go to the
     * lexicographically smallest class name; empty when none matches.
     */
    public Optional<String> runtimeClassName(Map<String, String> labels) {
        String best = null;
        int specificity = -1;
        for (Map.Entry<String, Map<String, String>> e : runtimeClassNames.entrySet()) {
            Map<String, String> selector = e.getValue();
            boolean matches = selector.entrySet().stream().allMatch(s -> s.getValue().equals(labels.get(s.getKey())));
            if (matches && selector.size() > specificity) {
                best = e.getKey();
                specificity = selector.size();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException with every invalid key
     */
    public static DeploymentConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        DeploymentConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static DeploymentConfig read(MapReader r) {
        DeploymentConfig d = DEFAULT;
        Map<String, String> resources = new LinkedHashMap<>(d.queueSidecarResources);
        for (String[] keys : QUEUE_RESOURCE_KEYS) {
            r.typed(Optional.<String>empty(), v -> Optional.of(Quantities.parse(v)), keys)
                    .ifPresent(q -> resources.put(keys[0], q));
        }
        String affinity = r.typed(d.defaultAffinityType, v -> {
            if (!AFFINITY_PREFER_SPREAD.equals(v) && !AFFINITY_NONE.equals(v)) {
                throw new IllegalArgumentException("must be " + AFFINITY_PREFER_SPREAD + " or " + AFFINITY_NONE);
            }
            return v;
        }, "default-affinity-type");
        DeploymentConfig c = new DeploymentConfig(
                r.string(d.queueSidecarImage, "queue-sidecar-image", "queueSidecarImage"),
                r.duration(d.progressDeadline, "progress-deadline", "progressDeadline"),
                r.duration(d.digestResolutionTimeout, "digest-resolution-timeout", "digestResolutionTimeout"),
                r.typed(d.registriesSkippingTagResolving, StringSets::parse,
                        "registries-skipping-tag-resolving", "registriesSkippingTagResolving"),
                affinity,
                r.typed(d.runtimeClassNames, DeploymentConfig::runtimeClasses, "runtime-class-name"),
                r.bool(d.podIsAlwaysSchedulable, "pod-is-always-schedulable"),
                resources,
                r.typed(d.queueSidecarTokenAudiences, StringSets::parse, "queue-sidecar-token-audiences"),
                r.string(d.queueSidecarRootCa, "queue-sidecar-rootca"),
                activator(r, d.activator));
        String deadlineKey = r.presentKey("progress-deadline", "progressDeadline").orElse("progress-deadline");
        if (c.progressDeadline.isNegative() || c.progressDeadline.isZero()) {
            r.problemAt(deadlineKey, "must be positive");
        } else if (c.progressDeadline.getNano() != 0) {
            r.problemAt(deadlineKey, "must be a whole number of seconds");
        }
        if (c.digestResolutionTimeout.isNegative() || c.digestResolutionTimeout.isZero()) {
            r.problemAt(r.presentKey("digest-resolution-timeout", "digestResolutionTimeout")
                    .orElse("digest-resolution-timeout"), "must be positive");
        }
        return c;
    }

    private static Activator activator(MapReader r, Activator d) {
        long depth = r.int64(d.queueDepth(), "activator-queue-depth");
        long total = r.int64(d.queueTotal(), "activator-queue-total");
        Duration probe = r.duration(d.probeTimeout(), "activator-probe-timeout");
        if (depth < 0 || depth > Integer.MAX_VALUE) {
            r.problemAt("activator-queue-depth", "must be 0 (derived) or a positive number");
            depth = d.queueDepth();
        }
        if (total < 1 || total > Integer.MAX_VALUE) {
            r.problemAt("activator-queue-total", "must be a positive number");
            total = d.queueTotal();
        }
        if (probe.isNegative() || probe.isZero()) {
            r.problemAt("activator-probe-timeout", "must be positive");
            probe = d.probeTimeout();
        }
        return new Activator((int) depth, (int) total, probe);
    }

    private static Map<String, Map<String, String>> runtimeClasses(String yaml) {
        if (yaml.isBlank()) {
            return Map.of();
        }
        Map<String, RuntimeClassSelector> parsed =
                Yaml.read(yaml, new TypeReference<Map<String, RuntimeClassSelector>>() { });
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (parsed == null) {
            return out;
        }
        parsed.forEach((name, sel) -> {
            if (!DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
                throw new IllegalArgumentException("runtime class \"" + name + "\" is not a DNS subdomain");
            }
            Map<String, String> selector = sel == null || sel.selector() == null ? Map.of() : sel.selector();
            out.put(name, Map.copyOf(selector));
        });
        return out;
    }

    /** YAML shape of one {@code runtime-class-name} entry. */
    record RuntimeClassSelector(Map<String, String> selector) {
    }
}
