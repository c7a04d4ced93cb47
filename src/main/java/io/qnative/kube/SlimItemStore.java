package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that drops {@code metadata.managedFields} before keeping an object. The API server attaches
 * them to every object (server-side apply's field ownership); nothing in qnative reads them, and they are often
 * the largest part of a small object's metadata, so at a thousand services they cost tens of MiB and every deep
 * copy pays for them. An update sent without them leaves the server's copy unchanged.
 *
 * @param <T> the kind
 */
final class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {

    SlimItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T obj) {
        if (obj.getMetadata() != null) {
            obj.getMetadata().setManagedFields(null);
        }
        return super.put(key, obj);
    }
}
