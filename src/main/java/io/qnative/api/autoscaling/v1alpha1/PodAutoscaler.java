package io.qnative.api.autoscaling.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.duck.KnativeObject;

/**
 * A PodAutoscaler (internal): scales a Revision's Deployment and reports the Service fronting it.
 */
@Group(AutoscalingKeys.INTERNAL_GROUP)
@Version(PodAutoscaler.VERSION)
@Kind("PodAutoscaler")
@Plural("podautoscalers")
@Singular("podautoscaler")
@Categories({"knative-internal", "autoscaling"})
@ShortNames({"kpa", "pa"})
public class PodAutoscaler extends KnativeObject<PodAutoscalerSpec, PodAutoscalerStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1alpha1";
}
