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

        var web = (ServiceBackend.Target) ServiceBackend.resolve(svc, endpoints(), 80);
        var grpc = (ServiceBackend.Target) ServiceBackend.resolve(svc, endpoints(), 81);

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

        assertThat(((ServiceBackend.Target) ServiceBackend.resolve(svc, ep, 80)).addresses())
                .containsExactly("10.0.0.9:8080");
        assertThat(((ServiceBackend.Target) ServiceBackend.resolve(svc, null, 80)).addresses()).isEmpty();
    }

    @Test
    void externalNameAndAMissingPortAreRefusedNamingTheService() {
        Service ext = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build();
        Service svc = service("ClusterIP", new ServicePortBuilder().withName("http").withPort(80).build());

        assertThat(ServiceBackend.resolve(ext, null, 80)).isEqualTo(new ServiceBackend.Refusal(404,
                "service ns/ext is of type ExternalName, which the gateway does not proxy to"));
        assertThat(ServiceBackend.resolve(svc, endpoints(), 8080))
                .isEqualTo(new ServiceBackend.Refusal(404, "service ns/svc has no port 8080"));
    }
}
