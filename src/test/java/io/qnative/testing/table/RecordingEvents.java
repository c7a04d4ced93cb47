package io.qnative.testing.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.kube.EventRecorder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event recorder that keeps each Event as {@code "<type> <reason> <message>"}, as Knative's fake recorder. */
public final class RecordingEvents implements EventRecorder {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(HasMetadata involved, String type, String reason, String messageFormat, Object... args) {
        events.add(type + " " + reason + " " + String.format(messageFormat, args));
    }

    /** The events recorded so far, in order. */
    public List<String> events() {
        return List.copyOf(events);
    }
}
