package io.qnative.api.serving.v1;

import static io.qnative.api.validation.GoFormat.nz;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.autoscaling.AnnotationValidation;
import io.qnative.api.serving.MetadataValidation;
import io.qnative.api.serving.PodSpecValidation;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.ConfigSnapshot;

/**
 * Validation of a Revision spec and of a Revision template (Knative's {@code
 * pkg/apis/serving/v1/revision_validation.go}).
 */
final class RevisionSpecRules {

    private RevisionSpecRules() {
    }

    /** {@code RevisionSpec.Validate}: pod spec, timeoutSeconds, containerConcurrency (paths relative to spec). */
    static FieldError validateSpec(RevisionSpec spec, ConfigSnapshot config) {
        RevisionSpec rs = spec == null ? new RevisionSpec() : spec;
        FieldError errs = PodSpecValidation.validate(rs, config.features());
        Long timeout = rs.getTimeoutSeconds();
        long max = config.defaults().maxRevisionTimeoutSeconds();
        if (timeout != null && timeout != 0 && (timeout > max || timeout < 0)) {
            errs = errs.also(FieldError.outOfBoundsValue(timeout, 0, max, "timeoutSeconds"));
        }
        return errs.also(MetadataValidation.containerConcurrency(rs.getContainerConcurrency(), config.defaults())
                .viaField("containerConcurrency"));
    }

    /** {@code RevisionTemplateSpec.Validate} within a parent (paths relative to the template). */
    static FieldError validateTemplate(RevisionTemplateSpec template, ObjectMeta parent, ConfigSnapshot config) {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> annotations = MetadataValidation.annotations(meta);
        FieldError errs = validateSpec(template.getSpec(), config).viaField("spec");
        errs = errs.also(AnnotationValidation.validate(annotations, config.autoscaler())
                .viaField("metadata.annotations"));
        errs = errs.also(revisionName(nz(meta.getName()), nz(meta.getGenerateName()), parent));
        errs = errs.also(MetadataValidation.queueSidecarAnnotations(annotations).viaField("metadata.annotations"));
        errs = errs.also(MetadataValidation.progressDeadline(annotations).viaField("metadata.annotations"));
        return errs.also(MetadataValidation.networkingAnnotations(annotations).viaField("metadata.annotations"));
    }

    /** {@code validateRevisionName}. */
    static FieldError revisionName(String name, String generateName, ObjectMeta parent) {
        if (!generateName.isEmpty()) {
            List<String> msgs = K8sNames.nameIsDns1035Label(generateName, true);
            if (!msgs.isEmpty()) {
                return FieldError.invalidValue("not a DNS 1035 label prefix: " + GoFormat.value(msgs),
                        "metadata.generateName");
            }
        }
        if (name.isEmpty()) {
            return FieldError.none();
        }
        List<String> msgs = K8sNames.nameIsDns1035Label(name, false);
        if (!msgs.isEmpty()) {
            return FieldError.invalidValue("not a DNS 1035 label: " + GoFormat.value(msgs), "metadata.name");
        }
        String parentName = parent == null ? "" : nz(parent.getName());
        String parentGenerateName = parent == null ? "" : nz(parent.getGenerateName());
        if (parentName.isEmpty() && !parentGenerateName.isEmpty()) {
            return FieldError.disallowedFields("metadata.name");
        }
        String prefix = parentName + "-";
        if (!name.startsWith(prefix)) {
            return FieldError.invalidValue(GoFormat.quote(name) + " must have prefix " + GoFormat.quote(prefix),
                    "metadata.name");
        }
        return FieldError.none();
    }

    /**
     * {@code VerifyNameChange}: with the same non-empty name the whole template must be unchanged (paths relative
     * to the template).
     */
    static FieldError verifyNameChange(RevisionTemplateSpec now, RevisionTemplateSpec old) {
        String name = now == null || now.getMetadata() == null ? "" : nz(now.getMetadata().getName());
        String oldName = old == null || old.getMetadata() == null ? "" : nz(old.getMetadata().getName());
        if (name.isEmpty() || !name.equals(oldName)) {
            return FieldError.none();
        }
        String diff = Diffs.shortDiff("{*v1.RevisionTemplateSpec}", old, now);
        if (diff.isEmpty()) {
            return FieldError.none();
        }
        return new FieldError("Saw the following changes without a name change (-old +new)",
                List.of("metadata.name"), FieldError.Level.ERROR, diff);
    }
}
