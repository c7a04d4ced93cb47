package io.qnative.api.networking.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.networking.NetworkingKeys;

/**
 * A KIngress (internal): the hosts, paths and weighted backends a Route or DomainMapping needs, implemented by the
 * ingress class named in its {@code networking.knative.dev/ingress.class} annotation.
 */
@Group(NetworkingKeys.INTERNAL_GROUP)
@Version(Ingress.VERSION)
@Kind("Ingress")
@Plural("ingresses")
@Singular("ingress")
@Categories({"knative-internal", "networking"})
@ShortNames({"kingress", "king"})
public class Ingress extends KnativeObject<IngressSpec, IngressStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1alpha1";
}
