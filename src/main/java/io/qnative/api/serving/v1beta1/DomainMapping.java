package io.qnative.api.serving.v1beta1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.duck.KReference;
import io.qnative.api.serving.MetadataValidation;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.UserInfo;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;
import io.qnative.api.validation.Validatable;

/**
 * A DomainMapping: serves an Addressable (usually a Knative Service) at a custom domain, the object's name.
 */
@Group(ServingKeys.GROUP)
@Version(DomainMapping.VERSION)
@Kind("DomainMapping")
@Plural("domainmappings")
@Singular("domainmapping")
@Categories({"all", "knative", "serving"})
@ShortNames({"dm"})
public class DomainMapping extends KnativeObject<DomainMappingSpec, DomainMappingStatus>
        implements Namespaced, Defaultable, Validatable {

    /** The API version of this kind. */
    public static final String VERSION = "v1beta1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code spec.ref.namespace} defaults to the mapping's namespace; creator/lastModifier from the user. */
    @Override
    @JsonIgnore
    public void setDefaults(AdmissionContext ctx) {
        if ("status".equals(ctx.subResource())) {
            return;
        }
        if (getSpec() == null) {
            setSpec(new DomainMappingSpec());
        }
        defaultRef(getSpec(), getMetadata());
        DomainMapping old = ctx.old(DomainMapping.class).map(o -> MAPPER.convertValue(o, DomainMapping.class))
                .orElse(null);
        DomainMappingSpec oldSpec = old == null ? null : old.getSpec();
        if (oldSpec != null) {
            defaultRef(oldSpec, old.getMetadata());
        }
        UserInfo.set(ctx, oldSpec, getSpec(), getMetadata());
    }

    private static void defaultRef(DomainMappingSpec spec, ObjectMeta meta) {
        if (spec.getRef() != null && (spec.getRef().getNamespace() == null || spec.getRef().getNamespace().isEmpty())
                && meta != null) {
            spec.getRef().setNamespace(meta.getNamespace());
        }
    }

    /** Knative's {@code pkg/apis/serving/v1beta1/domainmapping_validation.go}. */
    @Override
    public FieldError validate(AdmissionContext ctx) {
        ObjectMeta meta = getMetadata() == null ? new ObjectMeta() : getMetadata();
        String name = meta.getName() == null ? "" : meta.getName();
        FieldError md = FieldError.none();
        if (meta.getGenerateName() != null && !meta.getGenerateName().isEmpty()) {
            md = md.also(FieldError.disallowedFields("generateName"));
        }
        String fqdn = K8sNames.fullyQualifiedDomainName("name", name);
        if (!fqdn.isEmpty()) {
            md = md.also(FieldError.generic("invalid name " + GoFormat.quote(name) + ": " + fqdn, "name"));
        }
        String clusterDomain = ctx.config().clusterDomain();
        if (name.endsWith("." + clusterDomain)) {
            md = md.also(FieldError.generic("invalid name " + GoFormat.quote(name)
                    + ": must not be a subdomain of cluster local domain " + GoFormat.quote(clusterDomain), "name"));
        }
        DomainMapping old = ctx.old(DomainMapping.class).orElse(null);
        DomainMappingSpec spec = getSpec() == null ? new DomainMappingSpec() : getSpec();
        if (ctx.isUpdate() && old != null) {
            md = md.also(MetadataValidation.creatorAndModifier(old.getSpec() == null ? new DomainMappingSpec()
                    : old.getSpec(), spec, MetadataValidation.annotations(old.getMetadata()),
                    MetadataValidation.annotations(meta)).viaField("annotations"));
        }
        FieldError errs = md.viaField("metadata");
        return errs.also(validateRef(spec.getRef(), meta.getNamespace()).viaField("spec.ref")).orNull();
    }

    /** {@code KReference.Validate} within the mapping's namespace. */
    private static FieldError validateRef(KReference ref, String parentNamespace) {
        if (ref == null) {
            return FieldError.missingField("name").also(FieldError.missingField("apiVersion"))
                    .also(FieldError.missingField("kind"));
        }
        FieldError errs = FieldError.none();
        if (empty(ref.getName())) {
            errs = errs.also(FieldError.missingField("name"));
        }
        if (!empty(ref.getGroup())) {
            errs = errs.also(FieldError.disallowedFields("group"));
        }
        if (empty(ref.getApiVersion())) {
            errs = errs.also(FieldError.missingField("apiVersion"));
        }
        if (empty(ref.getKind())) {
            errs = errs.also(FieldError.missingField("kind"));
        }
        if (!empty(ref.getNamespace()) && !empty(parentNamespace) && !ref.getNamespace().equals(parentNamespace)) {
            errs = errs.also(new FieldError("mismatched namespaces", List.of("namespace"), FieldError.Level.ERROR,
                    "parent namespace: " + GoFormat.quote(parentNamespace) + " does not match ref: "
                            + GoFormat.quote(ref.getNamespace())));
        }
        return errs;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
