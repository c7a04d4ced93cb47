package io.qnative.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.config.AutoscalerConfig;

/**
 * Knative's {@code TestMakeDecider} ({@code pkg/reconciler/autoscaling/kpa/resources/decider_test.go}) replayed on
 * the parameter resolver: its config (target fraction 1.0, tbc 211, scale-up rate 10, rps default 100) and a PA
 * with class kpa and metric concurrency. Checked: metric, target, total, burst capacity, rates and the panic
 * threshold. Two values follow the qnative spec where the stored Go file is older: the panic threshold is the
 * percentage / 100 (a multiple of the ready pods, as current Knative) rather than target × percentage, and the
 * rps target uses the fixed rps utilization 0.7.
 */
class KnativeMakeDeciderCasesTest {

    static final String A = "autoscaling.knative.dev/";

    static AutoscalerConfig config(String... more) {
        Map<String, String> data = new HashMap<>(Map.of(
                "container-concurrency-target-percentage", "100",
                "container-concurrency-target-default", "100",
                "target-burst-capacity", "211",
                "max-scale-up-rate", "10",
                "requests-per-second-target-default", "100",
                "stable-window", "60s",
                "panic-threshold-percentage", "200",
                "panic-window-percentage", "10",
                "scale-to-zero-grace-period", "30s"));
        for (int i = 0; i < more.length; i += 2) {
            data.put(more[i], more[i + 1]);
        }
        return AutoscalerConfig.parse(data);
    }

    static Map<String, String> pa(String... more) {
        Map<String, String> a = new HashMap<>(Map.of(A + "class", "kpa.autoscaling.knative.dev",
                A + "metric", "concurrency"));
        for (int i = 0; i < more.length; i += 2) {
            a.put(more[i], more[i + 1]);
        }
        return a;
    }

    /** name, annotations, cc, config → metric, target, total, tbc, up, down, threshold. */
    static Arguments row(String name, Map<String, String> pa, long cc, AutoscalerConfig config, String metric,
            double target, double total, double tbc, double up, double down, double threshold) {
        return Arguments.of(name, pa, cc, config, metric, target, total, tbc, up, down, threshold);
    }

    static Stream<Arguments> testMakeDecider() {
        AutoscalerConfig c = config();
        AutoscalerConfig tu08 = config("container-concurrency-target-percentage", "80");
        AutoscalerConfig tbc63 = config("container-concurrency-target-percentage", "80", "target-burst-capacity",
                "63");
        return Stream.of(
                row("defaults", pa(), 0, c, "concurrency", 100, 100, 211, 10, 2, 2),
                row("tu < 1", pa(), 0, tu08, "concurrency", 80, 100, 211, 10, 2, 2),
                row("scale up and scale down rates", pa(), 0,
                        config("max-scale-up-rate", "19.84", "max-scale-down-rate", "19.88"), "concurrency", 100, 100,
                        211, 19.84, 19.88, 2),
                row("with container concurrency 1", pa(), 1, c, "concurrency", 1, 1, 211, 10, 2, 2),
                row("with target annotation 1", pa(A + "target", "1"), 0, c, "concurrency", 1, 1, 211, 10, 2, 2),
                row("with container concurrency and tu < 1", pa(), 100, tu08, "concurrency", 80, 100, 211, 10, 2, 2),
                row("with burst capacity set", pa(), 120, tbc63, "concurrency", 96, 120, 63, 10, 2, 2),
                row("with burst capacity set on the annotation", pa(A + "target-burst-capacity", "211"), 120, tbc63,
                        "concurrency", 96, 120, 211, 10, 2, 2),
                row("with container concurrency greater than target annotation (ok)", pa(A + "target", "1"), 10, c,
                        "concurrency", 1, 1, 211, 10, 2, 2),
                row("with target annotation greater than container concurrency (ignore annotation for safety)",
                        pa(A + "target", "10"), 1, c, "concurrency", 1, 1, 211, 10, 2, 2),
                row("with higher panic target", pa(A + "target", "10", A + "panic-threshold-percentage", "400"), 0, c,
                        "concurrency", 10, 10, 211, 10, 2, 4),
                row("with metric annotation (rps utilization 0.7)", pa(A + "metric", "rps"), 0, c, "rps", 70, 100,
                        211, 10, 2, 2));
    }

    @ParameterizedTest(name = "TestMakeDecider/{0}")
    @MethodSource
    void testMakeDecider(String name, Map<String, String> pa, long cc, AutoscalerConfig config, String metric,
            double target, double total, double tbc, double up, double down, double threshold) {
        Parameters p = ParameterResolver.resolve(pa, config, cc, Reachability.REACHABLE);
        assertThat(p.problems()).isEmpty();
        DeciderSpec d = p.decider();
        assertThat(d.scalingMetric()).isEqualTo(metric);
        assertThat(d.targetValue()).as("target").isCloseTo(target, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.totalValue()).as("total").isEqualTo(total);
        assertThat(d.targetBurstCapacity()).as("tbc").isEqualTo(tbc);
        assertThat(d.maxScaleUpRate()).isEqualTo(up);
        assertThat(d.maxScaleDownRate()).isEqualTo(down);
        assertThat(d.panicThreshold()).as("panic threshold").isEqualTo(threshold);
        assertThat(d.stableWindow()).hasSeconds(60);
    }
}
