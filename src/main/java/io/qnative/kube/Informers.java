package io.qnative.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qnative.config.QnativeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one place informers are made. Each kind (and namespace scope) gets a single shared informer however many
 * controllers watch it. Informers start when the application starts and keep retrying while the API server is
 * unreachable, logging one line per outage rather than a stack trace per attempt.
 */
@ApplicationScoped
public class Informers {

    private final KubernetesClient client;
    private final long resyncMillis;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers = new LinkedHashMap<>();
    private final Map<String, RetryingExceptionHandler> handlers = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> labelFilters = new ConcurrentHashMap<>();
    private final Map<Class<?>, Consumer<?>> trims = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private boolean started;

    /** CDI's constructor; public for tests that inform over a mock API server. */
    public Informers(KubernetesClient client, QnativeConfig config) {
        this.client = client;
        this.resyncMillis = config.controller().resyncPeriod().toMillis();
    }

    /** Informs on a kind in every namespace (or cluster-wide); returns its lister. */
    public <T extends HasMetadata> Lister<T> watch(Class<T> type, ResourceEventHandler<? super T> handler) {
        return watch(type, null, handler);
    }

    /**
     * Informs on a kind in one namespace ({@code null}: all); handlers added to an existing informer see its cache.
     */
    public synchronized <T extends HasMetadata> Lister<T> watch(Class<T> type, String namespace,
            ResourceEventHandler<? super T> handler) {
        SharedIndexInformer<T> informer = informer(type, namespace);
        if (handler != null) {
            informer.addEventHandler(handler);
        }
        return new Lister<>(informer);
    }

    /**
     * Informs on a kind in one namespace ({@code null}: all) only for objects carrying label {@code labelKey} (with
     * {@code labelValue}, unless null), as Knative's label-filtered Secret informers do: a separate informer from
     * any unfiltered one, so a cluster's other objects of the kind are never cached by it.
     */
    public synchronized <T extends HasMetadata> Lister<T> watchLabelled(Class<T> type, String namespace,
            String labelKey, String labelValue, ResourceEventHandler<? super T> handler) {
        SharedIndexInformer<T> informer = informer(type, namespace, labelKey, labelValue);
        if (handler != null) {
            informer.addEventHandler(handler);
        }
        return new Lister<>(informer);
    }

    /**
     * Informs on a kind the build has no model class for (its fabric8 model module is left out, docs/memory-and-
     * startup.md), as {@link GenericKubernetesResource}s, in every namespace and only for objects carrying label
     * {@code labelKey} (any value).
     */
    public synchronized Lister<GenericKubernetesResource> watchGeneric(ResourceDefinitionContext kind,
            String labelKey, ResourceEventHandler<? super GenericKubernetesResource> handler) {
        return watchGeneric(kind, labelKey, null, handler);
    }

    /**
     * {@link #watchGeneric(ResourceDefinitionContext, String, ResourceEventHandler)}, the cache also filed under
     * {@code index} (unless null) for {@link Lister#byIndex}.
     */
    public synchronized Lister<GenericKubernetesResource> watchGeneric(ResourceDefinitionContext kind,
            String labelKey, Index<GenericKubernetesResource> index,
            ResourceEventHandler<? super GenericKubernetesResource> handler) {
        String key = kind.getGroup() + "/" + kind.getVersion() + "/" + kind.getPlural() + "/*?" + labelKey;
        @SuppressWarnings("unchecked")
        SharedIndexInformer<GenericKubernetesResource> informer = (SharedIndexInformer<GenericKubernetesResource>)
                informers.computeIfAbsent(key, k -> register(k, kind.getKind(), client.genericKubernetesResources(kind)
                        .inAnyNamespace().withLabel(labelKey).runnableInformer(resyncMillis), obj -> { }));
        if (index != null && !informer.getIndexer().getIndexers().containsKey(index.name())) {
            informer.addIndexers(Map.of(index.name(), index.keys()));
        }
        if (handler != null) {
            informer.addEventHandler(handler);
        }
        return new Lister<>(informer);
    }

    /** Files every object of a kind (all namespaces) under {@code index} as well; idempotent. */
    public synchronized <T extends HasMetadata> void index(Class<T> type, Index<T> index) {
        SharedIndexInformer<T> informer = informer(type, null);
        if (!informer.getIndexer().getIndexers().containsKey(index.name())) {
            informer.addIndexers(Map.of(index.name(), index.keys()));
        }
    }

