package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.kube.Lister;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which objects the informer view reads a revision's pods from, over listers of fixed objects. */
class ClusterViewTest {

    private static Map<String, String> labels(String revision, String type) {
        return Map.of(ServingKeys.REVISION, revision, NetworkingKeys.SERVICE_TYPE, type);
    }

    private static Service service(String name, Map<String, String> labels) {
        return new ServiceBuilder().withMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name)
                .withLabels(labels).build()).build();
    }

    private static GenericKubernetesResource slice(String name, String service, Map<String, String> labels,
            String ip) {
        GenericKubernetesResource s = new GenericKubernetesResource();
        s.setApiVersion(PodAddresses.SLICE_API_VERSION);
        s.setKind("EndpointSlice");
        var all = new java.util.HashMap<>(labels);
        all.put(PodAddresses.SERVICE_NAME_LABEL, service);
        s.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withLabels(all).build());
        s.setAdditionalProperty("addressType", "IPv4");
        s.setAdditionalProperty("ports", List.of(Map.of("name", "http", "port", 8012)));
        s.setAdditionalProperty("endpoints", List.of(Map.of("addresses", List.of(ip),
                "conditions", Map.of("ready", true))));
        return s;
    }

    // a revision whose name was too long has a hashed private Service name: the view finds it by label
    private final List<Service> services = List.of(service("long-rev-private-1a2b", labels("long-rev", "Private")),
            service("long-rev", labels("long-rev", "Public")));
    private final List<Endpoints> endpoints = List.of(new EndpointsBuilder().withMetadata(new ObjectMetaBuilder()
            .withNamespace("ns").withName("long-rev-private-1a2b").withLabels(labels("long-rev", "Private"))
            .build()).addNewSubset().addNewAddress().withIp("10.0.0.9").endAddress().addNewPort().withName("http")
            .withPort(8012).endPort().endSubset().build());
    private final List<GenericKubernetesResource> slices = List.of(
            slice("long-rev-private-1a2b-x", "long-rev-private-1a2b", labels("long-rev", "Private"), "10.0.0.1"),
            slice("long-rev-private-1a2b-y", "long-rev-private-1a2b", labels("long-rev", "Private"), "10.0.0.2"),
            // the public Service's mirrored slice (its Endpoints are the gateway's): not the revision's pods
            slice("long-rev-z", "long-rev", labels("long-rev", "Public"), "10.9.9.9"));

    @Test
    void slicesOfThePrivateServiceAreReadWhenServed() {
        ClusterView view = ClusterView.of(Lister.of(List.of()), Lister.of(endpoints), Lister.of(services),
                () -> Lister.of(slices));
        assertThat(view.revisionAddresses("ns", "long-rev")).containsOnly(Map.entry("10.0.0.1:8012", true),
                Map.entry("10.0.0.2:8012", true));
        assertThat(view.revisionAddresses("ns", "other")).isEmpty();
        assertThat(view.revisionAddresses("elsewhere", "long-rev")).isEmpty();
    }

    @Test
    void endpointsAreReadOtherwise() {
        ClusterView view = ClusterView.of(Lister.of(List.of()), Lister.of(endpoints), Lister.of(services));
        assertThat(view.revisionAddresses("ns", "long-rev")).containsOnly(Map.entry("10.0.0.9:8012", true));
        assertThat(view.revisionAddresses("ns", "other")).isEmpty();
    }

    @Test
    void anyServicesEndpointsComeFromTheSameSource() {
        List<Endpoints> plain = List.of(new EndpointsBuilder().withMetadata(new ObjectMetaBuilder()
                .withNamespace("ns").withName("web").build()).addNewSubset().addNewAddress().withIp("10.0.1.1")
                .endAddress().addNewPort().withName("http").withPort(8080).endPort().endSubset().build());
        List<GenericKubernetesResource> webSlices = List.of(slice("web-x", "web", Map.of(), "10.0.2.1"),
                slice("other-x", "other", Map.of(), "10.0.2.9"));

        ClusterView fromEndpoints = ClusterView.of(Lister.of(List.of()), Lister.of(plain), Lister.of(services));
        ClusterView fromSlices = ClusterView.of(Lister.of(List.of()), Lister.of(plain), Lister.of(services),
                () -> Lister.of(webSlices));

        assertThat(fromEndpoints.serviceEndpoints("ns", "web").ready("http")).containsExactly("10.0.1.1:8080");
        assertThat(fromSlices.serviceEndpoints("ns", "web").ready("http")).containsExactly("10.0.2.1:8012");
        assertThat(fromSlices.serviceEndpoints("ns", "none")).isEqualTo(ServiceEndpoints.NONE);
        assertThat(fromEndpoints.serviceEndpoints("ns", "none")).isEqualTo(ServiceEndpoints.NONE);
    }

    private static Pod pod(String name, String revision, String ip, String phase, boolean deleting) {
        return new PodBuilder().withMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name)
                        .withLabels(Map.of(ServingKeys.REVISION, revision))
                        .withDeletionTimestamp(deleting ? "2026-12-07T00:00:00Z" : null).build())
                .withNewStatus().withPodIP(ip).withPhase(phase).endStatus().build();
    }

    @Test
    void theRevisionsLivePodsWithAnIpComeFromThePodsWhenRead() {
        List<Pod> pods = List.of(pod("a", "long-rev", "10.0.3.1", "Pending", false),
                pod("b", "long-rev", null, "Pending", false),
                pod("c", "long-rev", "10.0.3.3", "Running", true),
                pod("d", "long-rev", "10.0.3.4", "Failed", false),
                pod("e", "long-rev", "10.0.3.5", "Running", false),
                pod("f", "other", "10.0.3.6", "Running", false));
        ClusterView withPods = ClusterView.of(Lister.of(List.of()), Lister.of(endpoints), Lister.of(services),
                () -> Lister.of(slices), () -> Lister.of(pods));
        assertThat(withPods.revisionPodIps("ns", "long-rev")).containsExactlyInAnyOrder("10.0.3.1", "10.0.3.5");
        assertThat(withPods.revisionPodIps("elsewhere", "long-rev")).isEmpty();
        ClusterView withoutPods = ClusterView.of(Lister.of(List.of()), Lister.of(endpoints), Lister.of(services),
                () -> Lister.of(slices));
        assertThat(withoutPods.revisionPodIps("ns", "long-rev")).isEmpty();
    }

    @Test
    void slicesAreFiledByNamespaceAndService() {
        assertThat(ClusterView.SLICES_BY_SERVICE.keys().apply(slices.get(0)))
                .containsExactly("ns/long-rev-private-1a2b");
        assertThat(ClusterView.SLICES_BY_SERVICE.keys().apply(new GenericKubernetesResource())).isEmpty();
    }

    @Test
    void onlyPrivateSlicesNameTheirRevision() {
        assertThat(ClusterView.privateRevision(slices.get(0))).contains("long-rev");
        assertThat(ClusterView.privateRevision(slices.get(2))).isEmpty();
        assertThat(ClusterView.privateRevision(new GenericKubernetesResource())).isEmpty();
    }
}
