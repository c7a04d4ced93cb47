package io.qnative.api.serving.v1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
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
    /** The serving port when the serving container declares none ({@code DefaultUserPort}). */
    public static final int DEFAULT_USER_PORT = 8080;
    /** The name of the serving container's port in the Deployment ({@code UserPortName}). */
    public static final String USER_PORT_NAME = "user-port";
    /** Protocol of a Revision whose serving port is named {@code h2c}. */
    public static final String PROTOCOL_H2C = "h2c";
    /** Protocol of every other Revision. */
    public static final String PROTOCOL_HTTP1 = "http1";

    /** {@code GetProtocol}: {@code h2c} when the serving container's first port is named so, else {@code http1}. */
    @JsonIgnore
    public String protocol() {
        List<ContainerPort> ports = servingContainer().getPorts();
        return ports != null && !ports.isEmpty() && PROTOCOL_H2C.equals(ports.get(0).getName())
                ? PROTOCOL_H2C : PROTOCOL_HTTP1;
    }

    /**
     * The serving container's first port if set and non-zero, else {@link #DEFAULT_USER_PORT} ({@code
     * getUserPort}).
     */
    @JsonIgnore
    public int userPort() {
        List<ContainerPort> ports = servingContainer().getPorts();
        if (ports != null && !ports.isEmpty() && ports.get(0).getContainerPort() != null
                && ports.get(0).getContainerPort() != 0) {
            return ports.get(0).getContainerPort();
        }
        return DEFAULT_USER_PORT;
    }

    /** The {@code serving.knative.dev/routingState} label: {@code pending}, {@code active}, {@code reserve} or "". */
    @JsonIgnore
    public String routingState() {
        String s = getMetadata() == null || getMetadata().getLabels() == null ? null
                : getMetadata().getLabels().get(ServingKeys.ROUTING_STATE);
        return s == null ? "" : s;
    }

    private Container servingContainer() {
        return getSpec() == null ? new Container() : getSpec().servingContainer();
    }

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
        RevisionSpecDefaults.apply(getSpec(), null, ctx.config(), ctx.isCreate());
    }

    /**
     * Knative's pkg/apis/serving/v1/revision_validation.go: metadata with autoscaling annotations; spec on CREATE,
     * immutability on UPDATE.
     */
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
