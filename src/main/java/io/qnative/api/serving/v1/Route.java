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
public class Route extends KnativeObject<RouteSpec, RouteStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1";
}
