package io.qnative.reconciler;

import io.qnative.api.duck.Condition;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.duck.Status;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.kube.Kmeta;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Knative's reconcile envelope for one serving kind (knative.dev/pkg's generated {@code reconciler.go}): read the
 * object from the cache, default it
 * in memory only (the kind's own defaulting, in a reconcile context: no user, no create-only defaults), initialise
 * its conditions, mark a new generation, run the kind's logic, record the observed
 * generation even when that logic failed, and write the status subresource only when it changed. The spec,
 * labels and annotations of the reconciled object are never written back.
 *
 * @param <T> the kind
 */
public abstract class KindReconciler<T extends KnativeObject<?, ? extends Status>> implements Reconciler {

    /** Ready's reason while a new generation has not been reconciled successfully. */
    public static final String NEW_OBSERVED_GEN_FAILURE = "NewObservedGenFailure";
    static final String NEW_OBSERVED_GEN_MESSAGE = "unsuccessfully observed a new generation";

    protected final Lister<T> lister;
    protected final StatusUpdater statusUpdater;
    protected final Clock clock;
    /** The live config-* maps; read once per reconcile. */
    protected final Supplier<ConfigSnapshot> config;
    private final Class<T> type;
    private final Supplier<? extends Status> newStatus;

    protected KindReconciler(Class<T> type, Supplier<? extends Status> newStatus, Lister<T> lister,
            Supplier<ConfigSnapshot> config, StatusUpdater statusUpdater, Clock clock) {
        this.type = type;
        this.config = config;
        this.newStatus = newStatus;
        this.lister = lister;
        this.statusUpdater = statusUpdater;
        this.clock = clock;
    }

    @Override
    public final Result reconcile(ObjectKey key) throws Exception {
        Optional<T> cached = lister.get(key.namespace(), key.name());
        if (cached.isEmpty()) {
            return Result.done();
        }
        T original = cached.get();
        T obj = Kmeta.deepCopy(original, type);
        Instant now = clock.instant();
        if (obj.getMetadata().getDeletionTimestamp() != null) {
            return finalizeKind(obj, now);
        }
        if (obj instanceof Defaultable defaultable) {
            defaultable.setDefaults(AdmissionContext.reconcile(config.get()));
        }
        Status status = status(obj);
        status.initializeConditions(now);
        if (!obj.isGenerationObserved()) {
            status.manage(now).markUnknown(Condition.READY, NEW_OBSERVED_GEN_FAILURE, NEW_OBSERVED_GEN_MESSAGE);
        }
        Result result = Result.done();
        Exception failure = null;
        try {
            result = reconcileKind(obj, now);
        } catch (Exception e) {
            failure = e;
        }
        status.setObservedGeneration(obj.getMetadata().getGeneration());
        if (!Objects.equals(status, original.getStatus())) {
            statusUpdater.update(obj, KindReconciler::copyStatus);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** The kind's logic on a defaulted copy whose status it may change; exceptions requeue with back-off. */
    protected abstract Result reconcileKind(T obj, Instant now) throws Exception;

    /** Runs while the object is being deleted; nothing by default (children go with their owner). */
    protected Result finalizeKind(T obj, Instant now) throws Exception {
        return Result.done();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Status status(T obj) {
        if (obj.getStatus() == null) {
            ((KnativeObject) obj).setStatus(newStatus.get());
        }
        return obj.getStatus();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends KnativeObject<?, ? extends Status>> void copyStatus(T from, T to) {
        ((KnativeObject) to).setStatus(from.getStatus());
    }
}
