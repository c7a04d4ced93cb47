package io.qnative.gateway.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod addresses from core/v1 Endpoints and from discovery.k8s.io/v1 EndpointSlices as the API server sends them. */
class PodAddressesTest {

    private static GenericKubernetesResource slice(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    @Test
    void endpointsGiveReadyAndNotReadyAddressesOnTheHttpPort() {
        var ep = new EndpointsBuilder().withNewMetadata().withName("r-private").endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.1").endAddress()
                .addNewNotReadyAddress().withIp("10.0.0.2").endNotReadyAddress()
                .addNewPort().withName("https").withPort(8112).endPort()
                .addNewPort().withName("http").withPort(8012).endPort().endSubset().build();
        assertThat(PodAddresses.of(ep)).containsExactly(java.util.Map.entry("10.0.0.1:8012", true),
                java.util.Map.entry("10.0.0.2:8012", false));
        assertThat(PodAddresses.of(null)).isEmpty();
    }

    @Test
    void slicesAreMergedWithTheirConditions() {
        GenericKubernetesResource a = slice("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: r-private-abc, namespace: ns, labels: {kubernetes.io/service-name: r-private}}
                addressType: IPv4
                ports:
                - {name: https, port: 8112, protocol: TCP}
                - {name: http, port: 8012, protocol: TCP}
                endpoints:
                - addresses: [10.0.0.1]
                  conditions: {ready: true, serving: true, terminating: false}
                  targetRef: {kind: Pod, name: r-1, namespace: ns}
                - addresses: [10.0.0.2]
                  conditions: {ready: false, serving: false, terminating: false}
                - addresses: [10.0.0.3]
                  conditions: {}
                - addresses: [10.0.0.4]
                  conditions: {ready: false, serving: true, terminating: true}
                - addresses: [10.0.0.5, 10.0.0.50]
                """);
        // the same pod in a second slice while the controller moves it, ready there; and a pod of its own
        GenericKubernetesResource b = slice("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: r-private-def, namespace: ns, labels: {kubernetes.io/service-name: r-private}}
                addressType: IPv4
                ports:
                - {name: http, port: 8012, protocol: TCP}
                endpoints:
                - addresses: [10.0.0.2]
                  conditions: {ready: true}
                - addresses: [10.0.0.6]
                  conditions: {ready: false}
                """);
        GenericKubernetesResource fqdn = slice("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: r-private-fqdn, namespace: ns}
                addressType: FQDN
                ports: [{name: http, port: 8012}]
                endpoints: [{addresses: [pod.example.com]}]
                """);
        GenericKubernetesResource empty = slice("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: r-private-empty, namespace: ns}
                addressType: IPv4
                ports: null
                endpoints: null
                """);

        var addresses = PodAddresses.ofSlices(List.of(a, b, fqdn, empty));

        assertThat(addresses).containsOnly(java.util.Map.entry("10.0.0.1:8012", true),
                java.util.Map.entry("10.0.0.2:8012", true), java.util.Map.entry("10.0.0.3:8012", true),
                java.util.Map.entry("10.0.0.5:8012", true), java.util.Map.entry("10.0.0.6:8012", false));
        assertThat(PodAddresses.ofSlices(List.of(b, a))).containsEntry("10.0.0.2:8012", true);
        assertThat(PodAddresses.ofSlices(List.of())).isEmpty();
    }

    @Test
    void aSliceWithoutAnHttpPortUsesItsFirst() {
        GenericKubernetesResource s = slice("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: x, namespace: ns}
                addressType: IPv6
                ports: [{name: grpc, port: 9000}, {name: admin, port: 9001}]
                endpoints: [{addresses: ["fd00::1"], conditions: {ready: true}}]
                """);
        assertThat(PodAddresses.ofSlices(List.of(s))).containsOnly(java.util.Map.entry("[fd00::1]:9000", true));
    }
}
