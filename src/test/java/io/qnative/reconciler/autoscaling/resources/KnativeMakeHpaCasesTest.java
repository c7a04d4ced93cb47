package io.qnative.reconciler.autoscaling.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;

/**
 * Knative's {@code TestMakeHPA} ({@code pkg/reconciler/autoscaling/hpa/resources/hpa_test.go}) replayed: the same
 * PodAutoscaler (test-namespace/test-name, uid 2006, class hpa, target apps Deployment some-name) and the same
 * HorizontalPodAutoscaler wanted, field for field.
 */
class KnativeMakeHpaCasesTest {

    static final String A = "autoscaling.knative.dev/";

    static PodAutoscaler pa(String... annotations) {
        PodAutoscaler pa = new PodAutoscaler();
        Map<String, String> a = new HashMap<>();
        a.put(A + "class", "hpa.autoscaling.knative.dev");
        for (int i = 0; i < annotations.length; i += 2) {
            a.put(annotations[i], annotations[i + 1]);
        }
        pa.setMetadata(new ObjectMetaBuilder().withNamespace("test-namespace").withName("test-name").withUid("2006")
                .withAnnotations(a).build());
        PodAutoscalerSpec spec = new PodAutoscalerSpec();
        spec.setScaleTargetRef(new ObjectReferenceBuilder().withApiVersion("apps").withKind("Deployment")
                .withName("some-name").build());
        pa.setSpec(spec);
        return pa;
    }

    /** Go's {@code hpa(options...)}: the PA's annotations copied, owned by the PA, unbounded max. */
    static HorizontalPodAutoscaler hpa(PodAutoscaler pa, UnaryOperator<HorizontalPodAutoscalerBuilder> options) {
        HorizontalPodAutoscalerBuilder b = new HorizontalPodAutoscalerBuilder()
                .withApiVersion("autoscaling/v2").withKind("HorizontalPodAutoscaler")
                .withMetadata(new ObjectMetaBuilder().withName("test-name").withNamespace("test-namespace")
                        .withAnnotations(new TreeMap<>(pa.getMetadata().getAnnotations()))
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion("autoscaling.internal.knative.dev/v1alpha1").withKind("PodAutoscaler")
                                .withName("test-name").withUid("2006").withController(true)
                                .withBlockOwnerDeletion(true).build())
                        .build())
                .withNewSpec().withMaxReplicas(Integer.MAX_VALUE)
                .withNewScaleTargetRef("apps", "Deployment", "some-name").endSpec();
        HorizontalPodAutoscaler h = options.apply(b).build();
        h.getMetadata().setLabels(null); // the PA has none; the builder would write an empty map
        return h;
    }

    static MetricSpec cpu(int utilization) {
        return new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(utilization).endTarget().endResource().build();
    }

    static Arguments row(String name, PodAutoscaler pa, UnaryOperator<HorizontalPodAutoscalerBuilder> want) {
        return Arguments.of(name, pa, hpa(pa, want));
    }

    static Stream<Arguments> testMakeHpa() {
        return Stream.of(
                row("defaults", pa(), b -> b),
                row("with lower bound", pa(A + "min-scale", "5"), b -> b.editSpec().withMinReplicas(5).endSpec()),
                row("with upper bound", pa(A + "max-scale", "5"), b -> b.editSpec().withMaxReplicas(5).endSpec()),
                row("with an actual cpu target", pa(A + "target", "50", A + "metric", "cpu"),
                        b -> b.editSpec().withMetrics(cpu(50)).endSpec()),
                row("with an actual memory target", pa(A + "target", "50", A + "metric", "memory"),
                        b -> b.editSpec().withMetrics(new MetricSpecBuilder().withType("Resource").withNewResource()
                                .withName("memory").withNewTarget().withType("AverageValue")
                                .withAverageValue(new Quantity("50Mi")).endTarget().endResource().build())
                                .endSpec()),
                row("with an actual fractional target", pa(A + "target", "1982.4", A + "metric", "cpu"),
                        b -> b.editSpec().withMetrics(cpu(1983)).endSpec()),
                row("with window annotation", pa(A + "target", "50", A + "metric", "cpu", A + "window", "60s"),
                        b -> b.editSpec().withMetrics(cpu(50)).withNewBehavior().withNewScaleDown()
                                .withStabilizationWindowSeconds(60).endScaleDown().withNewScaleUp()
                                .withStabilizationWindowSeconds(60).endScaleUp().endBehavior().endSpec()),
                row("with custom metric", pa(A + "target", "50", A + "metric", "customMetric"),
                        b -> b.editSpec().withMetrics(new MetricSpecBuilder().withType("Pods").withNewPods()
                                .withNewMetric().withName("customMetric").endMetric().withNewTarget()
                                .withType("AverageValue").withAverageValue(new Quantity("50")).endTarget().endPods()
                                .build()).endSpec()));
    }

    @ParameterizedTest(name = "TestMakeHPA/{0}")
    @MethodSource
    void testMakeHpa(String name, PodAutoscaler pa, HorizontalPodAutoscaler want) {
        Map<String, String> a = pa.getMetadata().getAnnotations();
        assertThat(HorizontalPodAutoscalers.make(pa, ParameterResolver.resolve(a, AutoscalerConfig.DEFAULT, 0,
                Reachability.REACHABLE))).isEqualTo(want);
    }
}
