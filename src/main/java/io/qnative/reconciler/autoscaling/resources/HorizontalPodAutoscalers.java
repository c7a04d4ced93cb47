package io.qnative.reconciler.autoscaling.resources;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.qnative.api.autoscaling.ScalingAnnotations;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.kube.Kmeta;

/**
 * The HorizontalPodAutoscaler of a PodAutoscaler of class {@code hpa.autoscaling.knative.dev} (Knative's
 * {@code MakeHPA}, {@code pkg/reconciler/autoscaling/hpa/resources/hpa.go}): named after the PA, scaling its target
 * between min-scale (when above 0) and max-scale (2³¹−1 when unbounded); a metric only when {@code target} is
 * annotated (cpu: average utilization {@code ceil(target)} %; memory: average value {@code trunc(target)} Mi; any
 * other metric: a Pods metric of average value {@code trunc(target)}); {@code window} sets both stabilization
 * windows. Built as {@code autoscaling/v2}; {@link #asV2beta2} gives the same object for servers before 1.23.
 */
public final class HorizontalPodAutoscalers {

    /** {@code autoscaling/v2}. */
    public static final String V2 = "autoscaling/v2";
    /** {@code autoscaling/v2beta2}, the newest version a 1.20 - 1.22 server serves. */
    public static final String V2BETA2 = "autoscaling/v2beta2";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private HorizontalPodAutoscalers() {
    }

    /** The HPA wanted for {@code pa}. */
    public static HorizontalPodAutoscaler make(PodAutoscaler pa, Parameters params) {
        Map<String, String> annotations = pa.getMetadata().getAnnotations();
        var ref = pa.getSpec().getScaleTargetRef();
        HorizontalPodAutoscalerBuilder b = new HorizontalPodAutoscalerBuilder()
                .withApiVersion(V2).withKind("HorizontalPodAutoscaler")
                .withMetadata(new ObjectMetaBuilder().withName(pa.getMetadata().getName())
                        .withNamespace(pa.getMetadata().getNamespace())
                        .withLabels(sorted(pa.getMetadata().getLabels()))
                        .withAnnotations(sorted(annotations))
                        .withOwnerReferences(Kmeta.controllerRef(pa)).build())
                .withNewSpec()
                .withNewScaleTargetRef(ref.getApiVersion(), ref.getKind(), ref.getName())
                .withMinReplicas(params.minScale() > 0 ? params.minScale() : null)
                .withMaxReplicas(params.maxScale() == 0 ? Integer.MAX_VALUE : params.maxScale())
                .endSpec();
        OptionalDouble target = ScalingAnnotations.float64(annotations, ScalingAnnotations.TARGET_KEY);
        if (target.isPresent()) {
            b.editSpec().withMetrics(metric(params.metric(), target.getAsDouble())).endSpec();
        }
        ScalingAnnotations.duration(annotations, ScalingAnnotations.WINDOW_KEY).ifPresent(window -> {
            int seconds = (int) window.getSeconds();
            b.editSpec().withNewBehavior()
                    .withScaleDown(new HPAScalingRulesBuilder().withStabilizationWindowSeconds(seconds).build())
                    .withScaleUp(new HPAScalingRulesBuilder().withStabilizationWindowSeconds(seconds).build())
                    .endBehavior().endSpec();
        });
        return b.build();
    }

    private static MetricSpec metric(String metric, double target) {
        return switch (metric) {
            case "cpu" -> new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu")
                    .withNewTarget().withType("Utilization").withAverageUtilization((int) Math.ceil(target))
                    .endTarget().endResource().build();
            case "memory" -> new MetricSpecBuilder().withType("Resource").withNewResource().withName("memory")
                    .withNewTarget().withType("AverageValue")
                    .withAverageValue(new Quantity(binaryMebibytes((long) target))).endTarget().endResource()
                    .build();
            default -> new MetricSpecBuilder().withType("Pods").withNewPods().withNewMetric().withName(metric)
                    .endMetric().withNewTarget().withType("AverageValue")
                    .withAverageValue(new Quantity(Long.toString((long) target))).endTarget().endPods().build();
        };
    }

    /** {@code n} MiB as Kubernetes writes a BinarySI quantity ({@code 0}, {@code 512Mi}, {@code 1Gi}). */
    static String binaryMebibytes(long n) {
        if (n == 0) {
            return "0";
        }
        String[] units = {"Mi", "Gi", "Ti", "Pi", "Ei"};
        long v = n;
        int u = 0;
        while (v % 1024 == 0 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v + units[u];
    }

    /** The same HPA as {@code autoscaling/v2beta2} (identical fields for everything {@link #make} sets). */
    public static HasMetadata asV2beta2(HorizontalPodAutoscaler hpa) {
        var copy = JSON.convertValue(hpa,
                io.fabric8.kubernetes.api.model.autoscaling.v2beta2.HorizontalPodAutoscaler.class);
        copy.setApiVersion(V2BETA2);
        return copy;
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return m == null || m.isEmpty() ? null : new TreeMap<>(m);
    }
}
