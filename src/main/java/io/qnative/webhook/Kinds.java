package io.qnative.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1beta1.DomainMapping;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kinds the resource webhooks admit, by group/version/kind, decoded to their API types. */
public final class Kinds {

    /** The serving kinds Knative's webhook handles (Knative's cmd/webhook/main.go). */
    public static final Kinds SERVING = new Kinds(List.of(Service.class, Configuration.class, Revision.class,
            Route.class, DomainMapping.class));

    private final Map<String, Class<? extends HasMetadata>> types = new LinkedHashMap<>();

    /** The given kinds, keyed by the {@code @Group}, {@code @Version} and {@code @Kind} of each class. */
    public Kinds(List<Class<? extends HasMetadata>> classes) {
        classes.forEach(c -> types.put(key(HasMetadata.getGroup(c), HasMetadata.getVersion(c),
                HasMetadata.getKind(c)), c));
    }

    /** The type of {@code group/version, Kind=kind}, if admitted. */
    public Optional<Class<? extends HasMetadata>> type(String group, String version, String kind) {
        return Optional.ofNullable(types.get(key(group, version, kind)));
    }

    /** Every admitted type. */
    public Collection<Class<? extends HasMetadata>> types() {
        return types.values();
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }
}
