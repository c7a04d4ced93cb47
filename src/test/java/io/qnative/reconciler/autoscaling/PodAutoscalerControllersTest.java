package io.qnative.reconciler.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;
import org.junit.jupiter.api.Test;

class PodAutoscalerControllersTest {

    @Test
    void deploymentsMapToThePodAutoscalerOfTheirRevision() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withNamespace("ns").withName("foo-00001-deployment")
                .withLabels(Map.of("serving.knative.dev/revision", "foo-00001")).endMetadata().build();
        assertThat(PodAutoscalerControllers.byRevision(d)).containsExactly(new ObjectKey("ns", "foo-00001"));
        assertThat(PodAutoscalerControllers.byRevision(new DeploymentBuilder().withNewMetadata().withName("x")
                .endMetadata().build())).isEmpty();
    }

    @Test
    void gatewayEndpoints() {
        Endpoints gw = new EndpointsBuilder().withNewMetadata().withNamespace("knative-serving")
                .withName("qnative-gateway-internal").endMetadata().build();
        assertThat(PodAutoscalerControllers.isGateway(gw, "knative-serving")).isTrue();
        assertThat(PodAutoscalerControllers.isGateway(gw, "other")).isFalse();
    }

    @Test
    void onlyKnativeClassesClassIsReconciled() throws Exception {
        PodAutoscaler kpa = pa("a", "kpa.autoscaling.knative.dev");
        PodAutoscaler hpa = pa("b", "hpa.autoscaling.knative.dev");
        PodAutoscaler none = pa("c", null);
        PodAutoscaler foreign = pa("d", "custom.example.com");
        List<ObjectKey> seen = new java.util.ArrayList<>();
        List<ObjectKey> forgotten = new java.util.ArrayList<>();
        Reconciler r = PodAutoscalerControllers.onlyKnativeClasses(Lister.of(List.of(kpa, hpa, none, foreign)), key -> {
            seen.add(key);
            return Result.done();
        }, forgotten::add);
        for (String name : List.of("a", "b", "c", "d", "missing")) {
            r.reconcile(new ObjectKey("ns", name));
        }
        assertThat(seen).containsExactly(new ObjectKey("ns", "a"), new ObjectKey("ns", "b"),
                new ObjectKey("ns", "c"));
        assertThat(forgotten).containsExactly(new ObjectKey("ns", "d"), new ObjectKey("ns", "missing"));
    }

    private static PodAutoscaler pa(String name, String cls) {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        pa.getMetadata().setName(name);
        Map<String, String> a = new HashMap<>();
        if (cls != null) {
            a.put("autoscaling.knative.dev/class", cls);
        }
        pa.getMetadata().setAnnotations(a);
        return pa;
    }
}
