package io.qnative.reconciler.route.resources;

import static io.qnative.reconciler.route.RouteFixtures.exampleCom;
import static io.qnative.reconciler.route.RouteFixtures.tree;
import static io.qnative.reconciler.route.RouteFixtures.yamls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerIngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerStatus;
import io.qnative.reconciler.ingress.GatewayLoadBalancers;
import io.qnative.reconciler.route.resources.PlaceholderServices.ServicePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Placeholder Services compared to whole expected objects (Knative's {@code
 * pkg/reconciler/route/resources/service_test.go}).
 */
class PlaceholderServicesTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "split", "tags", "cluster-local"})
    void wholeServices(String scenario) {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), Scenarios.all().get(scenario));
        List<JsonNode> actual = new ArrayList<>();
        for (String name : s.traffic().names()) {
            actual.add(tree(PlaceholderServices.make(exampleCom(), s.route(), name)));
        }
        assertThat(actual).isEqualTo(yamls("route/services-" + scenario + ".yaml"));
    }

    static IngressStatus status(LoadBalancerIngressStatus pub, LoadBalancerIngressStatus priv) {
        IngressStatus st = new IngressStatus();
        if (pub != null) {
            LoadBalancerStatus p = new LoadBalancerStatus();
            p.setIngress(List.of(pub));
            st.setPublicLoadBalancer(p);
        }
        if (priv != null) {
            LoadBalancerStatus p = new LoadBalancerStatus();
            p.setIngress(List.of(priv));
            st.setPrivateLoadBalancer(p);
        }
        return st;
    }

    static LoadBalancerIngressStatus lb(String ip, String domain, String internal, Boolean meshOnly) {
        LoadBalancerIngressStatus l = new LoadBalancerIngressStatus();
        l.setIp(ip);
        l.setDomain(domain);
        l.setDomainInternal(internal);
        l.setMeshOnly(meshOnly);
        return l;
    }

    ServicePair pair(IngressStatus st, boolean isPrivate) {
        Scenarios.Scenario s = Scenarios.resolve(exampleCom(), Scenarios.tags());
        return PlaceholderServices.withLoadBalancer(exampleCom(), s.route(), "current", st, isPrivate);
    }

    @Test
    void gatewayLoadBalancersGiveAnExternalNameToThePrivateGateway() {
        IngressStatus st = new IngressStatus();
        st.markLoadBalancerReady(GatewayLoadBalancers.publicLoadBalancers("knative-serving", "cluster.local"),
                GatewayLoadBalancers.privateLoadBalancers("knative-serving", "cluster.local"), java.time.Instant.EPOCH);
        ServicePair p = pair(st, false);
        assertThat(p.endpoints()).isNull();
        assertThat(p.service().getMetadata().getName()).isEqualTo("current-foo");
        assertThat(p.service().getSpec().getType()).isEqualTo("ExternalName");
        assertThat(p.service().getSpec().getExternalName())
                .isEqualTo("qnative-gateway-internal.knative-serving.svc.cluster.local");
        assertThat(p.service().getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(p.service().getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http2");
            assertThat(port.getAppProtocol()).isEqualTo("kubernetes.io/h2c");
        });
    }

    @Test
    void ipGivesHeadlessServiceAndEndpoints() {
        ServicePair p = pair(status(lb("10.0.0.1", null, null, null), null), false);
        assertThat(p.service().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(p.service().getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(p.endpoints().getMetadata()).isEqualTo(p.service().getMetadata());
        assertThat(p.endpoints().getSubsets()).singleElement().satisfies(sub -> {
            assertThat(sub.getAddresses()).singleElement().satisfies(a -> assertThat(a.getIp()).isEqualTo("10.0.0.1"));
            assertThat(sub.getPorts()).singleElement().satisfies(pt -> {
                assertThat(pt.getName()).isEqualTo("http2");
                assertThat(pt.getPort()).isEqualTo(80);
            });
        });
    }

    @Test
    void privateBalancerPreferredDomainAndMeshOnly() {
        ServicePair p = pair(status(lb(null, "public.example.com", null, null), lb(null, "private.example.com", null,
                null)), false);
        assertThat(p.service().getSpec().getExternalName()).isEqualTo("private.example.com");
        assertThat(p.service().getSpec().getSessionAffinity()).isNull();
        ServicePair mesh = pair(status(lb(null, null, null, true), null), false);
        assertThat(mesh.service().getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(mesh.service().getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort()).isNull();
        });
    }

    @Test
    void noUsableBalancerIsAnError() {
        assertThatThrownBy(() -> pair(new IngressStatus(), false))
                .isInstanceOf(PlaceholderServices.LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> pair(status(lb(null, "public.example.com", null, null), null), true))
                .isInstanceOf(PlaceholderServices.LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> pair(status(lb(null, null, null, null), null), false))
                .isInstanceOf(PlaceholderServices.LoadBalancerNotFoundException.class);
    }
}
