package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records Kubernetes Events about an object, for transitions a user should see with {@code kubectl describe}.
 * Best effort: recording never throws and never blocks the caller on the API server.
 */
public interface EventRecorder {

    /** The Event type for problems. */
    String WARNING = "Warning";
    /** The Event type for normal transitions. */
    String NORMAL = "Normal";

    /**
     * Records an Event.
     *
     * @param involved the object the Event is about
     * @param type {@link #WARNING} or {@link #NORMAL}
     * @param reason a short CamelCase reason, e.g. {@code InvalidConfig}
     * @param messageFormat a {@link String#format} pattern for the message
     * @param args its arguments
     */
    void record(HasMetadata involved, String type, String reason, String messageFormat, Object... args);

    /** Records a Warning Event. */
    default void warn(HasMetadata involved, String reason, String messageFormat, Object... args) {
        record(involved, WARNING, reason, messageFormat, args);
    }

    /** Records a Normal Event. */
    default void normal(HasMetadata involved, String reason, String messageFormat, Object... args) {
        record(involved, NORMAL, reason, messageFormat, args);
    }
}
