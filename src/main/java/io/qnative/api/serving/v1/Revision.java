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
 * A Revision: an immutable snapshot of code and configuration, backed by a Deployment and a PodAutoscaler.
 */
@Group(ServingKeys.GROUP)
@Version(Revision.VERSION)
@Kind("Revision")
@Plural("revisions")
@Singular("revision")
@Categories({"all", "knative", "serving"})
@ShortNames({"rev"})
public class Revision extends KnativeObject<RevisionSpec, RevisionStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1";
}
