package io.qnative.reconciler.revision.resources;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.kube.Kmeta;

/**
 * Which fields of a Revision's live children the revision reconciler owns, and how a wanted child is copied onto
 * the live one (the {@code same}/{@code merge} pair of the child applier). Fields others own survive: the
 * Deployment's replicas (the autoscaler's) and immutable selector, labels and annotations added by anybody else,
 * and everything the API server defaulted.
 */
public final class OwnedFields {

    private OwnedFields() {
    }

    /**
     * A Deployment is left alone while its {@code serving.knative.dev/deployment-hash} label equals the wanted one
     * (Knative's pkg/reconciler/revision/resources/deploy.go): the hash covers everything the builder produces, and
     * comparing specs instead would
     * see every field the API server defaults as a change.
     */
    public static boolean sameDeployment(Deployment have, Deployment want) {
        return Objects.equals(label(have, ServingKeys.DEPLOYMENT_HASH), label(want, ServingKeys.DEPLOYMENT_HASH));
    }

    /**
     * The wanted Deployment's spec on {@code have} (a copy of the live object) keeping its replicas and selector;
     * the wanted labels and annotations are added to (and win over) the live ones.
     */
    public static Deployment deployment(Deployment have, Deployment want) {
        DeploymentSpec spec = Kmeta.deepCopy(want.getSpec(), DeploymentSpec.class);
        if (have.getSpec() != null) {
            spec.setReplicas(have.getSpec().getReplicas());
            spec.setSelector(have.getSpec().getSelector());
        }
        have.setSpec(spec);
        mergeMetadata(have, want);
        return have;
    }

    /**
     * A Service is unchanged while its ports and selector are the wanted ones (as the ServerlessService reconciler
     * compares them) and it carries every wanted label and annotation.
     */
    public static boolean sameService(Service have, Service want) {
        return have.getSpec() != null
                && Objects.equals(have.getSpec().getPorts(), want.getSpec().getPorts())
                && Objects.equals(orEmpty(have.getSpec().getSelector()), orEmpty(want.getSpec().getSelector()))
                && containsAll(have.getMetadata().getLabels(), want.getMetadata().getLabels())
                && containsAll(have.getMetadata().getAnnotations(), want.getMetadata().getAnnotations());
    }

    /** The wanted ports and selector on {@code have}, the wanted labels and annotations added. */
    public static Service service(Service have, Service want) {
        have.getSpec().setPorts(want.getSpec().getPorts());
        have.getSpec().setSelector(want.getSpec().getSelector());
        mergeMetadata(have, want);
        return have;
    }

    /** A PodAutoscaler is unchanged while its spec is the wanted one ({@code reconcilePA}). */
    public static boolean samePodAutoscaler(PodAutoscaler have, PodAutoscaler want) {
        return Objects.equals(have.getSpec(), want.getSpec());
    }

    /** The wanted spec on {@code have}; metadata and status untouched ({@code reconcilePA}). */
    public static PodAutoscaler podAutoscaler(PodAutoscaler have, PodAutoscaler want) {
        have.setSpec(want.getSpec());
        return have;
    }

    private static void mergeMetadata(io.fabric8.kubernetes.api.model.HasMetadata have,
            io.fabric8.kubernetes.api.model.HasMetadata want) {
        have.getMetadata().setLabels(Kmeta.nullIfEmpty(
                Kmeta.union(have.getMetadata().getLabels(), want.getMetadata().getLabels())));
        have.getMetadata().setAnnotations(Kmeta.nullIfEmpty(
                Kmeta.union(have.getMetadata().getAnnotations(), want.getMetadata().getAnnotations())));
    }

    private static boolean containsAll(Map<String, String> have, Map<String, String> want) {
        return orEmpty(have).entrySet().containsAll(orEmpty(want).entrySet());
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static String label(Deployment d, String key) {
        Map<String, String> labels = d.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
