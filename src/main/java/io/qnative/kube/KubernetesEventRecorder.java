package io.qnative.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events through the fabric8 client on one background thread, so callers (informer handlers,
 * reconcilers) never wait for the API server. Events of cluster-scoped objects go to {@code default}, as
 * kubectl and client-go do.
 */
@ApplicationScoped
public class KubernetesEventRecorder implements EventRecorder {

    private static final Logger LOG = Logger.getLogger(KubernetesEventRecorder.class);
    private static final String COMPONENT = "qnative";
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Clock clock;
    private final ExecutorService writer;

    @Inject
    KubernetesEventRecorder(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    KubernetesEventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qnative-events");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void record(HasMetadata involved, String type, String reason, String messageFormat, Object... args) {
        Event event = build(involved, type, reason, String.format(messageFormat, args), clock.instant());
        try {
            writer.execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            LOG.debugf("not recording event %s: shutting down", reason);
        }
    }

    private void write(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s/%s: %s", event.getReason(),
                    event.getInvolvedObject().getKind(), event.getInvolvedObject().getName(), e.getMessage());
        }
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
