package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.ConfigStore;
import io.qnative.config.QnativeConfig;
import io.qnative.kube.Children;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Informers;
import io.qnative.kube.Lister;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Everything a controller factory needs to build one controller: the client and its writers, the shared informers,
 * the live configuration, and the runtime pieces every {@link Controller} shares.
 */
public record ControllerContext(KubernetesClient client, QnativeConfig config, Informers informers,
        ConfigStore configStore, EventRecorder events, Clock clock, ScheduledExecutorService timer, Tracer tracer,
        MeterRegistry registry) {

    /** The live configuration. */
    public Supplier<ConfigSnapshot> snapshot() {
        return configStore::current;
    }

    public StatusUpdater statusUpdater() {
        return new StatusUpdater(client);
    }

    public Children children() {
        return new Children(client, events);
    }

    /** A lister of a kind in every namespace, without a handler. */
    public <T extends HasMetadata> Lister<T> lister(Class<T> type) {
        return informers.watch(type, null);
    }

    /** A controller named {@code name} whose primary objects are every object {@code primary} lists. */
    public Controller controller(String name, Reconciler reconciler, Lister<?> primary) {
        return new Controller(name, reconciler,
                () -> primary.list().stream().map(ObjectKey::of).toList(),
                config.controller().workers(), Backoff.DEFAULT, timer, tracer, registry);
    }
}
