package io.qnative.reconciler.route.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerIngressStatus;
import io.qnative.api.networking.v1alpha1.LoadBalancerStatus;
import io.qnative.api.serving.v1.Route;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.route.RouteFixtures;
import org.junit.jupiter.api.Test;

class PlaceholderUpdatesTest {

    static final Route ROUTE = RouteFixtures.route("r", RouteFixtures.cfg("c", 100));

    static Service initial() {
        return PlaceholderServices.make(RouteFixtures.exampleCom(), ROUTE, "");
    }

    static IngressStatus lb(LoadBalancerIngressStatus entry) {
        LoadBalancerStatus s = new LoadBalancerStatus();
        s.setIngress(java.util.List.of(entry));
        IngressStatus st = new IngressStatus();
        st.setPrivateLoadBalancer(s);
        return st;
    }

    static Service withLb(LoadBalancerIngressStatus entry) {
        return PlaceholderServices.withLoadBalancer(RouteFixtures.exampleCom(), ROUTE, "", lb(entry), false)
                .service();
    }

    @Test
    void serverDefaultsCountAsTheSame() {
        Service live = Kmeta.deepCopy(initial(), Service.class);
        ServicePort p = live.getSpec().getPorts().get(0);
        p.setProtocol("TCP");
        live.getSpec().setIpFamilies(java.util.List.of("IPv4"));

        assertThat(PlaceholderUpdates.same(live, initial())).isTrue();
    }

    @Test
    void anotherExternalNameIsAnUpdateKeepingForeignLabels() {
        LoadBalancerIngressStatus gw = new LoadBalancerIngressStatus();
        gw.setDomainInternal("gw.knative-serving.svc.cluster.local");
        Service desired = withLb(gw);
        Service live = Kmeta.deepCopy(initial(), Service.class);
        Map<String, String> labels = new TreeMap<>(live.getMetadata().getLabels());
        labels.put(NetworkingKeys.VISIBILITY, NetworkingKeys.VISIBILITY_CLUSTER_LOCAL);
        live.getMetadata().setLabels(labels);

        assertThat(PlaceholderUpdates.same(live, desired)).isFalse();
        assertThat(PlaceholderUpdates.needsRecreate(live, desired)).isFalse();
        Service merged = PlaceholderUpdates.merge(Kmeta.deepCopy(live, Service.class), desired);
        assertThat(merged.getSpec().getExternalName()).isEqualTo("gw.knative-serving.svc.cluster.local");
        assertThat(merged.getMetadata().getLabels()).containsEntry(NetworkingKeys.VISIBILITY,
                NetworkingKeys.VISIBILITY_CLUSTER_LOCAL);
        assertThat(PlaceholderUpdates.same(merged, desired)).isTrue();
    }

    @Test
    void externalNameToHeadlessIsARecreate() {
        LoadBalancerIngressStatus ip = new LoadBalancerIngressStatus();
        ip.setIp("10.0.0.1");
        Service desired = withLb(ip);

        assertThat(PlaceholderUpdates.needsRecreate(initial(), desired)).isTrue();
        Service fresh = PlaceholderUpdates.recreated(initial(), desired);
        assertThat(fresh.getSpec()).isEqualTo(desired.getSpec());
        assertThat(PlaceholderUpdates.same(fresh, desired)).isTrue();
    }
}
