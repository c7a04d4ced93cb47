package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.gateway.activator.PodAddresses;
import io.qnative.gateway.activator.ServiceEndpoints;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a KIngress split naming a Kubernetes Service resolves to ready endpoint addresses. */
class ServiceBackendTest {

    private static Service service(String type, io.fabric8.kubernetes.api.model.ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("svc").endMetadata()
                .withNewSpec().withType(type).withPorts(ports).endSpec().build();
    }

    /** Two Service ports; the endpoints carry each under the Service port's name, with different pod ports. */
    private static Endpoints endpoints() {
        return new EndpointsBuilder().withNewMetadata().withNamespace("ns").withName("svc").endMetadata()
                .addToSubsets(new EndpointSubsetBuilder()
                        .withAddresses(new EndpointAddressBuilder().withIp("10.0.0.1").build(),
                                new EndpointAddressBuilder().withIp("10.0.0.2").build())
                        .withNotReadyAddresses(new EndpointAddressBuilder().withIp("10.0.0.3").build())
                        .withPorts(new EndpointPortBuilder().withName("web").withPort(8080).build(),
                                new EndpointPortBuilder().withName("grpc").withPort(9000).build())
                        .build())
                .addToSubsets(new EndpointSubsetBuilder()
                        .withAddresses(new EndpointAddressBuilder().withIp("10.0.0.4").build())
                        .withPorts(new EndpointPortBuilder().withName("web").withPort(8081).build()).build())
                .build();
    }

    @Test
    void theSplitPortPicksTheEndpointPortOfTheSameNameOnReadyAddressesOnly() {
        Service svc = service("ClusterIP",
                new ServicePortBuilder().withName("web").withPort(80).withTargetPort(new IntOrString("web")).build(),
                new ServicePortBuilder().withName("grpc").withPort(81).withAppProtocol("kubernetes.io/h2c").build());

        var web = (ServiceBackend.Target) ServiceBackend.resolve(svc, PodAddresses.fromEndpoints(endpoints()), 80);
        var grpc = (ServiceBackend.Target) ServiceBackend.resolve(svc, PodAddresses.fromEndpoints(endpoints()), 81);

        assertThat(web.addresses()).containsExactly("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.4:8081");
        assertThat(web.h2c()).isFalse();
        assertThat(grpc.addresses()).containsExactly("10.0.0.1:9000", "10.0.0.2:9000");
        assertThat(grpc.h2c()).isTrue();
        assertThat(grpc.id()).isEqualTo("ns/svc");
    }

    @Test
    void anUnnamedSinglePortMatchesAnUnnamedEndpointPortAndNoEndpointsMeansNoAddress() {
        Service svc = service(null, new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString(8080))
                .build());
        Endpoints ep = new EndpointsBuilder().withNewMetadata().withNamespace("ns").withName("svc").endMetadata()
                .addToSubsets(new EndpointSubsetBuilder()
                        .withAddresses(new EndpointAddressBuilder().withIp("10.0.0.9").build())
                        .withPorts(new EndpointPortBuilder().withPort(8080).build()).build())
                .build();

        assertThat(((ServiceBackend.Target) ServiceBackend.resolve(svc, PodAddresses.fromEndpoints(ep), 80))
                .addresses())
                .containsExactly("10.0.0.9:8080");
        assertThat(((ServiceBackend.Target) ServiceBackend.resolve(svc, ServiceEndpoints.NONE, 80)).addresses())
                .isEmpty();
    }

    @Test
    void externalNameAndAMissingPortAreRefusedNamingTheService() {
        Service ext = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build();
        Service svc = service("ClusterIP", new ServicePortBuilder().withName("http").withPort(80).build());

        assertThat(ServiceBackend.resolve(ext, ServiceEndpoints.NONE, 80)).isEqualTo(new ServiceBackend.Refusal(404,
                "service ns/ext is of type ExternalName, which the gateway does not proxy to"));
        assertThat(ServiceBackend.resolve(svc, PodAddresses.fromEndpoints(endpoints()), 8080))
                .isEqualTo(new ServiceBackend.Refusal(404, "service ns/svc has no port 8080"));
    }

    @Test
    void sliceEndpointsResolveTheSameWayIpv6Bracketed() {
        Service svc = service("ClusterIP",
                new ServicePortBuilder().withName("web").withPort(80).withTargetPort(new IntOrString("web")).build());
        GenericKubernetesResource v4 = Serialization.unmarshal("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: svc-a, namespace: ns, labels: {kubernetes.io/service-name: svc}}
                addressType: IPv4
                ports: [{name: web, port: 8080}, {name: grpc, port: 9000}]
                endpoints:
                - {addresses: [10.0.0.1], conditions: {ready: true}}
                - {addresses: [10.0.0.3], conditions: {ready: false}}
                - {addresses: [10.0.0.5], conditions: {ready: true, terminating: true}}
                """, GenericKubernetesResource.class);
        GenericKubernetesResource v6 = Serialization.unmarshal("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: svc-b, namespace: ns, labels: {kubernetes.io/service-name: svc}}
                addressType: IPv6
                ports: [{name: web, port: 8080}]
                endpoints:
                - {addresses: ["fd00::2"]}
                - {addresses: [10.0.0.1], conditions: {ready: true}}
                """, GenericKubernetesResource.class);

        var web = (ServiceBackend.Target) ServiceBackend.resolve(svc, PodAddresses.fromSlices(List.of(v4, v6)), 80);

        assertThat(web.addresses()).containsExactly("10.0.0.1:8080", "[fd00::2]:8080");
    }
}
