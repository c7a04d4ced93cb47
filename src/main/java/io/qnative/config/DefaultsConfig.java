package io.qnative.config;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config-defaults}: values the webhook fills into Revision templates (Knative's pkg/apis/config/defaults.go),
 * Knative's keys and defaults. Container name templates are Go templates over the parent's metadata
 * ({@code {{.Name}}}); see {@link GoTemplate} for the supported subset.
 *
 * @param revisionTimeoutSeconds {@code revision-timeout-seconds}
 * @param maxRevisionTimeoutSeconds {@code max-revision-timeout-seconds}
 * @param revisionResponseStartTimeoutSeconds {@code revision-response-start-timeout-seconds}; defaults to the
 *     revision timeout
 * @param revisionIdleTimeoutSeconds {@code revision-idle-timeout-seconds}
 * @param containerConcurrency {@code container-concurrency}
 * @param containerConcurrencyMaxLimit {@code container-concurrency-max-limit}
 * @param allowContainerConcurrencyZero {@code allow-container-concurrency-zero}
 * @param containerNameTemplate {@code container-name-template}
 * @param initContainerNameTemplate {@code init-container-name-template}
 * @param enableServiceLinks {@code enable-service-links}: only {@code true}/{@code false} (any case) set it;
 *     another value leaves {@code enableServiceLinks} unset, as Knative does
 * @param resources the {@code revision-{cpu,memory,ephemeral-storage}-{request,limit}} quantities, unset by default
 */
public record DefaultsConfig(
        long revisionTimeoutSeconds,
        long maxRevisionTimeoutSeconds,
        long revisionResponseStartTimeoutSeconds,
        long revisionIdleTimeoutSeconds,
        long containerConcurrency,
        long containerConcurrencyMaxLimit,
        boolean allowContainerConcurrencyZero,
        GoTemplate containerNameTemplate,
        GoTemplate initContainerNameTemplate,
        Optional<Boolean> enableServiceLinks,
        RevisionResources resources) {

    /** The ConfigMap name. */
    public static final String NAME = "config-defaults";

    /** Knative's defaults. */
    public static final DefaultsConfig DEFAULT = new DefaultsConfig(300, 600, 300, 0, 0, 1000, true,
            GoTemplate.parse("user-container"), GoTemplate.parse("init-container"), Optional.of(false),
            RevisionResources.NONE);

    /** The name for an unnamed serving container of a Revision template whose parent has this metadata. */
    public String containerName(ObjectMeta parent) {
        return render(containerNameTemplate, parent);
    }

    /** The name for an unnamed init container of a Revision template whose parent has this metadata. */
    public String initContainerName(ObjectMeta parent) {
        return render(initContainerNameTemplate, parent);
    }

    /** Renders a name template over the parent's metadata, as Go would over an {@code ObjectMeta}; "" on error. */
    private static String render(GoTemplate template, ObjectMeta parent) {
        try {
            return template.render(metaValues(parent));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The fields of an {@code ObjectMeta} a name template may use. */
    static Map<String, Object> metaValues(ObjectMeta meta) {
        Map<String, Object> values = new HashMap<>();
        values.put("Name", nullToEmpty(meta.getName()));
        values.put("GenerateName", nullToEmpty(meta.getGenerateName()));
        values.put("Namespace", nullToEmpty(meta.getNamespace()));
        values.put("UID", nullToEmpty(meta.getUid()));
        values.put("ResourceVersion", nullToEmpty(meta.getResourceVersion()));
        values.put("Generation", meta.getGeneration() == null ? 0L : meta.getGeneration());
        values.put("Labels", meta.getLabels());
        values.put("Annotations", meta.getAnnotations());
        return values;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException with every invalid key
     */
    public static DefaultsConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        DefaultsConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static DefaultsConfig read(MapReader r) {
        DefaultsConfig d = DEFAULT;
        long timeout = r.int64(d.revisionTimeoutSeconds, "revision-timeout-seconds");
        Optional<Boolean> serviceLinks = r.raw("enable-service-links").isPresent()
                ? r.raw("enable-service-links").map(DefaultsConfig::triState).orElse(Optional.empty())
                : d.enableServiceLinks;
        DefaultsConfig c = new DefaultsConfig(
                timeout,
                r.int64(d.maxRevisionTimeoutSeconds, "max-revision-timeout-seconds"),
                r.int64(timeout, "revision-response-start-timeout-seconds"),
                r.int64(d.revisionIdleTimeoutSeconds, "revision-idle-timeout-seconds"),
                r.int64(d.containerConcurrency, "container-concurrency"),
                r.int64(d.containerConcurrencyMaxLimit, "container-concurrency-max-limit"),
                r.bool(d.allowContainerConcurrencyZero, "allow-container-concurrency-zero"),
                template(r, "container-name-template", d.containerNameTemplate),
                template(r, "init-container-name-template", d.initContainerNameTemplate),
                serviceLinks,
                RevisionResources.read(r));
        c.validate(r);
        return c;
    }

    private static Optional<Boolean> triState(String raw) {
        if ("true".equalsIgnoreCase(raw)) {
            return Optional.of(true);
        }
        return "false".equalsIgnoreCase(raw) ? Optional.of(false) : Optional.empty();
    }

    private static GoTemplate template(MapReader r, String key, GoTemplate def) {
        GoTemplate t = r.typed(def, GoTemplate::parse, key);
        try {
            t.render(metaValues(new ObjectMeta()));
        } catch (IllegalArgumentException e) {
            r.problemAt(key, e.getMessage());
        }
        return t;
    }

    private void validate(MapReader r) {
        if (revisionTimeoutSeconds > maxRevisionTimeoutSeconds) {
            r.problemAt("revision-timeout-seconds",
                    "must not be greater than max-revision-timeout-seconds (" + maxRevisionTimeoutSeconds + ")");
        }
        if (revisionResponseStartTimeoutSeconds > 0 && revisionResponseStartTimeoutSeconds > revisionTimeoutSeconds) {
            r.problemAt("revision-response-start-timeout-seconds",
                    "must not be greater than revision-timeout-seconds (" + revisionTimeoutSeconds + ")");
        }
        if (revisionIdleTimeoutSeconds > 0 && revisionIdleTimeoutSeconds > revisionTimeoutSeconds) {
            r.problemAt("revision-idle-timeout-seconds",
                    "must not be greater than revision-timeout-seconds (" + revisionTimeoutSeconds + ")");
        }
        if (containerConcurrencyMaxLimit < 1) {
            r.problemAt("container-concurrency-max-limit", "must be at least 1");
        } else if (containerConcurrency < 0 || containerConcurrency > containerConcurrencyMaxLimit) {
            r.problemAt("container-concurrency",
                    "must be between 0 and container-concurrency-max-limit (" + containerConcurrencyMaxLimit + ")");
        }
    }

    /**
     * Default resource requests and limits for user containers; each empty unless configured.
     *
     * @param cpuRequest {@code revision-cpu-request}
     * @param cpuLimit {@code revision-cpu-limit}
     * @param memoryRequest {@code revision-memory-request}
     * @param memoryLimit {@code revision-memory-limit}
     * @param ephemeralStorageRequest {@code revision-ephemeral-storage-request}
     * @param ephemeralStorageLimit {@code revision-ephemeral-storage-limit}
     */
    public record RevisionResources(
            Optional<String> cpuRequest,
            Optional<String> cpuLimit,
            Optional<String> memoryRequest,
            Optional<String> memoryLimit,
            Optional<String> ephemeralStorageRequest,
            Optional<String> ephemeralStorageLimit) {

        /** Nothing configured. */
        public static final RevisionResources NONE = new RevisionResources(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        static RevisionResources read(MapReader r) {
            return new RevisionResources(q(r, "revision-cpu-request"), q(r, "revision-cpu-limit"),
                    q(r, "revision-memory-request"), q(r, "revision-memory-limit"),
                    q(r, "revision-ephemeral-storage-request"), q(r, "revision-ephemeral-storage-limit"));
        }

        private static Optional<String> q(MapReader r, String key) {
            return r.typed(Optional.empty(), v -> Optional.of(Quantities.parse(v)), key);
        }
    }
}
