package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read access to one kind through its informer cache. Objects returned are the cache's own: never mutate them,
 * copy first.
 *
 * @param <T> the kind
 */
public final class Lister<T extends HasMetadata> {

    private final Function<String, T> byKey;
    private final Function<String, List<T>> byNamespace;
    private final Supplier<List<T>> all;
    private final SharedIndexInformer<T> informer;

    private Lister(Function<String, T> byKey, Function<String, List<T>> byNamespace, Supplier<List<T>> all,
            SharedIndexInformer<T> informer) {
        this.byKey = byKey;
        this.byNamespace = byNamespace;
        this.all = all;
        this.informer = informer;
    }

    Lister(SharedIndexInformer<T> informer) {
        this(k -> informer.getStore().getByKey(k), ns -> informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns),
                () -> informer.getStore().list(), informer);
    }

    /** A lister over a fixed set of objects (tables and tools; the objects are not copied). */
    public static <T extends HasMetadata> Lister<T> of(Collection<? extends T> objects) {
        List<T> fixed = List.copyOf(objects);
        return new Lister<>(k -> fixed.stream().filter(o -> key(o).equals(k)).findFirst().orElse(null),
                ns -> fixed.stream().filter(o -> Objects.equals(ns, o.getMetadata().getNamespace())).toList(),
                () -> new ArrayList<>(fixed), null);
    }

    private static String key(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? o.getMetadata().getName()
                : Cache.namespaceKeyFunc(ns, o.getMetadata().getName());
    }

    /** The object, if cached. Cluster-scoped kinds take an empty or null namespace. */
    public Optional<T> get(String namespace, String name) {
        String key = namespace == null || namespace.isEmpty() ? name : Cache.namespaceKeyFunc(namespace, name);
        return Optional.ofNullable(byKey.apply(key));
    }

    /** Every cached object of a namespace. */
    public List<T> list(String namespace) {
        return byNamespace.apply(namespace);
    }

    /** Every cached object. */
    public List<T> list() {
        return all.get();
    }

    /** Cached objects filed under {@code key} in {@code index} (a scan when the index is not registered). */
    public List<T> byIndex(Index<T> index, String key) {
        if (informer != null && informer.getIndexer().getIndexers().containsKey(index.name())) {
            return informer.getIndexer().byIndex(index.name(), key);
        }
        return list().stream().filter(o -> index.keys().apply(o).contains(key)).toList();
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
