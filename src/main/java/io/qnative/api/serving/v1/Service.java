package io.qnative.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.MetadataValidation;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.Validatable;

/**
 * A Knative Service ({@code ksvc}): a Configuration plus a Route, managed together. The Service reconciler creates
 * both, named after the Service, and mirrors their status.
 */
@Group(ServingKeys.GROUP)
@Version(Service.VERSION)
@Kind("Service")
@Plural("services")
@Singular("service")
@Categories({"all", "knative", "serving"})
@ShortNames({"kservice", "ksvc"})
public class Service extends KnativeObject<ServiceSpec, ServiceStatus> implements Namespaced, Defaultable, Validatable {

    /** The API version of this kind. */
    public static final String VERSION = "v1";

    /** Defaults the template (unless an UPDATE keeps its BYO name), the traffic and creator/lastModifier. */
    @Override
    @JsonIgnore
    public void setDefaults(AdmissionContext ctx) {
        if ("status".equals(ctx.subResource())) {
            return;
        }
        if (getSpec() == null) {
            setSpec(new ServiceSpec());
        }
        Service old = ctx.old(Service.class).map(Diffs::copy).orElse(null);
        if (old != null && old.getSpec() != null) {
            TemplateRules.defaultServiceSpec(old.getSpec(), old.getMetadata(), null, ctx);
        }
        TemplateRules.defaultServiceSpec(getSpec(), getMetadata(), old == null ? null : old.getSpec(), ctx);
        UserInfo.set(ctx, old == null ? null : old.getSpec(), getSpec(), getMetadata());
    }

    /** Knative's pkg/apis/serving/v1/service_validation.go. */
    @Override
    public FieldError validate(AdmissionContext ctx) {
        FieldError errs = FieldError.none();
        ServiceSpec spec = getSpec() == null ? new ServiceSpec() : getSpec();
        if (!"status".equals(ctx.subResource())) {
            errs = errs.also(MetadataValidation.servingObjectMetadata(getMetadata(), false,
                    ctx.config().autoscaler()));
            errs = errs.also(MetadataValidation.visibilityLabel(getMetadata()).viaField("labels"));
            errs = errs.also(MetadataValidation.rolloutDuration(MetadataValidation.annotations(getMetadata()))
                    .viaField("annotations"));
            errs = errs.viaField("metadata");
            errs = errs.also(TemplateRules.validateTemplate(spec.getTemplate(), getMetadata(), ctx).viaField("spec"));
            errs = errs.also(TrafficRules.validate(spec.getTraffic(), true).viaField("spec"));
        }
        Service old = ctx.old(Service.class).orElse(null);
        if (ctx.isUpdate() && old != null) {
            ServiceSpec oldSpec = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
            errs = errs.also(MetadataValidation.creatorAndModifier(oldSpec, spec,
                    MetadataValidation.annotations(old.getMetadata()), MetadataValidation.annotations(getMetadata()))
                    .viaField("metadata.annotations"));
            errs = errs.also(RevisionSpecRules.verifyNameChange(spec.getTemplate(), oldSpec.getTemplate())
                    .viaField("spec.template"));
        }
        return errs.orNull();
    }
}
