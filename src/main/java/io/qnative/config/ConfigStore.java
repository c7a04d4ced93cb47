package io.qnative.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.RetryingExceptionHandler;
import io.qnative.observability.StartupOrder;
import io.qnative.observability.Uptime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watches the {@code config-*} ConfigMaps of the system namespace with one informer and publishes an immutable
 * {@link ConfigSnapshot}. Reconcilers take {@link #current()} once per reconcile; {@link #addListener} is for
 * parts that must react to changes (tracing).
 *
 * <p>A malformed map never takes effect: the map keeps its last good value (its defaults if it never had one),
 * the problem is logged once as a WARN line, recorded as a Warning Event {@code InvalidConfig} on the ConfigMap
 * and listed by {@link #problems()} for the readiness check, until the map is fixed or deleted. A deleted map
 * reverts to its defaults. An unreachable API server does not stop startup: the informer retries in the
 * background, {@link #synced()} stays false and {@link #lastError()} says why.
 */
@ApplicationScoped
public class ConfigStore {

    /** Event reason for a malformed ConfigMap. */
    public static final String INVALID_CONFIG = "InvalidConfig";

    private static final Logger LOG = Logger.getLogger(ConfigStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private final EventRecorder events;
    private final List<Consumer<ConfigSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> lastSeen = new HashMap<>();
    private volatile ConfigSnapshot current;
    private volatile Map<String, List<ConfigException.Problem>> problems = Map.of();
    private volatile boolean synced;
    private volatile Optional<String> lastError = Optional.empty();
    private SharedIndexInformer<ConfigMap> informer;

    @Inject
    ConfigStore(KubernetesClient client, QnativeConfig config, EventRecorder events) {
        this(client, config.systemNamespace(), events, ClusterDomain.detect());
    }

    ConfigStore(KubernetesClient client, String namespace, EventRecorder events, String clusterDomain) {
        this.client = client;
        this.namespace = namespace;
        this.events = events;
        this.current = ConfigSnapshot.defaults(clusterDomain);
    }

    /** The configuration now; never null, defaults until the ConfigMaps are read. */
    public ConfigSnapshot current() {
        return current;
    }

    /** Malformed ConfigMaps by name, each with every problem found; empty when all are valid. */
    public Map<String, List<ConfigException.Problem>> problems() {
        return problems;
    }

    /** True once the ConfigMaps have been listed from the API server. */
    public boolean synced() {
        return synced;
    }

    /** Why the API server could not be reached, while it cannot be. */
    public Optional<String> lastError() {
        return lastError;
    }

    /** The namespace whose ConfigMaps are watched. */
    public String namespace() {
        return namespace;
    }

    /**
     * Registers {@code listener}; it is called once now with the current snapshot and then after every change,
     * on the informer's thread. Exceptions it throws are logged and otherwise ignored.
     */
    public synchronized void addListener(Consumer<ConfigSnapshot> listener) {
        listeners.add(listener);
        notify(listener, current);
    }

    /** First of the startup observers (docs/memory-and-startup.md): readiness waits for this list. */
    void onStart(@Observes @Priority(StartupOrder.CONFIG) StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the informer without waiting for the API server. */
    synchronized void start() {
        if (informer != null) {
            return;
        }
        String url = String.valueOf(client.getConfiguration().getMasterUrl());
        RetryingExceptionHandler retry = new RetryingExceptionHandler("ConfigMaps in " + namespace, url,
                cause -> lastError = Optional.of("cannot reach the Kubernetes API at " + url + ": " + cause));
        try {
            informer = client.configMaps().inNamespace(namespace).runnableInformer(0);
            informer.exceptionHandler(retry);
            informer.addEventHandler(new Handler());
            informer.start().whenComplete((ignored, error) -> {
                if (error == null) {
                    synced = true;
                    lastError = Optional.empty();
                    retry.recovered();
                    LOG.infof("watching config-* ConfigMaps in %s (%s)", namespace, Uptime.mark());
                }
            });
        } catch (RuntimeException e) {
            // a broken client configuration: stay unready with the reason rather than fail startup
            lastError = Optional.of("cannot watch ConfigMaps in " + namespace + " at " + url + ": "
                    + RetryingExceptionHandler.describe(e));
            LOG.errorf("%s; running with default configuration", lastError.get());
        }
    }

    /** Stops the informer. */
    synchronized void stop() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        synced = false;
    }

    /**
     * Applies one ConfigMap's new content ({@code null} when deleted); package-private for tests.
     *
     * @param configMap the ConfigMap, for the Event; may be null in tests
     */
    synchronized void update(String name, Map<String, String> data, ConfigMap configMap) {
        if (!ConfigSnapshot.isKnown(name)) {
            return;
        }
        Map<String, String> normalized = data == null ? null : Map.copyOf(withoutNulls(data));
        if (lastSeen.containsKey(name) && Objects.equals(lastSeen.get(name), normalized)) {
            return;
        }
        lastSeen.put(name, normalized);
        ConfigSnapshot previous = current;
        try {
            current = ConfigSnapshot.apply(previous, name, normalized);
            setProblems(name, null);
            LOG.infof("%s %s", name, normalized == null ? "deleted: using its defaults" : "applied");
        } catch (ConfigException e) {
            setProblems(name, e.problems());
            LOG.warnf("%s is invalid, keeping its last good configuration: %s", name, e.getMessage());
            if (configMap != null) {
                events.warn(configMap, INVALID_CONFIG, "%s; keeping the last good configuration", e.getMessage());
            }
            return;
        }
        if (!current.equals(previous)) {
            listeners.forEach(l -> notify(l, current));
        }
    }

    private void setProblems(String name, List<ConfigException.Problem> found) {
        Map<String, List<ConfigException.Problem>> next = new TreeMap<>(problems);
        if (found == null) {
            next.remove(name);
        } else {
            next.put(name, List.copyOf(found));
        }
        problems = Map.copyOf(next);
    }

    private static Map<String, String> withoutNulls(Map<String, String> data) {
        Map<String, String> copy = new HashMap<>(data);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }

    private static void notify(Consumer<ConfigSnapshot> listener, ConfigSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.errorf(e, "a configuration listener failed");
        }
    }

    /** Feeds informer notifications into {@link #update}. */
    private final class Handler implements ResourceEventHandler<ConfigMap> {

        @Override
        public void onAdd(ConfigMap cm) {
            update(cm.getMetadata().getName(), orEmpty(cm.getData()), cm);
        }

        @Override
        public void onUpdate(ConfigMap old, ConfigMap cm) {
            update(cm.getMetadata().getName(), orEmpty(cm.getData()), cm);
        }

        @Override
        public void onDelete(ConfigMap cm, boolean deletedFinalStateUnknown) {
            update(cm.getMetadata().getName(), null, cm);
        }

        private Map<String, String> orEmpty(Map<String, String> data) {
            return data == null ? Map.of() : data;
        }
    }
}
