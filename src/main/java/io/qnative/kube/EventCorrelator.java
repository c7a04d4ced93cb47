package io.qnative.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * client-go's event correlation ({@code k8s.io/client-go/tools/record/events_cache.go}, {@code EventCorrelator})
 * without its aggregation of similar events: an Event identical to one recorded before (same object, type,
 * reason, message and source) becomes a count update of that Event rather than a new one ({@code eventLogger}),
 * and each object's Events pass a token bucket (burst 25, one more every 5 minutes: {@code
 * EventSourceObjectSpamFilter}), so an object that keeps failing the same way costs one Event and some updates,
 * not one Event per reconcile. Both caches are LRUs of 4,096 keys, as client-go's. Not thread-safe: the recorder's
 * single writer thread calls it.
 */
final class EventCorrelator {

    /** client-go's {@code maxLruCacheEntries}. */
    static final int CACHE_SIZE = 4096;
    /** client-go's {@code defaultSpamBurst}. */
    static final int SPAM_BURST = 25;
    /** One token per this, client-go's {@code defaultSpamQPS} (1/300). */
    static final Duration SPAM_REFILL = Duration.ofMinutes(5);

    /** What to write for an Event. */
    enum Action {
        /** a new Event */
        CREATE,
        /** a count update of the earlier identical Event (same name), falling back to creating it when gone */
        PATCH,
        /** nothing: the object's Events are over the spam filter's rate */
        SKIP
    }

    /** The correlated Event (for PATCH: the earlier Event's name, first timestamp and the new count) and what to do. */
    record Result(Action action, Event event) {
    }

    private record Seen(String name, String firstTimestamp, int count) {
    }

    private static final class Bucket {
        double tokens = SPAM_BURST;
        Instant last;

        Bucket(Instant now) {
            this.last = now;
        }
    }

    private final Map<String, Seen> seen = lru();
    private final Map<String, Bucket> buckets = lru();

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    /** Correlates {@code event} (count 1, as {@link KubernetesEventRecorder#build} makes it) recorded {@code now}. */
    Result correlate(Event event, Instant now) {
        String key = eventKey(event);
        Seen before = seen.get(key);
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        Event observed = event;
        Action action = Action.CREATE;
        if (before != null) {
            observed = new EventBuilder(event).editMetadata().withName(before.name()).endMetadata()
                    .withFirstTimestamp(before.firstTimestamp()).withLastTimestamp(timestamp)
                    .withCount(before.count() + 1).build();
            action = Action.PATCH;
        }
        seen.put(key, new Seen(observed.getMetadata().getName(), observed.getFirstTimestamp(), observed.getCount()));
        if (!take(spamKey(event), now)) {
            return new Result(Action.SKIP, observed);
        }
        return new Result(action, observed);
    }

    private boolean take(String key, Instant now) {
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(now));
        double refilled = (double) Duration.between(b.last, now).toNanos() / SPAM_REFILL.toNanos();
        if (refilled > 0) {
            b.tokens = Math.min(SPAM_BURST, b.tokens + refilled);
            b.last = now;
        }
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    /** client-go's {@code getEventKey}: source, involved object, type, reason, message. */
    static String eventKey(Event e) {
        return String.join("\u0000", spamKey(e), String.valueOf(e.getType()), String.valueOf(e.getReason()),
                String.valueOf(e.getMessage()));
    }

    /** client-go's {@code getSpamKey}: source and involved object. */
    static String spamKey(Event e) {
        ObjectReference o = e.getInvolvedObject();
        return String.join("\u0000", e.getSource() == null ? "" : String.valueOf(e.getSource().getComponent()),
                String.valueOf(o.getKind()), String.valueOf(o.getNamespace()), String.valueOf(o.getName()),
                String.valueOf(o.getUid()), String.valueOf(o.getApiVersion()));
    }
}
