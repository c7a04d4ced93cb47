package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The identity a work queue carries: namespace (empty for cluster-scoped objects) and name. */
public record ObjectKey(String namespace, String name) {

    public ObjectKey {
        namespace = namespace == null ? "" : namespace;
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an object key needs a name");
        }
    }

    /** The key of an object. */
    public static ObjectKey of(HasMetadata obj) {
        return new ObjectKey(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    /** Parses {@code ns/name} or {@code name}. */
    public static ObjectKey parse(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? new ObjectKey("", key) : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
