package io.qnative.gateway.metrics;

import io.qnative.autoscaler.metrics.Stat;
import io.qnative.autoscaler.metrics.StatSink;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Feeds the autoscaler (Knative's activator {@code ConcurrencyReporter}): {@link #begin}/{@link #end} around every
 * revision request, {@link #report} every second with the time-weighted average concurrency and request rate of
 * each revision that saw traffic. The first request of a revision without an entry sends {concurrency 1, count 1}
 * at once (the cold-start poke) and that 1 is subtracted from the next report; an entry is dropped after a period
 * without load. Thread-safe.
 */
public final class StatReporter {

    private static final class Entry {
        final ConcurrencyWindow window;
        boolean poked;

        Entry(long nanos) {
            this.window = new ConcurrencyWindow(nanos);
        }
    }

    private final StatSink sink;
    private final String source;
    private final LongSupplier nanos;
    private final Clock clock;
    /**
     * Entries by namespace, then revision name: a request finds its entry by the revision's own strings (whose hashes
     * are cached), with no key object to allocate and hash.
     */
    private final Map<String, Map<String, Entry>> entries = new HashMap<>();

    /**
     * @param sink where reports go
     * @param source this replica's name
     * @param nanos a monotonic clock
     * @param clock the wall clock stamped on reports
     */
    public StatReporter(StatSink sink, String source, LongSupplier nanos, Clock clock) {
        this.sink = sink;
        this.source = source;
        this.nanos = nanos;
        this.clock = clock;
    }

    /** A request for the revision arrived. */
    public void begin(String namespace, String revision) {
        long now = nanos.getAsLong();
        boolean poke;
        synchronized (this) {
            Map<String, Entry> revisions = entries.computeIfAbsent(namespace, ns -> new HashMap<>());
            Entry e = revisions.get(revision);
            poke = e == null;
            if (poke) {
                e = new Entry(now);
                e.poked = true;
                revisions.put(revision, e);
            }
            e.window.begin(now);
        }
        if (poke) {
            sink.record(new Stat(namespace, revision, source, 1, 1, clock.instant()));
        }
    }

    /** The request completed (or was abandoned). */
    public void end(String namespace, String revision) {
        long now = nanos.getAsLong();
        synchronized (this) {
            Entry e = entry(namespace, revision);
            if (e != null) {
                e.window.end(now);
            }
        }
    }

    /** Closes the period of every revision and sends its stat; runs every second. */
    public void report() {
        long now = nanos.getAsLong();
        var out = new java.util.ArrayList<Stat>();
        synchronized (this) {
            var namespaces = entries.entrySet().iterator();
            while (namespaces.hasNext()) {
                var ns = namespaces.next();
                var it = ns.getValue().entrySet().iterator();
                while (it.hasNext()) {
                    var kv = it.next();
                    Entry e = kv.getValue();
                    ConcurrencyWindow.Report r = e.window.close(now);
                    double concurrency = r.averageConcurrency();
                    double count = r.requestCount();
                    if (e.poked) {
                        concurrency = Math.max(0, concurrency - 1);
                        count = Math.max(0, count - 1);
                        e.poked = false;
                    }
                    if (r.idle()) {
                        it.remove();
                    }
                    out.add(new Stat(ns.getKey(), kv.getKey(), source, concurrency, count, clock.instant()));
                }
                if (ns.getValue().isEmpty()) {
                    namespaces.remove();
                }
            }
        }
        out.forEach(sink::record);
    }

    /** Requests in flight for a revision (queued ones included). */
    public synchronized int inFlight(String namespace, String revision) {
        Entry e = entry(namespace, revision);
        return e == null ? 0 : e.window.inFlight();
    }

    private Entry entry(String namespace, String revision) {
        Map<String, Entry> revisions = entries.get(namespace);
        return revisions == null ? null : revisions.get(revision);
    }
}
