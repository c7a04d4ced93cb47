package io.qnative.reconciler.autoscaling.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpecBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.testing.Fixtures;

class HorizontalPodAutoscalersTest {

    private static final String P = "autoscaling.knative.dev/";

    private static HorizontalPodAutoscaler make(Map<String, String> extra) {
        PodAutoscaler pa = PodAutoscalers.make(Fixtures.revision(), ConfigSnapshot.DEFAULT, null);
        Map<String, String> a = new HashMap<>(extra);
        a.put(P + "class", "hpa.autoscaling.knative.dev");
        pa.getMetadata().setAnnotations(a);
        return HorizontalPodAutoscalers.make(pa, ParameterResolver.resolve(a, AutoscalerConfig.DEFAULT, 0,
                Reachability.REACHABLE));
    }

    private static HorizontalPodAutoscalerSpecBuilder base() {
        return new HorizontalPodAutoscalerSpecBuilder()
                .withNewScaleTargetRef("apps/v1", "Deployment", "foo-00001-deployment")
                .withMaxReplicas(Integer.MAX_VALUE);
    }

    @Test
    void noTargetNoMetricUnboundedMax() {
        HorizontalPodAutoscaler h = make(Map.of());
        assertThat(h.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(h.getMetadata().getName()).isEqualTo("foo-00001");
        assertThat(h.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("PodAutoscaler"));
        assertThat(h.getSpec()).isEqualTo(base().build());
    }

    @Test
    void cpuTargetIsACeiledUtilizationWithBoundsAndWindow() {
        HorizontalPodAutoscalerSpec want = base().withMinReplicas(2).withMaxReplicas(5)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(71).endTarget().endResource().endMetric()
                .withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(30).endScaleDown()
                .withNewScaleUp().withStabilizationWindowSeconds(30).endScaleUp().endBehavior().build();
        assertThat(make(Map.of(P + "metric", "cpu", P + "target", "70.2", P + "min-scale", "2",
                P + "max-scale", "5", P + "window", "30s")).getSpec()).isEqualTo(want);
    }

    @Test
    void memoryTargetIsMebibytesAndCustomMetricsArePodsMetrics() {
        assertThat(make(Map.of(P + "metric", "memory", P + "target", "1024.9")).getSpec().getMetrics().get(0)
                .getResource().getTarget().getAverageValue()).isEqualTo(new Quantity("1Gi"));
        var pods = make(Map.of(P + "metric", "queue-depth", P + "target", "12.7")).getSpec().getMetrics().get(0);
        assertThat(pods.getType()).isEqualTo("Pods");
        assertThat(pods.getPods().getMetric().getName()).isEqualTo("queue-depth");
        assertThat(pods.getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("12"));
        assertThat(HorizontalPodAutoscalers.binaryMebibytes(300)).isEqualTo("300Mi");
        assertThat(HorizontalPodAutoscalers.binaryMebibytes(0)).isEqualTo("0");
    }

    @Test
    void v2beta2CarriesTheSameSpec() {
        HorizontalPodAutoscaler h = make(Map.of(P + "metric", "cpu", P + "target", "50"));
        var beta = (io.fabric8.kubernetes.api.model.autoscaling.v2beta2.HorizontalPodAutoscaler)
                HorizontalPodAutoscalers.asV2beta2(h);
        assertThat(beta.getApiVersion()).isEqualTo("autoscaling/v2beta2");
        assertThat(beta.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
                .isEqualTo(50);
        assertThat(beta.getSpec().getMaxReplicas()).isEqualTo(Integer.MAX_VALUE);
    }
}
