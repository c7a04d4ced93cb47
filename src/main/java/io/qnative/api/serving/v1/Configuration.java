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
 * A Configuration: the latest desired template of a workload. Each spec change stamps a new immutable Revision.
 */
@Group(ServingKeys.GROUP)
@Version(Configuration.VERSION)
@Kind("Configuration")
@Plural("configurations")
@Singular("configuration")
@Categories({"all", "knative", "serving"})
@ShortNames({"config", "cfg"})
public class Configuration extends KnativeObject<ConfigurationSpec, ConfigurationStatus> implements Namespaced, Defaultable, Validatable {

    /** The API version of this kind. */
    public static final String VERSION = "v1";

    /** Defaults the template (unless an UPDATE keeps its BYO name) and, without owners, creator/lastModifier. */
    @Override
    @JsonIgnore
    public void setDefaults(AdmissionContext ctx) {
        if ("status".equals(ctx.subResource())) {
            return;
        }
        if (getSpec() == null) {
            setSpec(new ConfigurationSpec());
        }
        Configuration old = ctx.old(Configuration.class).map(Diffs::copy).orElse(null);
        if (old != null && old.getSpec() != null) {
            TemplateRules.defaultTemplate(old.getSpec().getTemplate(), old.getMetadata(), null, ctx);
        }
        TemplateRules.defaultTemplate(getSpec().getTemplate(), getMetadata(),
                old == null || old.getSpec() == null ? null : old.getSpec().getTemplate(), ctx);
        if (TemplateRules.noOwners(getMetadata())) {
            UserInfo.set(ctx, old == null ? null : old.getSpec(), getSpec(), getMetadata());
        }
    }

    /** Knative's pkg/apis/serving/v1/configuration_validation.go. */
    @Override
    public FieldError validate(AdmissionContext ctx) {
        FieldError errs = FieldError.none();
        ConfigurationSpec spec = getSpec() == null ? new ConfigurationSpec() : getSpec();
        if (!"status".equals(ctx.subResource())) {
            errs = errs.also(MetadataValidation.servingObjectMetadata(getMetadata(), false,
                    ctx.config().autoscaler()));
            errs = errs.also(MetadataValidation.ownerLabel(getMetadata(), ServingKeys.SERVICE, "Service")
                    .viaField("labels"));
            errs = errs.viaField("metadata");
            errs = errs.also(TemplateRules.validateTemplate(spec.getTemplate(), getMetadata(), ctx).viaField("spec"));
        }
        Configuration old = ctx.old(Configuration.class).orElse(null);
        if (ctx.isUpdate() && old != null) {
            ConfigurationSpec oldSpec = old.getSpec() == null ? new ConfigurationSpec() : old.getSpec();
            if (TemplateRules.noOwners(getMetadata())) {
                errs = errs.also(MetadataValidation.creatorAndModifier(oldSpec, spec,
                        MetadataValidation.annotations(old.getMetadata()),
                        MetadataValidation.annotations(getMetadata())).viaField("metadata.annotations"));
            }
            errs = errs.also(RevisionSpecRules.verifyNameChange(spec.getTemplate(), oldSpec.getTemplate())
                    .viaField("spec.template"));
        }
        return errs.orNull();
    }
}
