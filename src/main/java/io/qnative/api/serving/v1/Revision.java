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
 * A Revision: an immutable snapshot of code and configuration, backed by a Deployment and a PodAutoscaler.
 */
@Group(ServingKeys.GROUP)
@Version(Revision.VERSION)
@Kind("Revision")
@Plural("revisions")
@Singular("revision")
@Categories({"all", "knative", "serving"})
@ShortNames({"rev"})
public class Revision extends KnativeObject<RevisionSpec, RevisionStatus> implements Namespaced, Defaultable, Validatable {

    /** The API version of this kind. */
    public static final String VERSION = "v1";

    /** Defaults the spec on CREATE only: a Revision spec is immutable. */
    @Override
    @JsonIgnore
    public void setDefaults(AdmissionContext ctx) {
        if (ctx.isUpdate() || "status".equals(ctx.subResource())) {
            return;
        }
        if (getSpec() == null) {
            setSpec(new RevisionSpec());
        }
        // As Knative: no parent metadata here, so name templates render over an empty ObjectMeta.
        RevisionSpecDefaults.apply(getSpec(), null, ctx.config(), true);
    }

    /** webhook.md §4: metadata with autoscaling annotations; spec on CREATE, immutability on UPDATE. */
    @Override
    public FieldError validate(AdmissionContext ctx) {
        FieldError errs = MetadataValidation.servingObjectMetadata(getMetadata(), true, ctx.config().autoscaler())
                .also(MetadataValidation.ownerLabel(getMetadata(), ServingKeys.CONFIGURATION, "Configuration")
                        .viaField("labels"))
                .viaField("metadata");
        Revision old = ctx.old(Revision.class).orElse(null);
        if (ctx.isUpdate() && old != null) {
            String diff = Diffs.shortDiff("{v1.RevisionSpec}", old.getSpec(), getSpec());
            if (!diff.isEmpty()) {
                return new FieldError("Immutable fields changed (-old +new)", java.util.List.of("spec"),
                        FieldError.Level.ERROR, diff);
            }
            return errs.orNull();
        }
        return errs.also(RevisionSpecRules.validateSpec(getSpec(), ctx.config()).viaField("spec")).orNull();
    }
}
