package io.qnative.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qnative.observability.MetricNames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events through the fabric8 client on one background thread, so callers (informer handlers,
 * reconcilers) never wait for the API server. Events of cluster-scoped objects go to {@code default}, as
 * kubectl and client-go do. As client-go's broadcaster ({@code k8s.io/client-go/tools/record/event.go}) at most
 * {@value #MAX_QUEUED} Events wait for the writer ({@code maxQueuedEvents}); more are dropped
 * ({@code watch.DropIfChannelFull}), counted in {@code qnative_events_dropped_total} and logged at debug. The
 * writer correlates them as client-go does ({@link EventCorrelator}): a repeated Event updates the count of the
 * first, and an object's Events are rate-limited.
 */
@ApplicationScoped
public class KubernetesEventRecorder implements EventRecorder {

    private static final Logger LOG = Logger.getLogger(KubernetesEventRecorder.class);
    private static final String COMPONENT = "qnative";
    private static final int MAX_MESSAGE = 1024;
    /** client-go's {@code maxQueuedEvents}. */
    static final int MAX_QUEUED = 1000;

    /** Where correlated Events go. */
    interface Sink {
        /** Creates the Event. */
        void create(Event event);

        /** Updates the count and last timestamp of the stored Event of that name; false when it is gone. */
        boolean patch(Event event);
    }

    private final Sink sink;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final EventCorrelator correlator = new EventCorrelator();
    private final Counter dropped;
    private final AtomicLong skipped = new AtomicLong();

    @Inject
    KubernetesEventRecorder(KubernetesClient client, MeterRegistry registry) {
        this(clientSink(client), Clock.systemUTC(), registry);
    }

    KubernetesEventRecorder(Sink sink, Clock clock, MeterRegistry registry) {
        this.sink = sink;
        this.clock = clock;
        this.dropped = Counter.builder(MetricNames.EVENTS_DROPPED).register(registry);
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                r -> {
                    Thread t = new Thread(r, "qnative-events");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> {
                    if (executor.isShutdown()) {
                        LOG.debug("not recording an event: shutting down");
                    } else {
                        dropped.increment();
                        LOG.debugf("dropped an event: %d are waiting to be written", MAX_QUEUED);
                    }
                });
    }

    @Override
    public void record(HasMetadata involved, String type, String reason, String messageFormat, Object... args) {
        Instant now = clock.instant();
        Event event = build(involved, type, reason, String.format(messageFormat, args), now);
        writer.execute(() -> write(event, now));
    }

    /** Events dropped because {@value #MAX_QUEUED} were waiting. */
    long dropped() {
        return (long) dropped.count();
    }

    /** Events the spam filter skipped. */
    long skipped() {
        return skipped.get();
    }

    private void write(Event event, Instant now) {
        EventCorrelator.Result correlated = correlator.correlate(event, now);
        Event e = correlated.event();
        try {
            switch (correlated.action()) {
                case SKIP -> {
                    skipped.incrementAndGet();
                    LOG.debugf("skipped event %s on %s/%s: too many events on it", e.getReason(),
                            e.getInvolvedObject().getKind(), e.getInvolvedObject().getName());
                }
                case PATCH -> {
                    if (!sink.patch(e)) {
                        sink.create(e);
                    }
                }
                case CREATE -> sink.create(e);
                default -> throw new IllegalStateException(correlated.action().name());
            }
        } catch (RuntimeException failure) {
            LOG.debugf("could not record event %s on %s/%s: %s", e.getReason(), e.getInvolvedObject().getKind(),
                    e.getInvolvedObject().getName(), failure.getMessage());
        }
    }

    /** Creates Events and patches their count and last timestamp (a JSON merge patch, as client-go's sink). */
    static Sink clientSink(KubernetesClient client) {
        return new Sink() {
            @Override
            public void create(Event event) {
                client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
            }

            @Override
            public boolean patch(Event event) {
                try {
                    // on the event itself: withName(..).patch(..) would GET it first
                    client.v1().events().inNamespace(event.getMetadata().getNamespace())
                            .resource(event).patch(PatchContext.of(PatchType.JSON_MERGE),
                                    "{\"count\":" + event.getCount() + ",\"lastTimestamp\":\""
                                            + event.getLastTimestamp() + "\"}");
                    return true;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                        return false;
                    }
                    throw e;
                }
            }
        };
    }

    /** The Event for {@code involved}, named {@code <name>.<hex nanos>} like client-go's. Pure. */
    static Event build(HasMetadata involved, String type, String reason, String message, Instant now) {
        String namespace = involved.getMetadata().getNamespace();
        String eventNamespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                    .withName(involved.getMetadata().getName() + "." + Long.toHexString(nanos))
                    .withNamespace(eventNamespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind())
                        .withName(involved.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(involved.getMetadata().getUid())
                        .withResourceVersion(involved.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(timestamp)
                .withLastTimestamp(timestamp)
                .withCount(1)
                .build();
    }

    @PreDestroy
    void close() {
        writer.shutdown();
    }
}
