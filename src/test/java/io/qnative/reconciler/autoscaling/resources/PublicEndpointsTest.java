package io.qnative.reconciler.autoscaling.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import org.junit.jupiter.api.Test;

class PublicEndpointsTest {

    @Test
    void gatewayAddressesOnTheRevisionServicePortNames() {
        PodAutoscaler pa = pa();
        Endpoints gateway = new EndpointsBuilder().withNewMetadata().withName("qnative-gateway-internal")
                .withNamespace("knative-serving").endMetadata()
                .withSubsets(new EndpointSubsetBuilder()
                        .withAddresses(new EndpointAddressBuilder().withIp("10.0.0.9").build(),
                                new EndpointAddressBuilder().withIp("10.0.0.2").build())
                        .addNewPort().withName("http2").withPort(8081).withProtocol("TCP").endPort()
                        .addNewPort().withName("https").withPort(8444).withProtocol("TCP").endPort()
                        .build(),
                        new EndpointSubsetBuilder().build())
                .build();

        Endpoints e = PublicEndpoints.make(pa, gateway, 8081, 8444);

        assertThat(e.getMetadata().getName()).isEqualTo("foo-00001");
        assertThat(e.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(e.getMetadata().getLabels())
                .containsEntry("networking.internal.knative.dev/serverlessservice", "foo-00001")
                .containsEntry("networking.internal.knative.dev/serviceType", "Public")
                .containsEntry("serving.knative.dev/revision", "foo-00001");
        assertThat(e.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo("PodAutoscaler");
            assertThat(r.getController()).isTrue();
        });
        assertThat(e.getSubsets()).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.2", "10.0.0.9");
            assertThat(s.getNotReadyAddresses()).isNull();
            assertThat(s.getPorts()).extracting(p -> p.getName() + "/" + p.getPort() + "/" + p.getProtocol())
                    .containsExactly("http/8081/TCP", "https/8444/TCP");
        });
    }

    @Test
    void h2cUsesHttp2() {
        PodAutoscaler pa = pa();
        pa.getSpec().setProtocolType("h2c");
        Endpoints gateway = new EndpointsBuilder().withSubsets(new EndpointSubsetBuilder()
                .withNotReadyAddresses(new EndpointAddressBuilder().withIp("10.0.0.3").build()).build()).build();
        Endpoints e = PublicEndpoints.make(pa, gateway, 9081, 9444);
        assertThat(e.getSubsets()).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).isNull();
            assertThat(s.getNotReadyAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.3");
            assertThat(s.getPorts()).extracting(p -> p.getName() + "/" + p.getPort())
                    .containsExactly("http2/9081", "https/9444");
        });
    }

    @Test
    void noGatewayEndpointsNoSubsets() {
        assertThat(PublicEndpoints.make(pa(), null, 8081, 8444).getSubsets()).isEqualTo(List.of());
        assertThat(PublicEndpoints.make(pa(), new Endpoints(), 8081, 8444).getSubsets())
                .isEmpty();
    }

    static PodAutoscaler pa() {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        pa.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("autoscaling.knative.dev/class",
                "kpa.autoscaling.knative.dev")));
        return pa;
    }
}
