package io.qnative.api.serving;

import static io.qnative.api.validation.GoFormat.nz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.qnative.api.autoscaling.AnnotationValidation;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.PriorityKey;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.DefaultsConfig;
import io.qnative.config.GoValues;

/**
 * Metadata and annotation rules shared by the serving kinds (Knative's {@code pkg/apis/serving/metadata_validation.go}
 * and {@code knative.dev/pkg/apis/metadata_validation.go}; pkg/apis/serving/metadata_validation.go).
 */
public final class MetadataValidation {

    /** {@code serving.knative.dev/rollout-duration} with its legacy alias. */
    public static final PriorityKey ROLLOUT_DURATION =
            PriorityKey.of(ServingKeys.ROLLOUT_DURATION, ServingKeys.ROLLOUT_DURATION_LEGACY);
    /** The queue-sidecar resource percentage with its legacy alias. */
    public static final PriorityKey QUEUE_RESOURCE_PERCENTAGE = PriorityKey.of(
            ServingKeys.QUEUE_SIDECAR_RESOURCE_PERCENTAGE, ServingKeys.QUEUE_SIDECAR_RESOURCE_PERCENTAGE_LEGACY);

    private static final String NETWORKING_PREFIX = "networking.knative.dev";
    private static final Set<String> ALLOWED_NETWORKING_KEYS = Set.of("ingress.class", "ingress-class",
            "certificate.class", "certificate-class", "disableAutoTLS", "disable-auto-tls",
            "disable-external-domain-tls", "httpOption", "http-protocol").stream()
            .map(k -> NETWORKING_PREFIX + "/" + k).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final List<String> QUEUE_RESOURCE_KEYS = List.of("cpu-resource-request", "cpu-resource-limit",
            "memory-resource-request", "memory-resource-limit", "ephemeral-storage-resource-request",
            "ephemeral-storage-resource-limit");
    private static final java.util.regex.Pattern QUANTITY = java.util.regex.Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

    private MetadataValidation() {
    }

    /** {@code apis.ValidateObjectMetadata}: name / generateName syntax (paths relative to {@code metadata}). */
    public static FieldError objectMetadata(ObjectMeta meta) {
        String name = nz(meta == null ? null : meta.getName());
        String generateName = nz(meta == null ? null : meta.getGenerateName());
        if (!generateName.isEmpty()) {
            List<String> msgs = K8sNames.nameIsDns1035Label(generateName, true);
            if (!msgs.isEmpty()) {
                return FieldError.generic("not a DNS 1035 label prefix: " + GoFormat.value(msgs), "generateName");
            }
        }
        if (!name.isEmpty()) {
            List<String> msgs = K8sNames.nameIsDns1035Label(name, false);
            if (!msgs.isEmpty()) {
                return FieldError.generic("not a DNS 1035 label: " + GoFormat.value(msgs), "name");
            }
        }
        if (name.isEmpty() && generateName.isEmpty()) {
            return FieldError.generic("name or generateName is required", "name");
        }
        return FieldError.none();
    }

    /**
     * {@code serving.ValidateObjectMetadata}: name rules plus either the autoscaling annotations validated (Revision)
     * or refused (Service, Configuration, Route). Paths relative to {@code metadata}.
     */
    public static FieldError servingObjectMetadata(ObjectMeta meta, boolean allowAutoscaling,
            AutoscalerConfig autoscaler) {
        Map<String, String> annotations = annotations(meta);
        FieldError errs = objectMetadata(meta);
        if (allowAutoscaling) {
            return errs.also(AnnotationValidation.validate(annotations, autoscaler).viaField("annotations"));
        }
        return errs.also(hasNoAutoscalingAnnotation(annotations).viaField("annotations"));
    }

    /** {@code ValidateHasNoAutoscalingAnnotation}. */
    public static FieldError hasNoAutoscalingAnnotation(Map<String, String> annotations) {
        FieldError errs = FieldError.none();
        for (String key : new TreeMap<>(annotations).keySet()) {
            if (key.startsWith(AutoscalingKeys.GROUP)) {
                errs = errs.also(FieldError.invalidKeyName(key, FieldError.CURRENT_FIELD,
                        "autoscaling annotations must be put under \"spec.template.metadata.annotations\" to work"));
            }
        }
        return errs;
    }

    /** {@code ValidateRolloutDurationAnnotation} (paths are the key). */
    public static FieldError rolloutDuration(Map<String, String> annotations) {
        return ROLLOUT_DURATION.get(annotations).filter(f -> !f.value().isEmpty())
                .map(f -> secondsDuration(f.key(), f.value(), "rollout-duration"))
                .orElse(FieldError.none());
    }

    /** {@code serving.knative.dev/progress-deadline} on a template (paths are the key). */
    public static FieldError progressDeadline(Map<String, String> annotations) {
        String v = annotations.get(ServingKeys.PROGRESS_DEADLINE);
        return v == null ? FieldError.none() : secondsDuration(ServingKeys.PROGRESS_DEADLINE, v, "progress-deadline");
    }

