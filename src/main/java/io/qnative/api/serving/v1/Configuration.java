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
 * A Configuration: the latest desired template of a workload. Each spec change stamps a new immutable Revision.
 */
@Group(ServingKeys.GROUP)
@Version(Configuration.VERSION)
@Kind("Configuration")
@Plural("configurations")
@Singular("configuration")
@Categories({"all", "knative", "serving"})
@ShortNames({"config", "cfg"})
public class Configuration extends KnativeObject<ConfigurationSpec, ConfigurationStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1";
}
