package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one model of a Service's endpoints, read from Endpoints and from EndpointSlices alike. */
class ServiceEndpointsTest {

    private static final GenericKubernetesResource GATEWAY_SLICE = Serialization.unmarshal("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: gw-abc, namespace: knative-serving,
                       labels: {kubernetes.io/service-name: qnative-gateway-internal}}
            addressType: IPv6
            ports: [{name: http, port: 8081}]
            endpoints:
            - addresses: ["fd00::2"]
              conditions: {ready: true}
              targetRef: {kind: Pod, namespace: knative-serving, name: gw-1}
            - addresses: ["fd00::1"]
              targetRef: {kind: Pod, namespace: knative-serving, name: gw-0}
            - addresses: ["fd00::3"]
              conditions: {ready: false}
              targetRef: {kind: Pod, namespace: knative-serving, name: gw-2}
            """, GenericKubernetesResource.class);

    @Test
    void ipv6AddressesAreBracketedWhereDialledOrSentAsHost() {
        assertThat(ServiceEndpoints.hostPort("fd00::1", 8012)).isEqualTo("[fd00::1]:8012");
        assertThat(ServiceEndpoints.hostPort("10.0.0.1", 8012)).isEqualTo("10.0.0.1:8012");
        assertThat(ServiceEndpoints.host("fd00::1")).isEqualTo("[fd00::1]");
        assertThat(ServiceEndpoints.host("[fd00::1]")).isEqualTo("[fd00::1]");
        assertThat(ServiceEndpoints.host("10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrackerParsesBothFormsBackToTheBareIp() {
        PodTracker v6 = PodTracker.parse("[fd00::1]:8012");
        assertThat(v6.ip()).isEqualTo("fd00::1");
        assertThat(v6.port()).isEqualTo(8012);
        assertThat(v6.address()).isEqualTo("[fd00::1]:8012");
        PodTracker v4 = PodTracker.parse("10.0.0.1:80");
        assertThat(v4.ip()).isEqualTo("10.0.0.1");
        assertThat(v4.address()).isEqualTo("10.0.0.1:80");
    }

    @Test
    void theGatewaysReplicasAreItsReadyEndpointsWithTheirPods() {
        ServiceEndpoints fromSlices = PodAddresses.fromSlices(List.of(GATEWAY_SLICE, GATEWAY_SLICE));
        assertThat(fromSlices.readyAddresses()).containsExactly(
                new ServiceEndpoints.Address("fd00::2", true, "gw-1"),
                new ServiceEndpoints.Address("fd00::1", true, "gw-0"));

        var ep = new EndpointsBuilder().withNewMetadata().withName("qnative-gateway-internal").endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.2").withNewTargetRef().withKind("Pod")
                .withName("gw-1").endTargetRef().endAddress()
                .addNewNotReadyAddress().withIp("10.0.0.3").endNotReadyAddress()
                .addNewPort().withName("http").withPort(8081).endPort().endSubset().build();
        assertThat(PodAddresses.fromEndpoints(ep).readyAddresses())
                .containsExactly(new ServiceEndpoints.Address("10.0.0.2", true, "gw-1"));
        assertThat(PodAddresses.fromEndpoints(null)).isEqualTo(ServiceEndpoints.NONE);
    }

    @Test
    void readyOnANamedPortAndRevisionPodsOnTheHttpPort() {
        ServiceEndpoints e = PodAddresses.fromSlices(List.of(GATEWAY_SLICE));
        assertThat(e.ready("http")).containsExactly("[fd00::2]:8081", "[fd00::1]:8081");
        assertThat(e.ready("web")).isEmpty();
        assertThat(e.ready(null)).isEmpty();
        assertThat(e.revisionPods()).containsExactly(Map.entry("[fd00::2]:8081", true),
                Map.entry("[fd00::1]:8081", true), Map.entry("[fd00::3]:8081", false));
    }
}
