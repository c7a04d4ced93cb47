package io.qnative.reconciler.gc;

import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.GcConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Revisions of a Configuration config-gc lets go (Knative's {@code collect} in pkg/reconciler/gc/gc.go): none
 * while
 * the Configuration has at most {@code min-non-active-revisions}; else, among non-active revisions (routingState
 * {@code reserve}, not latest ready, not annotated {@code serving.knative.dev/no-gc: "true"}) oldest first, the
 * stale ones while more than the minimum remain, then the oldest beyond {@code max-non-active-revisions}.
 */
public final class Collectable {

    /**
     * Oldest first by {@code routingStateModified}; that stamp has one-second resolution, so two revisions that went
     * to reserve in the same second tie, and the tie goes by configurationGeneration, then creation time, then name:
     * the newer revision is always the one kept, whatever order the lister returned.
     */
    static final Comparator<Revision> OLDEST_FIRST = Comparator.comparing(Collectable::lastActive)
            .thenComparingLong(Collectable::generation)
            .thenComparing(Collectable::created)
            .thenComparing(r -> r.getMetadata().getName());

    private Collectable() {
    }

    /** The revisions to delete, oldest first. */
    public static List<Revision> select(GcConfig gc, Configuration configuration, List<Revision> all, Instant now) {
        if (gc.maxNonActiveRevisions().isEmpty() && gc.retainSinceCreateTime().isEmpty()
                && gc.retainSinceLastActiveTime().isEmpty()) {
            return List.of();
        }
        long min = gc.minNonActiveRevisions();
        if (all.size() <= min) {
            return List.of();
        }
        List<Revision> revs = new ArrayList<>(all.stream().filter(r -> !isActive(r, configuration))
                .sorted(OLDEST_FIRST).toList());
        List<Revision> delete = new ArrayList<>();
        for (int i = 0; i < revs.size();) {
            if (revs.size() <= min) {
                return delete;
            }
            if (isStale(gc, revs.get(i), now)) {
                delete.add(revs.remove(i));
            } else {
                i++;
            }
        }
        if (gc.maxNonActiveRevisions().isPresent() && revs.size() > gc.maxNonActiveRevisions().getAsLong()) {
            delete.addAll(revs.subList(0, (int) (revs.size() - gc.maxNonActiveRevisions().getAsLong())));
        }
        return delete;
    }

    /** Latest ready, preserved, and anything the labeler has not put in reserve are never collected. */
    static boolean isActive(Revision rev, Configuration configuration) {
        String latestReady = configuration.getStatus() == null ? null
                : configuration.getStatus().getLatestReadyRevisionName();
        if (Objects.equals(latestReady, rev.getMetadata().getName())) {
            return true;
        }
        Map<String, String> annotations = rev.getMetadata().getAnnotations();
        if (annotations != null && "true".equalsIgnoreCase(annotations.get(ServingKeys.NO_GC))) {
            return true;
        }
        return !ServingKeys.ROUTING_STATE_RESERVE.equals(rev.routingState());
    }

    static boolean isStale(GcConfig gc, Revision rev, Instant now) {
        Optional<Duration> sinceCreate = gc.retainSinceCreateTime();
        Optional<Duration> sinceActive = gc.retainSinceLastActiveTime();
        if (sinceCreate.isEmpty() && sinceActive.isEmpty()) {
            return false;
        }
        if (sinceCreate.isPresent() && Duration.between(created(rev), now).compareTo(sinceCreate.get()) < 0) {
            return false;
        }
        return sinceActive.isEmpty() || Duration.between(lastActive(rev), now).compareTo(sinceActive.get()) >= 0;
    }

    /** {@code routingStateModified}, else the creation time. */
    static Instant lastActive(Revision rev) {
        Map<String, String> annotations = rev.getMetadata().getAnnotations();
        String modified = annotations == null ? null : annotations.get(ServingKeys.ROUTING_STATE_MODIFIED);
        if (modified != null && !modified.isEmpty()) {
            try {
                return Instant.parse(modified);
            } catch (DateTimeParseException e) {
                // fall back to the creation time, as Knative does for an unparsable stamp
            }
        }
        return created(rev);
    }

    /** The {@code configurationGeneration} label; 0 when absent or not a number (sorts as the oldest). */
    static long generation(Revision rev) {
        Map<String, String> labels = rev.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(ServingKeys.CONFIGURATION_GENERATION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant created(Revision rev) {
        String ts = rev.getMetadata().getCreationTimestamp();
        return ts == null ? Instant.EPOCH : Instant.parse(ts);
    }
}
