package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event sink's count update on the wire, against the fabric8 mock API server: one JSON merge patch of the
 * count and last timestamp, as client-go's sink sends it ({@code k8s.io/client-go/tools/record/event.go}), with no
 * read before it; a 404 tells the recorder to create the Event again.
 */
@EnableKubernetesMockClient
class EventSinkWireIT {

    static final String PATH = "/api/v1/namespaces/ns/events/foo.1";

    KubernetesMockServer server;
    KubernetesClient client;

    private static Event event() {
        return new EventBuilder().withNewMetadata().withNamespace("ns").withName("foo.1").endMetadata()
                .withCount(3).withLastTimestamp("2026-12-08T01:00:00Z").build();
    }

    @Test
    void aRepeatedEventIsOneMergePatchOfItsCount() throws Exception {
        server.expect().patch().withPath(PATH).andReturn(200, event()).once();
        int before = server.getRequestCount();

        assertThat(KubernetesEventRecorder.clientSink(client).patch(event())).isTrue();

        assertThat(server.getRequestCount()).as("requests sent").isEqualTo(before + 1);
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getPath()).isEqualTo(PATH);
        assertThat(request.getBody().readUtf8())
                .isEqualTo("{\"count\":3,\"lastTimestamp\":\"2026-12-08T01:00:00Z\"}");
    }

    @Test
    void anEventThatIsGoneIsReportedSo() {
        server.expect().patch().withPath(PATH).andReturn(404, new StatusBuilder().withCode(404)
                .withReason("NotFound").build()).once();

        assertThat(KubernetesEventRecorder.clientSink(client).patch(event())).isFalse();
    }
}
