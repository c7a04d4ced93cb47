package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.duck.KnativeObject;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * Writes a reconciler's children: creates, replaces and deletes them with Knative's events, and refuses to touch a
 * same-named object another controller owns (Knative's NotOwned checks,
 * pkg/reconciler/route/reconcile_resources.go). Updates carry the resourceVersion they were
 * computed from, so a concurrent change is a conflict and the key is retried rather than a write clobbering it.
 */
public final class Children {

    /** Event reason of a created child. */
    public static final String CREATED = "Created";
    /** Event reason of a failed create. */
    public static final String CREATION_FAILED = "CreationFailed";
    /** Event reason of a failed update. */
    public static final String UPDATE_FAILED = "UpdateFailed";
    /** Event reason of a deleted child. */
    public static final String DELETED = "Deleted";
    /** Condition reason of a child owned by someone else. */
    public static final String NOT_OWNED = "NotOwned";

    private final KubernetesClient client;
    private final EventRecorder events;

    public Children(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /** A same-named child exists but another object controls it. */
    public static final class NotOwnedException extends Exception {

        private final String kind;
        private final String name;

        public NotOwnedException(HasMetadata owner, HasMetadata child) {
            super(String.format("%s: \"%s\" does not own %s: \"%s\"", owner.getKind(), owner.getMetadata().getName(),
                    child.getKind(), child.getMetadata().getName()));
            this.kind = child.getKind();
            this.name = child.getMetadata().getName();
        }

        public String kind() {
            return kind;
        }

        public String name() {
            return name;
        }
    }

    /** Throws {@link NotOwnedException} unless {@code owner} controls {@code child}. */
    public static void checkControlled(HasMetadata owner, HasMetadata child) throws NotOwnedException {
        if (!Kmeta.isControlledBy(child, owner)) {
            throw new NotOwnedException(owner, child);
        }
    }

    /**
     * The child applier: brings the child named by {@code desired} (or {@code existing}) in line. A null
     * {@code desired} deletes {@code existing}; a missing child is created; a child another object controls is
     * left alone and reported; otherwise, when {@code same} says the fields this controller owns differ,
     * {@code merge} copies them onto a copy of the live object (so fields others own, such as replicas, survive)
     * and that is written.
     *
     * @param existing the live child from the cache, or null
     * @param same     whether the owned fields of the live child (first) equal the desired ones (second)
     * @param merge    the live child's copy (first) with the desired fields (second) copied on
     * @return the child as stored, or null when deleted
     * @throws NotOwnedException when {@code existing} is controlled by another object
     */
    public <T extends HasMetadata> T apply(HasMetadata owner, T existing, T desired, BiPredicate<T, T> same,
            BiFunction<T, T, T> merge) throws NotOwnedException {
        if (existing == null) {
            return desired == null ? null : create(owner, desired);
        }
        checkControlled(owner, existing);
        if (desired == null) {
            delete(owner, existing);
            return null;
        }
        if (same.test(existing, desired)) {
            return existing;
        }
        @SuppressWarnings("unchecked")
        T copy = Kmeta.deepCopy(existing, (Class<T>) existing.getClass());
        return update(owner, merge.apply(copy, desired));
    }

    /**
     * {@link #apply} for a Knative child (KIngress, Certificate, ...) whose spec, labels and annotations this
     * controller owns: compared semantically, copied onto the live object when they differ (its status survives).
     */
    public <T extends KnativeObject<?, ?>> T applyKnative(HasMetadata owner, T existing, T desired)
            throws NotOwnedException {
        return apply(owner, existing, desired,
                (live, want) -> Objects.equals(live.getSpec(), want.getSpec()) && sameMetadata(live, want),
                (copy, want) -> {
                    copyKnative(copy, want);
                    return copy;
                });
    }

    @SuppressWarnings("unchecked")
    private static void copyKnative(KnativeObject<?, ?> copy, KnativeObject<?, ?> want) {
        // same class on both sides (the live child and its desired state), so the spec types agree
        ((KnativeObject<Object, ?>) copy).setSpec(want.getSpec());
        copy.getMetadata().setLabels(want.getMetadata().getLabels());
        copy.getMetadata().setAnnotations(want.getMetadata().getAnnotations());
    }

    /** Whether labels and annotations are equal, a null map counting as empty. */
    public static boolean sameMetadata(HasMetadata a, HasMetadata b) {
        return orEmpty(a.getMetadata().getLabels()).equals(orEmpty(b.getMetadata().getLabels()))
                && orEmpty(a.getMetadata().getAnnotations()).equals(orEmpty(b.getMetadata().getAnnotations()));
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    /** Creates {@code desired}, recording {@code Created} (or {@code CreationFailed}) on {@code owner}. */
    public <T extends HasMetadata> T create(HasMetadata owner, T desired) {
        try {
            T created = client.resource(desired).create();
            events.normal(owner, CREATED, "Created %s %s", desired.getKind(), quote(desired));
            return created;
        } catch (KubernetesClientException e) {
            events.warn(owner, CREATION_FAILED, "Failed to create %s %s: %s", desired.getKind(), quote(desired),
                    reason(e));
            throw e;
        }
    }

    /** Replaces {@code updated} (which carries the resourceVersion it was read at). */
    public <T extends HasMetadata> T update(HasMetadata owner, T updated) {
        try {
            return client.resource(updated).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                events.warn(owner, UPDATE_FAILED, "Failed to update %s %s: %s", updated.getKind(), quote(updated),
                        reason(e));
            }
            throw e;
        }
    }

    /** Deletes {@code child} (a missing child is not an error), recording {@code Deleted} on {@code owner}. */
    public void delete(HasMetadata owner, HasMetadata child) {
        client.resource(child).delete();
        events.normal(owner, DELETED, "Deleted %s %s", child.getKind(), quote(child));
    }

    private static String quote(HasMetadata obj) {
        return "\"" + obj.getMetadata().getName() + "\"";
    }

    private static String reason(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
    }
}
