package io.qnative.api.validation;

import io.qnative.config.ConfigSnapshot;
import java.util.Optional;

/**
 * What a defaulting or validation pass may depend on, as Knative passes it in a {@code context.Context}.
 *
 * @param operation   CREATE or UPDATE (others are not admitted)
 * @param subResource {@code ""} for the object itself, {@code "status"} for the status subresource
 * @param username    the requesting user (creator / lastModifier annotations)
 * @param oldObject   the stored object on UPDATE, already decoded to the same type
 * @param config      the live {@code config-*} ConfigMaps (defaults, features, autoscaler, ...)
 * @param dryRun      whether the request is a dry run
 */
public record AdmissionContext(Operation operation, String subResource, String username, Optional<Object> oldObject,
        ConfigSnapshot config, boolean dryRun) {

    /** Admission operations. */
    public enum Operation {
        CREATE,
        UPDATE,
        /** A reconciler defaulting its in-memory copy: neither create nor update, no user. */
        RECONCILE
    }

    public AdmissionContext {
        subResource = subResource == null ? "" : subResource;
        username = username == null ? "" : username;
        oldObject = oldObject == null ? Optional.empty() : oldObject;
    }

    /** A CREATE of the object itself with the given config. */
    public static AdmissionContext create(ConfigSnapshot config, String username) {
        return new AdmissionContext(Operation.CREATE, "", username, Optional.empty(), config, false);
    }

    /** An UPDATE of the object itself. */
    public static AdmissionContext update(ConfigSnapshot config, String username, Object oldObject) {
        return new AdmissionContext(Operation.UPDATE, "", username, Optional.of(oldObject), config, false);
    }

    /** The context a reconciler defaults its in-memory copy in, as Knative's reconcile context (no user info). */
    public static AdmissionContext reconcile(ConfigSnapshot config) {
        return new AdmissionContext(Operation.RECONCILE, "", "", Optional.empty(), config, false);
    }

    /** The old object as its type, if this is an UPDATE. */
    public <T> Optional<T> old(Class<T> type) {
        return oldObject.filter(type::isInstance).map(type::cast);
    }

    public boolean isUpdate() {
        return operation == Operation.UPDATE;
    }

    public boolean isCreate() {
        return operation == Operation.CREATE;
    }

    /** Whether a reconciler, not an admission request, is defaulting. */
    public boolean isReconcile() {
        return operation == Operation.RECONCILE;
    }
}
