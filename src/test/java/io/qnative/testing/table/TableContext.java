package io.qnative.testing.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.StatusUpdater;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a row's reconciler is built from: the mock server's client, listers over the row's objects as the server
 * stored them, the row's configuration, a recording event sink and a fixed clock.
 */
public record TableContext(KubernetesClient client, List<HasMetadata> stored, ConfigSnapshot config,
        RecordingEvents events, Clock clock) {

    /** A lister over the stored objects of one kind. */
    public <T extends HasMetadata> Lister<T> lister(Class<T> type) {
        return Lister.of(stored.stream().filter(type::isInstance).map(type::cast).toList());
    }

    public Supplier<ConfigSnapshot> snapshot() {
        return () -> config;
    }

    public StatusUpdater statusUpdater() {
        return new StatusUpdater(client);
    }

    public Children children() {
        return new Children(client, events);
    }
}
