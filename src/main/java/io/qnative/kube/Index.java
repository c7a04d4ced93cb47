package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * A secondary index over an informer cache: the keys an object is filed under. Registered on the informer with
 * {@link Informers#index}; {@link Lister#byIndex} answers from it (or, where it is not registered, by scanning).
 *
 * @param name the index's name, unique per kind
 * @param keys the keys of one object (namespace-qualified where the index spans namespaces)
 * @param <T>  the kind
 */
public record Index<T extends HasMetadata>(String name, Function<T, List<String>> keys) {

    /** {@code <namespace>/<value>}, the usual key shape. */
    public static String key(String namespace, String value) {
        return namespace + "/" + value;
    }
}
