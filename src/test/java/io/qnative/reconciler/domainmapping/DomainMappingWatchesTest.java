package io.qnative.reconciler.domainmapping;

import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.NS;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.dm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.kube.Lister;
import io.qnative.reconciler.ObjectKey;
import org.junit.jupiter.api.Test;

/**
 * Which DomainMappings a changed target queues (Knative tracks a mapping's {@code spec.ref} with its resolver's
 * tracker, pkg/reconciler/domainmapping/controller.go): those of the target's namespace whose ref names its
 * kind, API group and name.
 */
class DomainMappingWatchesTest {

    static final DomainMapping TO_KSVC = dm(NS, "a.example.org", "serving.knative.dev/v1", "Service", "target");
    static final DomainMapping TO_ROUTE = dm(NS, "b.example.org", "serving.knative.dev/v1", "Route", "target");
    static final DomainMapping TO_K8S = dm(NS, "c.example.org", "v1", "Service", "target");
    static final DomainMapping ELSEWHERE = dm("other", "d.example.org", "serving.knative.dev/v1", "Service",
            "target");

    static Lister<DomainMapping> mappings() {
        DomainMapping unDefaulted = dm(NS, "e.example.org", "serving.knative.dev/v1", "Service", "target");
        unDefaulted.getSpec().getRef().setNamespace(null);
        return Lister.of(List.of(TO_KSVC, TO_ROUTE, TO_K8S, ELSEWHERE, unDefaulted));
    }

    @Test
    void aKnativeServiceQueuesTheMappingsNamingIt() {
        assertThat(DomainMappingControllers.referrers(mappings(), DomainMappingFixtures.ksvc("target", null),
                "serving.knative.dev/v1", "Service")).containsExactly(new ObjectKey(NS, "a.example.org"),
                        new ObjectKey(NS, "e.example.org"));
    }

    @Test
    void aRouteOrAKubernetesServiceQueuesOnlyTheirs() {
        assertThat(DomainMappingControllers.referrers(mappings(),
                DomainMappingFixtures.route("target", "http://target.default.svc.cluster.local"),
                "serving.knative.dev/v1", "Route")).containsExactly(new ObjectKey(NS, "b.example.org"));
        assertThat(DomainMappingControllers.referrers(mappings(), DomainMappingFixtures.k8sService("target"), "v1",
                "Service")).containsExactly(new ObjectKey(NS, "c.example.org"));
    }

    @Test
    void anotherNameQueuesNothing() {
        assertThat(DomainMappingControllers.referrers(mappings(), DomainMappingFixtures.ksvc("else", null),
                "serving.knative.dev/v1", "Service")).isEmpty();
    }
}