    /**
     * Informs on a kind only for objects carrying label {@code key} (any value), as Knative's filtered informers
     * do for pods: a cluster's other pods are never cached. Call before the kind is first watched.
     *
     * @throws IllegalStateException when the kind is already informed on
     */
    public synchronized void restrict(Class<? extends HasMetadata> type, String labelKey) {
        if (informers.keySet().stream().anyMatch(k -> k.startsWith(type.getName() + "/") && !k.contains("?"))) {
            throw new IllegalStateException(type.getSimpleName() + " is already informed on without a filter");
        }
        labelFilters.put(type, labelKey);
    }

    /**
     * Has every informer of a kind drop, in place, what no reader of its cache uses (e.g. the spec of pods only read
     * for their status) before keeping an object; the trimmed objects are what listers and event handlers get.
     * Call before the kind is first watched.
     *
     * @throws IllegalStateException when the kind is already informed on
     */
    public synchronized <T extends HasMetadata> void trim(Class<T> type, Consumer<? super T> trim) {
        if (informers.keySet().stream().anyMatch(k -> k.startsWith(type.getName() + "/"))) {
            throw new IllegalStateException(type.getSimpleName() + " is already informed on");
        }
        trims.put(type, trim);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type, String namespace) {
        return informer(type, namespace, null, null);
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type, String namespace, String labelKey,
            String labelValue) {
        String key = type.getName() + "/" + (namespace == null ? "*" : namespace)
                + (labelKey == null ? "" : "?" + labelKey + (labelValue == null ? "" : "=" + labelValue));
        String label = labelKey != null ? labelKey : labelFilters.get(type);
        String value = labelKey != null ? labelValue : null;
        return (SharedIndexInformer<T>) informers.computeIfAbsent(key, k -> {
            var ops = namespace == null ? client.resources(type).inAnyNamespace()
                    : client.resources(type).inNamespace(namespace);
            SharedIndexInformer<T> informer = label == null ? ops.runnableInformer(resyncMillis)
                    : value == null ? ops.withLabel(label).runnableInformer(resyncMillis)
                    : ops.withLabel(label, value).runnableInformer(resyncMillis);
            @SuppressWarnings("unchecked")
            Consumer<? super T> trim = (Consumer<? super T>) trims.getOrDefault(type, obj -> { });
            return register(k, type.getSimpleName() + (namespace == null ? "" : " in " + namespace), informer, trim);
        });
    }

    /** Gives a new informer its store (trimming with {@code trim}) and retrying exception handler, and starts it if the others run. */
    private <T extends HasMetadata> SharedIndexInformer<T> register(String key, String what,
            SharedIndexInformer<T> informer, Consumer<? super T> trim) {
        RetryingExceptionHandler handler = new RetryingExceptionHandler(what, String.valueOf(client.getMasterUrl()),
                cause -> lastError.set("cannot list/watch " + what + " at " + client.getMasterUrl() + ": " + cause));
        informer.itemStore(new SlimItemStore<>(trim));
        informer.exceptionHandler(handler);
        handlers.put(key, handler);
        if (started) {
            startOne(key, informer);
        }
        return informer;
    }

    /** Starts every informer made so far, and any made later. Never blocks, never throws. */
    public synchronized void start() {
        started = true;
        informers.forEach((key, informer) -> startOne(key, informer));
    }

    private void startOne(String key, SharedIndexInformer<?> informer) {
        informer.start().whenComplete((v, t) -> {
            RetryingExceptionHandler handler = handlers.get(key);
            if (t != null) {
                handler.retryAfterException(false, t);
            } else {
                handler.recovered();
            }
        });
    }

    /** Stops every informer. */
    public synchronized void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        started = false;
    }

    /** How many informers there are. */
    public synchronized int count() {
        return informers.size();
    }

    /** Kinds whose informer has not completed its first list yet. */
    public synchronized List<String> unsynced() {
        return informers.entrySet().stream().filter(e -> !e.getValue().hasSynced()).map(Map.Entry::getKey).toList();
    }

    /** The last list/watch failure, if any (cleared once everything has synced). */
    public Optional<String> lastError() {
        if (unsynced().isEmpty()) {
            lastError.set(null);
        }
        return Optional.ofNullable(lastError.get());
    }
}
