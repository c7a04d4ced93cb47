package io.qnative.api.serving.v1beta1;

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
public class DomainMapping extends KnativeObject<DomainMappingSpec, DomainMappingStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1beta1";
}
