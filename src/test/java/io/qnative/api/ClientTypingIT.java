package io.qnative.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaimSpec;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceConditions;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.api.serving.v1.ServiceStatus;
import io.qnative.api.serving.v1.TrafficTarget;

/**
 * The api types work with fabric8's typed client as they are ({@code client.resources(Service.class)}), without
 * extending the client's {@code CustomResource}: create, get, list, status update and status patch, against the
 * fabric8 mock API server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true)
class ClientTypingIT {

    static KubernetesClient client;

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    static Service ksvc(String name) {
        RevisionSpec pod = new RevisionSpec();
        pod.setContainers(List.of(new ContainerBuilder().withImage("ghcr.io/knative/helloworld-go").build()));
        pod.setTimeoutSeconds(300L);
        pod.setAdditionalProperty("futurePodField", Map.of("a", "b"));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(pod);
        TrafficTarget target = new TrafficTarget();
        target.setLatestRevision(true);
        target.setPercent(100L);
        ServiceSpec spec = new ServiceSpec();
        spec.setTemplate(template);
        spec.setTraffic(List.of(target));
        spec.setAdditionalProperty("futureSpec", true);
        Service ksvc = new Service();
        ksvc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        ksvc.setSpec(spec);
        return ksvc;
    }

    @Test
    void createGetListAndUpdateStatusOfAService() {
        var services = client.resources(Service.class).inNamespace("default");
        services.resource(ksvc("foo")).create();

        Service got = services.withName("foo").get();
        assertThat(got).isInstanceOf(Service.class);
        assertThat(got.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(got.getKind()).isEqualTo("Service");
        assertThat(got.getSpec().getTemplate().getSpec().getTimeoutSeconds()).isEqualTo(300L);
        assertThat(got.getSpec().getTemplate().getSpec().getAdditionalProperties())
                .containsEntry("futurePodField", Map.of("a", "b"));
        assertThat(got.getSpec().getAdditionalProperties()).containsEntry("futureSpec", true);
        assertThat(got.getSpec().getTraffic().get(0).getPercent()).isEqualTo(100L);
        assertThat(services.list().getItems()).singleElement().isInstanceOf(Service.class);

        ServiceStatus status = new ServiceStatus();
        status.initializeConditions(NOW);
        status.setUrl("http://foo.default.example.com");
        got.setStatus(status);
        services.resource(got).updateStatus();
        Service afterUpdate = services.withName("foo").get();
        assertThat(afterUpdate.getStatus().getUrl()).isEqualTo("http://foo.default.example.com");
        assertThat(afterUpdate.getStatus().getCondition(Condition.READY).getStatus()).isEqualTo(Condition.UNKNOWN);

        afterUpdate.getStatus().manage(NOW.plusSeconds(5)).markTrue(ServiceConditions.CONFIGURATIONS_READY);
        services.resource(afterUpdate).updateStatus();
        assertThat(services.withName("foo").get().getStatus().getCondition(ServiceConditions.CONFIGURATIONS_READY)
                .isTrue()).isTrue();

        // patchStatus sends application/merge-patch+json with the whole status; the mock server concatenates
        // arrays on a merge patch where a real API server replaces them, so only scalars are checked here.
        Service toPatch = services.withName("foo").get();
        toPatch.getStatus().setObservedGeneration(1L);
        toPatch.getStatus().setLatestCreatedRevisionName("foo-00001");
        services.resource(toPatch).patchStatus();
        Service afterPatch = services.withName("foo").get();
        assertThat(afterPatch.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(afterPatch.getStatus().getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertThat(afterPatch.getStatus().getCondition(ServiceConditions.CONFIGURATIONS_READY).isTrue()).isTrue();
        assertThat(afterPatch.getSpec()).isEqualTo(got.getSpec());
    }

    @Test
    void clusterScopedClaimsHaveNoNamespace() {
        ClusterDomainClaim claim = new ClusterDomainClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName("app.example.org").build());
        ClusterDomainClaimSpec spec = new ClusterDomainClaimSpec();
        spec.setNamespace("default");
        claim.setSpec(spec);
        client.resources(ClusterDomainClaim.class).resource(claim).create();

        ClusterDomainClaim got = client.resources(ClusterDomainClaim.class).withName("app.example.org").get();
        assertThat(got.getSpec().getNamespace()).isEqualTo("default");
        assertThat(got.getMetadata().getNamespace()).isNull();
    }
}