    private static FieldError secondsDuration(String key, String v, String label) {
        Duration d;
        try {
            d = GoValues.parseDuration(v);
        } catch (IllegalArgumentException e) {
            return FieldError.invalidValue(v, key);
        }
        if (d.getNano() != 0) {
            return FieldError.generic(label + "=" + v + " is not at second precision", key);
        }
        if (d.isNegative()) {
            return FieldError.generic(label + "=" + v + " must be positive", key);
        }
        return FieldError.none();
    }

    /** The queue-sidecar annotations of a template: resource percentage and quantities (paths {@code [key]}). */
    public static FieldError queueSidecarAnnotations(Map<String, String> annotations) {
        FieldError errs = FieldError.none();
        var pct = QUEUE_RESOURCE_PERCENTAGE.get(annotations);
        if (pct.isPresent()) {
            String k = pct.get().key();
            String v = pct.get().value();
            Double d;
            try {
                d = GoValues.parseFloat(v);
            } catch (IllegalArgumentException e) {
                d = null;
            }
            if (d == null) {
                errs = errs.also(FieldError.invalidValue(v, FieldError.CURRENT_FIELD).viaKey(k));
            } else if (d < 0.1 || d > 100) {
                errs = errs.also(FieldError.outOfBoundsValue(d, 0.1, 100.0, FieldError.CURRENT_FIELD).viaKey(k));
            }
            errs = errs.also(FieldError.generic("queue.sidecar.serving.knative.dev/resource-percentage annotation "
                    + "is deprecated and will be removed in a future release", FieldError.CURRENT_FIELD).viaKey(k)
                    .at(FieldError.Level.WARNING));
        }
        for (String suffix : QUEUE_RESOURCE_KEYS) {
            String k = ServingKeys.QUEUE_SIDECAR_PREFIX + suffix;
            String v = annotations.get(k);
            if (v != null && !QUANTITY.matcher(v).matches()) {
                errs = errs.also(FieldError.invalidValue(v, FieldError.CURRENT_FIELD).viaKey(k));
            }
        }
        return errs;
    }

    /** Only the known {@code networking.knative.dev/*} annotations may be set on a template. */
    public static FieldError networkingAnnotations(Map<String, String> annotations) {
        FieldError errs = FieldError.none();
        for (String key : new TreeMap<>(annotations).keySet()) {
            if (key.startsWith(NETWORKING_PREFIX) && !ALLOWED_NETWORKING_KEYS.contains(key)) {
                errs = errs.also(FieldError.invalidKeyName(key, FieldError.CURRENT_FIELD));
            }
        }
        return errs;
    }

    /**
     * {@code validateClusterVisibilityLabel} of a Service's or Route's labels: the visibility label, when present, is
     * {@code cluster-local} (path: the label key).
     */
    public static FieldError visibilityLabel(ObjectMeta meta) {
        String val = meta == null || meta.getLabels() == null ? null : meta.getLabels().get(NetworkingKeys.VISIBILITY);
        if (val == null || NetworkingKeys.VISIBILITY_CLUSTER_LOCAL.equals(val)) {
            return FieldError.none();
        }
        return FieldError.invalidValue(val, NetworkingKeys.VISIBILITY);
    }

    /** {@code verifyLabelOwnerRef}: a label naming an owner needs a matching ownerReference. */
    public static FieldError ownerLabel(ObjectMeta meta, String labelKey, String ownerKind) {
        Map<String, String> labels = meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
        String val = labels.get(labelKey);
        if (val == null) {
            return FieldError.none();
        }
        List<OwnerReference> refs = meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
        for (OwnerReference ref : refs) {
            if (ownerKind.equals(ref.getKind()) && val.equals(ref.getName())) {
                return FieldError.none();
            }
        }
        return FieldError.missingField(labelKey);
    }

    /** {@code ValidateContainerConcurrency} (path: the field itself). */
    public static FieldError containerConcurrency(Long cc, DefaultsConfig defaults) {
        if (cc == null) {
            return FieldError.none();
        }
        long min = defaults.allowContainerConcurrencyZero() ? 0 : 1;
        if (cc < min || cc > defaults.containerConcurrencyMaxLimit()) {
            return FieldError.outOfBoundsValue(cc, min, defaults.containerConcurrencyMaxLimit(),
                    FieldError.CURRENT_FIELD);
        }
        return FieldError.none();
    }

    /**
     * {@code apis.ValidateCreatorAndModifier}: the creator never changes; lastModifier only with a spec change.
     * Paths are the annotation keys.
     */
    public static FieldError creatorAndModifier(Object oldSpec, Object newSpec, Map<String, String> oldAnnotations,
            Map<String, String> newAnnotations) {
        FieldError errs = FieldError.none();
        if (!Objects.equals(oldAnnotations.get(ServingKeys.CREATOR), newAnnotations.get(ServingKeys.CREATOR))) {
            errs = errs.also(FieldError.generic("annotation value is immutable", ServingKeys.CREATOR));
        }
        if (Objects.equals(oldSpec, newSpec) && !Objects.equals(oldAnnotations.get(ServingKeys.LAST_MODIFIER),
                newAnnotations.get(ServingKeys.LAST_MODIFIER))) {
            String v = newAnnotations.get(ServingKeys.LAST_MODIFIER);
            errs = errs.also(FieldError.invalidValue(v == null ? "" : v, ServingKeys.LAST_MODIFIER));
        }
        return errs;
    }

    /** The annotations of {@code meta}, never null. */
    public static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }
}
