package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.gateway.activator.ClusterView;
import io.qnative.gateway.activator.PodAddresses;
import io.qnative.kube.Discovery;
import io.qnative.kube.Informers;
import io.qnative.kube.Lister;
import io.qnative.testing.TestConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice path on the wire, against the fabric8 mock API server: the decision from the API group list,
 * the slice informer of every slice naming a Service (GenericKubernetesResource, no discovery model, filed by
 * Service), and the pods and Service addresses the gateway's view reads from it as slices come, change and go.
 */
@EnableKubernetesMockClient(crud = true)
class EndpointSlicesIT {

    static final ResourceDefinitionContext SLICES = new ResourceDefinitionContext.Builder()
            .withGroup("discovery.k8s.io").withVersion("v1").withKind("EndpointSlice").withPlural("endpointslices")
            .withNamespaced(true).build();

    KubernetesMockServer server;
    KubernetesClient client;
    private Informers informers;

    @AfterEach
    void stop() {
        if (informers != null) {
            informers.stop();
        }
    }

    private static APIGroupListBuilder groups(String... discoveryVersions) {
        var discovery = new APIGroupBuilder().withName("discovery.k8s.io");
        for (String v : discoveryVersions) {
            discovery.addNewVersion().withGroupVersion("discovery.k8s.io/" + v).withVersion(v).endVersion();
        }
        return new APIGroupListBuilder().addNewGroup().withName("apps").addNewVersion().withGroupVersion("apps/v1")
                .withVersion("v1").endVersion().endGroup().addToGroups(discovery.build());
    }

    @Test
    void slicesAreChosenWhenTheApiGroupListHasDiscoveryV1() {
        server.expect().get().withPath("/apis").andReturn(200, groups("v1", "v1beta1").build()).once();
        server.expect().get().withPath("/apis").andReturn(200, groups("v1beta1").build()).once();
        server.expect().get().withPath("/apis").andReturn(403, "forbidden").once();

        assertThat(Discovery.serves(client, PodAddresses.SLICE_API_VERSION)).contains(true);
        assertThat(Discovery.serves(client, PodAddresses.SLICE_API_VERSION)).as("Kubernetes 1.20").contains(false);
        assertThat(Discovery.serves(client, PodAddresses.SLICE_API_VERSION)).as("an answer, not served")
                .contains(false);
    }

    @Test
    void anUnreachableApiServerIsAskedAgain() {
        try (KubernetesClient closed = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()) {
            assertThat(Discovery.serves(closed, PodAddresses.SLICE_API_VERSION)).isEmpty();
        }
    }

    private static GenericKubernetesResource slice(String name, String service, Map<String, String> labels,
            String ip, Boolean ready) {
        GenericKubernetesResource s = new GenericKubernetesResource();
        s.setApiVersion("discovery.k8s.io/v1");
        s.setKind("EndpointSlice");
        Map<String, String> all = new HashMap<>(labels);
        all.put(PodAddresses.SERVICE_NAME_LABEL, service);
        s.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withLabels(all).build());
        s.setAdditionalProperty("addressType", "IPv4");
        s.setAdditionalProperty("ports", List.of(Map.of("name", "http", "port", 8012, "protocol", "TCP")));
        Map<String, Object> conditions = new HashMap<>();
        if (ready != null) {
            conditions.put("ready", ready);
        }
        s.setAdditionalProperty("endpoints", List.of(Map.of("addresses", List.of(ip), "conditions", conditions)));
        return s;
    }

    @Test
    void theLabelFilteredInformerFeedsTheRevisionsPods() {
        Map<String, String> priv = Map.of(ServingKeys.REVISION, "r-1", NetworkingKeys.SERVICE_TYPE, "Private");
        client.services().inNamespace("ns").resource(new ServiceBuilder().withMetadata(new ObjectMetaBuilder()
                .withNamespace("ns").withName("r-1-private").withLabels(priv).build()).withNewSpec().addNewPort()
                .withName("http").withPort(80).endPort().endSpec().build()).create();
        var slices = client.genericKubernetesResources(SLICES).inNamespace("ns");
        slices.resource(slice("r-1-private-a", "r-1-private", priv, "10.0.0.1", true)).create();
        slices.resource(slice("r-1-private-b", "r-1-private", priv, "10.0.0.2", false)).create();
        // a plain Service's slice: read for KIngress splits naming the Service
        slices.resource(slice("web-a", "web", Map.of("app", "web"), "10.0.0.7", true)).create();
        // a slice no Service owns (no kubernetes.io/service-name): never cached
        GenericKubernetesResource orphan = slice("orphan", "x", Map.of(), "10.0.0.8", true);
        orphan.getMetadata().getLabels().remove(PodAddresses.SERVICE_NAME_LABEL);
        slices.resource(orphan).create();

        informers = new Informers(client, TestConfigs.qnative());
        List<String> events = new CopyOnWriteArrayList<>();
        Consumer<GenericKubernetesResource> record = s -> events.add(s.getMetadata().getName());
        Lister<GenericKubernetesResource> sliceLister = informers.watchGeneric(SLICES,
                PodAddresses.SERVICE_NAME_LABEL, ClusterView.SLICES_BY_SERVICE, GatewayServer.handler(record, record));
        Lister<io.fabric8.kubernetes.api.model.Service> services = informers.watch(
                io.fabric8.kubernetes.api.model.Service.class, null);
        informers.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> informers.unsynced().isEmpty());

        ClusterView view = ClusterView.of(Lister.of(List.of()), Lister.of(List.of()), services, () -> sliceLister);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view.revisionAddresses("ns", "r-1"))
                .containsOnly(Map.entry("10.0.0.1:8012", true), Map.entry("10.0.0.2:8012", false)));
        assertThat(sliceLister.list()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("r-1-private-a", "r-1-private-b", "web-a");
        assertThat(events).containsExactlyInAnyOrder("r-1-private-a", "r-1-private-b", "web-a");
        assertThat(view.serviceEndpoints("ns", "web").ready("http")).containsExactly("10.0.0.7:8012");

        slices.resource(slice("r-1-private-b", "r-1-private", priv, "10.0.0.2", true)).update();
        slices.resource(slice("r-1-private-c", "r-1-private", priv, "10.0.0.3", null)).create();
        slices.withName("r-1-private-a").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view.revisionAddresses("ns", "r-1"))
                .containsOnly(Map.entry("10.0.0.2:8012", true), Map.entry("10.0.0.3:8012", true)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events)
                .contains("r-1-private-c").filteredOn("r-1-private-a"::equals).hasSize(2));
        assertThat(events).doesNotContain("orphan");
    }
}
