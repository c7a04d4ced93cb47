package io.qnative.reconciler.revision.resources;

import java.util.SortedMap;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionConditions;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The PodAutoscaler of a Revision, {@code <rev>} (Knative's {@code MakePA} in
 * pkg/reconciler/revision/resources/pa.go): the child labels; the
 * Revision's annotations minus the excluded keys, with {@code autoscaling.knative.dev/class} defaulted from
 * {@code config-autoscaler}; spec containerConcurrency, scaleTargetRef to the apps/v1 Deployment, protocolType and
 * reachability.
 */
public final class PodAutoscalers {

    /** Traffic can reach the Revision: a Route references it. */
    public static final String REACHABLE = "Reachable";
    /** No traffic can reach it: no Route references it, or it failed with no ready pod. */
    public static final String UNREACHABLE = "Unreachable";
    /** Not known yet (routing state pending). */
    public static final String UNKNOWN = "";

    private PodAutoscalers() {
    }

    /**
     * The PodAutoscaler a Revision wants.
     *
     * @param deployment the Revision's current Deployment, or null; a failed Revision is unreachable only while that
     *     Deployment wants replicas and has none ready
     */
    public static PodAutoscaler make(Revision rev, ConfigSnapshot config, Deployment deployment) {
        SortedMap<String, String> annotations = RevisionMeta.autoscalerAnnotations(rev);
        annotations.putIfAbsent(AutoscalingKeys.CLASS, config.autoscaler().podAutoscalerClass());
        PodAutoscaler pa = new PodAutoscaler();
        pa.setMetadata(new ObjectMetaBuilder()
                .withName(Names.podAutoscaler(rev))
                .withNamespace(rev.getMetadata().getNamespace())
                .withLabels(RevisionMeta.labels(rev))
                .withAnnotations(annotations)
                .withOwnerReferences(Kmeta.controllerRef(rev))
                .build());
        PodAutoscalerSpec spec = new PodAutoscalerSpec();
        spec.setContainerConcurrency(rev.getSpec().containerConcurrencyOrDefault());
        spec.setScaleTargetRef(new ObjectReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(Names.deployment(rev)).build());
        String reachability = reachability(rev, deployment);
        // Unknown is Go's empty string, which omitempty leaves out.
        spec.setReachability(reachability.isEmpty() ? null : reachability);
        spec.setProtocolType(rev.protocol());
        pa.setSpec(spec);
        return pa;
    }

    /**
     * {@code reachability}: a Revision whose resources or containers failed while its Deployment wants pods but has
     * none ready is unreachable; otherwise the routing state decides.
     */
    static String reachability(Revision rev, Deployment deployment) {
        boolean infraFailure = false;
        for (String type : new String[] {RevisionConditions.RESOURCES_AVAILABLE, RevisionConditions.CONTAINER_HEALTHY}) {
            Condition c = rev.getStatus() == null ? null : rev.getStatus().getCondition(type);
            infraFailure |= c != null && c.isFalse();
        }
        if (infraFailure && deployment != null && deployment.getSpec() != null
                && deployment.getSpec().getReplicas() != null && deployment.getSpec().getReplicas() > 0
                && readyReplicas(deployment) == 0) {
            return UNREACHABLE;
        }
        switch (rev.routingState()) {
            case ServingKeys.ROUTING_STATE_ACTIVE:
                return REACHABLE;
            case ServingKeys.ROUTING_STATE_RESERVE:
                return UNREACHABLE;
            default:
                return UNKNOWN;
        }
    }

    private static int readyReplicas(Deployment d) {
        if (d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null) {
            return 0;
        }
        return d.getStatus().getReadyReplicas();
    }
}
