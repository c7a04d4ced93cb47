package io.qnative.api.serving.v1;

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
public class Service extends KnativeObject<ServiceSpec, ServiceStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1";
}
