package io.qnative.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * Object-metadata helpers every builder uses ({@code kmeta.NewControllerRef}, {@code kmap.Union},
 * {@code kmap.Filter}, {@code DeepCopy}). Maps come back as {@link TreeMap}s, so builders are deterministic.
 */
public final class Kmeta {

    /** {@code kubectl apply}'s annotation; never propagated to children. */
    public static final String LAST_APPLIED_CONFIGURATION = "kubectl.kubernetes.io/last-applied-configuration";

    private static final ObjectMapper COPIER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Kmeta() {
    }

    /** The owner reference a controller puts on its child: {@code controller: true, blockOwnerDeletion: true}. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** {@code metav1.IsControlledBy}: the child's controller reference carries the owner's UID. */
    public static boolean isControlledBy(HasMetadata child, HasMetadata owner) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        String uid = owner.getMetadata().getUid();
        return refs != null && uid != null
                && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }

    /** The union of the maps, later ones winning; null maps count as empty. */
    @SafeVarargs
    public static SortedMap<String, String> union(Map<String, String>... maps) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Map<String, String> m : maps) {
            if (m != null) {
                out.putAll(m);
            }
        }
        return out;
    }

    /** The entries of {@code map} whose key is not excluded; a null map gives an empty one. */
    public static SortedMap<String, String> filter(Map<String, String> map, Predicate<String> exclude) {
        SortedMap<String, String> out = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (!exclude.test(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** A deep copy through the object's JSON form (unknown fields of qnative types included); null stays null. */
    public static <T> T deepCopy(T value, Class<T> type) {
        return value == null ? null : COPIER.convertValue(value, type);
    }

    /**
     * The names in a comma-separated list annotation such as {@code serving.knative.dev/routes}, sorted (Knative's
     * {@code GetListAnnValue}); empty when the annotation is absent.
     */
    public static SortedSet<String> listAnnotation(Map<String, String> annotations, String key) {
        SortedSet<String> set = new TreeSet<>();
        String value = annotations == null ? null : annotations.get(key);
        if (value != null && !value.isEmpty()) {
            Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(set::add);
        }
        return set;
    }

    /** A sorted copy of the map, or null when it is null or empty (so empty maps are not written). */
    public static SortedMap<String, String> nullIfEmpty(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : new TreeMap<>(map);
    }
}
