package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to one kind through its informer cache. Objects returned are the cache's own: never mutate them,
 * copy first.
 *
 * @param <T> the kind
 */
public final class Lister<T extends HasMetadata> {

    private final SharedIndexInformer<T> informer;

    Lister(SharedIndexInformer<T> informer) {
        this.informer = informer;
    }

    /** The object, if cached. Cluster-scoped kinds take an empty or null namespace. */
    public Optional<T> get(String namespace, String name) {
        String key = namespace == null || namespace.isEmpty() ? name : Cache.namespaceKeyFunc(namespace, name);
        return Optional.ofNullable(informer.getStore().getByKey(key));
    }

    /** Every cached object of a namespace. */
    public List<T> list(String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    /** Every cached object. */
    public List<T> list() {
        return informer.getStore().list();
    }

    /** Cached objects of a namespace carrying every given label. */
    public List<T> list(String namespace, Map<String, String> labels) {
        return list(namespace).stream().filter(o -> hasLabels(o, labels)).toList();
    }

    static boolean hasLabels(HasMetadata obj, Map<String, String> wanted) {
        Map<String, String> labels = obj.getMetadata().getLabels();
        if (wanted.isEmpty()) {
            return true;
        }
        return labels != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
