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
 * A Route: names and splits traffic across Revisions and Configurations, realised as a KIngress and placeholder
 * Services.
 */
@Group(ServingKeys.GROUP)
@Version(Route.VERSION)
@Kind("Route")
@Plural("routes")
@Singular("route")
@Categories({"all", "knative", "serving"})
@ShortNames({"rt"})
public class Route extends KnativeObject<RouteSpec, RouteStatus> implements Namespaced, Defaultable, Validatable {

    /** The API version of this kind. */
    public static final String VERSION = "v1";

    /** Defaults the traffic targets and, without owners, creator/lastModifier. */
    @Override
    @JsonIgnore
    public void setDefaults(AdmissionContext ctx) {
        if ("status".equals(ctx.subResource())) {
            return;
        }
        if (getSpec() == null) {
            setSpec(new RouteSpec());
        }
        getSpec().setTraffic(TrafficRules.defaults(getSpec().getTraffic(), false));
        if (TemplateRules.noOwners(getMetadata())) {
            Route old = ctx.old(Route.class).map(Diffs::copy).orElse(null);
            RouteSpec oldSpec = old == null ? null : old.getSpec();
            if (oldSpec != null) {
                oldSpec.setTraffic(TrafficRules.defaults(oldSpec.getTraffic(), false));
            }
            UserInfo.set(ctx, oldSpec, getSpec(), getMetadata());
        }
    }

    /** Knative's pkg/apis/serving/v1/route_validation.go and, on UPDATE without owners, creator/lastModifier. */
    @Override
    public FieldError validate(AdmissionContext ctx) {
        RouteSpec spec = getSpec() == null ? new RouteSpec() : getSpec();
        FieldError errs = MetadataValidation.servingObjectMetadata(getMetadata(), false, ctx.config().autoscaler())
                .also(MetadataValidation.ownerLabel(getMetadata(), ServingKeys.SERVICE, "Service")
                        .also(MetadataValidation.visibilityLabel(getMetadata())).viaField("labels"))
                .also(MetadataValidation.rolloutDuration(MetadataValidation.annotations(getMetadata()))
                        .viaField("annotations"))
                .viaField("metadata");
        errs = errs.also(TrafficRules.validate(spec.getTraffic(), false).viaField("spec"));
        Route old = ctx.old(Route.class).orElse(null);
        if (ctx.isUpdate() && old != null && TemplateRules.noOwners(getMetadata())) {
            errs = errs.also(MetadataValidation.creatorAndModifier(old.getSpec() == null ? new RouteSpec()
                    : old.getSpec(), spec, MetadataValidation.annotations(old.getMetadata()),
                    MetadataValidation.annotations(getMetadata())).viaField("metadata.annotations"));
        }
        return errs.orNull();
    }
}
