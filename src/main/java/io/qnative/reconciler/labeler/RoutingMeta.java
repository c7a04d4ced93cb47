package io.qnative.reconciler.labeler;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.duck.ConditionManager;
import io.qnative.api.serving.ServingKeys;
import io.qnative.kube.Kmeta;

/**
 * The JSON merge patches the labeler writes (Knative {@code labeler/accessors.go}, {@code makeMetadataPatch}):
 * {@code serving.knative.dev/routes} gains or loses the Route's name (sorted, comma-joined, removed when emptied);
 * on Revisions the {@code routingState} label follows ({@code active} while any Route is listed, else
 * {@code reserve}) with a fresh {@code routingStateModified} when it changes. Pure.
 */
public final class RoutingMeta {

    private RoutingMeta() {
    }

    /** The route names listed in the object's {@code routes} annotation, sorted. */
    public static SortedSet<String> routes(HasMetadata obj) {
        return Kmeta.listAnnotation(obj.getMetadata().getAnnotations(), ServingKeys.ROUTES);
    }

    /**
     * The patch that adds (or, with {@code remove}, drops) {@code route} on {@code obj}; empty when nothing changes.
     *
     * @param routingState whether {@code obj} is a Revision, whose routing state follows
     */
    public static Optional<Map<String, Object>> patch(HasMetadata obj, String route, boolean remove,
            boolean routingState, Instant now) {
        Map<String, Object> labels = new LinkedHashMap<>();
        Map<String, Object> annotations = new LinkedHashMap<>();
        SortedSet<String> routes = routes(obj);
        boolean listed = routes.contains(route);
        if (listed && remove) {
            routes.remove(route);
            annotations.put(ServingKeys.ROUTES, routes.isEmpty() ? null : String.join(",", routes));
        } else if (!listed && !remove) {
            routes.add(route);
            annotations.put(ServingKeys.ROUTES, String.join(",", routes));
        }
        if (routingState) {
            String want = routes.isEmpty() ? ServingKeys.ROUTING_STATE_RESERVE : ServingKeys.ROUTING_STATE_ACTIVE;
            Map<String, String> current = obj.getMetadata().getLabels();
            if (current == null || !want.equals(current.get(ServingKeys.ROUTING_STATE))) {
                labels.put(ServingKeys.ROUTING_STATE, want);
                annotations.put(ServingKeys.ROUTING_STATE_MODIFIED, ConditionManager.format(now));
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            meta.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        return meta.isEmpty() ? Optional.empty() : Optional.of(Map.of("metadata", meta));
    }
}
