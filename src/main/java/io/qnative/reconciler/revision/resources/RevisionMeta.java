package io.qnative.reconciler.revision.resources;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.kube.Kmeta;

/**
 * The labels and annotations a Revision's children carry ({@code resources/meta.go}).
 */
public final class RevisionMeta {

    /** Label set on every child (and the pods) unless the user set one: the Revision's name. */
    public static final String APP_LABEL = "app";
    /** Pod annotation naming the container {@code kubectl logs/exec} pick by default. */
    public static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    /** Revision labels that never reach the children: they change while the children should not. */
    static final Set<String> EXCLUDED_LABELS = Set.of(ServingKeys.ROUTE, ServingKeys.ROUTING_STATE);
    /** Revision annotations that never reach the children. */
    static final Set<String> EXCLUDED_ANNOTATIONS = Set.of(ServingKeys.LAST_PINNED, ServingKeys.NO_GC,
            ServingKeys.ROUTING_STATE_MODIFIED, ServingKeys.ROUTES);

    private RevisionMeta() {
    }

    /**
     * {@code makeLabels}: the Revision's labels minus {@code route}/{@code routingState}, plus {@code revision},
     * {@code revisionUID} and {@code app} (the Revision's name) unless the user set {@code app}.
     */
    public static SortedMap<String, String> labels(Revision rev) {
        SortedMap<String, String> labels = Kmeta.filter(rev.getMetadata().getLabels(), EXCLUDED_LABELS::contains);
        labels.put(ServingKeys.REVISION, rev.getMetadata().getName());
        labels.put(ServingKeys.REVISION_UID, nullToEmpty(rev.getMetadata().getUid()));
        labels.putIfAbsent(APP_LABEL, rev.getMetadata().getName());
        return labels;
    }

    /** The Deployment's annotations: the Revision's minus the excluded keys and every {@code autoscaling.knative.dev} one. */
    public static SortedMap<String, String> deploymentAnnotations(Revision rev) {
        return Kmeta.filter(rev.getMetadata().getAnnotations(),
                k -> EXCLUDED_ANNOTATIONS.contains(k) || k.startsWith(AutoscalingKeys.GROUP));
    }

    /** The pod template's annotations: the Deployment's plus the default container (the serving container). */
    public static SortedMap<String, String> podAnnotations(Revision rev) {
        SortedMap<String, String> ann = deploymentAnnotations(rev);
        String name = rev.getSpec() == null ? null : rev.getSpec().servingContainer().getName();
        if (name != null && !name.isEmpty()) {
            ann.put(DEFAULT_CONTAINER_ANNOTATION, name);
        }
        return ann;
    }

    /** The PodAutoscaler's and the Services' annotations: the Revision's minus the excluded keys. */
    public static SortedMap<String, String> autoscalerAnnotations(Revision rev) {
        return Kmeta.filter(rev.getMetadata().getAnnotations(), EXCLUDED_ANNOTATIONS::contains);
    }

    /** The Deployment's selector (and the private Service's): the Revision's UID. */
    public static Map<String, String> selector(Revision rev) {
        return Map.of(ServingKeys.REVISION_UID, nullToEmpty(rev.getMetadata().getUid()));
    }

    /** The annotation's value under its kebab-case key, else under its legacy alias, else null. */
    static String annotation(Revision rev, String key, String legacy) {
        Map<String, String> ann = rev.getMetadata().getAnnotations();
        if (ann == null) {
            return null;
        }
        String v = ann.get(key);
        return v != null || legacy == null ? v : ann.get(legacy);
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
