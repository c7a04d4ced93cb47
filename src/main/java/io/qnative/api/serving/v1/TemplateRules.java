package io.qnative.api.serving.v1;

import static io.qnative.api.validation.GoFormat.nz;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.FieldError;

/** Defaulting and validation steps shared by Service and Configuration. */
final class TemplateRules {

    private TemplateRules() {
    }

    /** {@code ConfigurationSpec.SetDefaults}: skipped when an UPDATE keeps the same non-empty BYO name. */
    static void defaultTemplate(RevisionTemplateSpec template, ObjectMeta parent, RevisionTemplateSpec oldTemplate,
            AdmissionContext ctx) {
        if (template == null) {
            return;
        }
        String name = template.getMetadata() == null ? "" : nz(template.getMetadata().getName());
        String oldName = oldTemplate == null || oldTemplate.getMetadata() == null ? ""
                : nz(oldTemplate.getMetadata().getName());
        if (ctx.isUpdate() && oldTemplate != null && !name.isEmpty() && name.equals(oldName)) {
            return;
        }
        if (template.getSpec() == null) {
            template.setSpec(new RevisionSpec());
        }
        RevisionSpecDefaults.apply(template.getSpec(), parent, ctx.config(), ctx.isCreate());
    }

    /** {@code ServiceSpec.SetDefaults}: template plus traffic with the Service's implied configuration. */
    static void defaultServiceSpec(ServiceSpec spec, ObjectMeta parent, ServiceSpec oldSpec, AdmissionContext ctx) {
        defaultTemplate(spec.getTemplate(), parent, oldSpec == null ? null : oldSpec.getTemplate(), ctx);
        spec.setTraffic(TrafficRules.defaults(spec.getTraffic(), true));
    }

    /** {@code ConfigurationSpec.Validate}: an absent template is a missing spec. */
    static FieldError validateTemplate(RevisionTemplateSpec template, ObjectMeta parent, AdmissionContext ctx) {
        if (template == null) {
            return FieldError.missingField(FieldError.CURRENT_FIELD);
        }
        return RevisionSpecRules.validateTemplate(template, parent, ctx.config()).viaField("template");
    }

    static boolean noOwners(ObjectMeta meta) {
        return meta == null || meta.getOwnerReferences() == null || meta.getOwnerReferences().isEmpty();
    }
}
