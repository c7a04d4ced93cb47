package io.qnative.reconciler.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scale write on the wire, against the fabric8 mock API server: one JSON merge patch of the Deployment's
 * replicas and nothing before it, as Knative's scaler sends it ({@code pkg/reconciler/autoscaling/kpa/scaler.go}).
 * On a scale from zero the request waits for this write.
 */
@EnableKubernetesMockClient
class ScalerWireIT {

    static final String PATH = "/apis/apps/v1/namespaces/ns/deployments/foo-00001-deployment";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aScaleIsOneMergePatchOfTheReplicas() throws Exception {
        Deployment cached = new DeploymentBuilder().withNewMetadata().withNamespace("ns")
                .withName("foo-00001-deployment").withResourceVersion("7").endMetadata()
                .withNewSpec().withReplicas(0).endSpec().build();
        Deployment scaled = new DeploymentBuilder(cached).editSpec().withReplicas(1).endSpec().build();
        server.expect().patch().withPath(PATH).andReturn(200, scaled).once();
        int before = server.getRequestCount();

        PodAutoscalerControllers.scaler(client).scale(cached, 1);

        assertThat(server.getRequestCount()).as("requests sent").isEqualTo(before + 1);
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getPath()).isEqualTo(PATH);
        assertThat(request.getHeader("Content-Type")).startsWith("application/merge-patch+json");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"spec\":{\"replicas\":1}}");
    }
}
