package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An informer store that keeps objects without what no reader of the cache uses (docs/memory-and-startup.md,
 * "Informer caches"):
 * <ul>
 *   <li>{@code metadata.managedFields}: the API server attaches them to every object (server-side apply's field
 *       ownership); nothing in qnative reads them, and they are often the largest part of a small object's
 *       metadata. An update sent without them leaves the server's copy unchanged.</li>
 *   <li>the {@code kubectl.kubernetes.io/last-applied-configuration} annotation (a copy of the whole object as
 *       last applied): never read, and never copied to children ({@link Kmeta#LAST_APPLIED_CONFIGURATION}).
 *       Writes of cached objects are status updates and merge patches, which leave it on the server.</li>
 *   <li>whatever the kind's trim drops ({@link Informers#trim}), e.g. the pod specs of pods only read for their
 *       status;</li>
 *   <li>copies of repeated strings (names, namespaces, label values, kinds, images, condition reasons): the
 *       canonical instance is kept; and the model objects' empty {@code additionalProperties} maps, shared
 *       ({@link SlimObjects}).</li>
 * </ul>
 *
 * @param <T> the kind
 */
final class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final Consumer<? super T> trim;

    SlimItemStore() {
        this(obj -> { });
    }

    SlimItemStore(Consumer<? super T> trim) {
        super(Cache::metaNamespaceKeyFunc);
        this.trim = trim;
    }

    @Override
    public T put(String key, T obj) {
        slim(obj, trim);
        return super.put(key, obj);
    }

    /** What the store does to an object before keeping it (in place). */
    static <T extends HasMetadata> void slim(T obj, Consumer<? super T> trim) {
        if (obj.getMetadata() != null) {
            // empty rather than null: equal to (and serialised as) a fresh object without them
            obj.getMetadata().setManagedFields(Collections.emptyList());
            Map<String, String> annotations = obj.getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey(Kmeta.LAST_APPLIED_CONFIGURATION)) {
                annotations.remove(Kmeta.LAST_APPLIED_CONFIGURATION);
            }
        }
        trim.accept(obj);
        SlimObjects.shareEmptyMaps(obj);
    }
}
