package io.qnative.reconciler.autoscaling;

import static io.qnative.testing.e2e.GatewayClient.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.qnative.testing.e2e.RunningQnative;
import io.qnative.testing.e2e.SystemConfigMaps;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import io.qnative.testing.nodeagent.SampleImages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The autoscalers end to end on the local cluster (Knative's {@code test/e2e/autoscale_test.go} and
 * {@code test/e2e/minscale_readiness_test.go} in spirit): qnative as its packaged binary, pods from the node
 * agent's autoscale stand-in, load as real concurrent requests through the gateway. The KPA scales a revision up
 * under load and back to zero after the grace period; min-scale holds its pods; an HPA-class revision gets its
 * HorizontalPodAutoscaler ({@code autoscaling/v2beta2} on this 1.20 server) and is Ready. Timings are never
 * asserted, only behaviour.
 */
@WithQnative(value = "autoscaling", gatewayConnections = 300)
class AutoscalingE2E {

    private static final Duration READY = Duration.ofSeconds(180);
    private static RunningQnative qnative;
    private static GatewayClient http;

    @Test
    void loadScalesTheRevisionUpAndItReturnsToZeroAfterTheGracePeriod(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        SystemConfigMaps.with(client, "config-autoscaler", Map.of("scale-to-zero-grace-period", "6s"), () -> {
            Service svc = ksvc(n, "load", Map.of(
                    AutoscalingKeys.WINDOW, "6s",
                    AutoscalingKeys.TARGET, "1",
                    AutoscalingKeys.MAX_SCALE, "4"));
            create(client, svc);
            awaitReady(client, n, "load");
            String host = "load." + n + ".svc.cluster.local";
            awaitServed(host);

            // six clients each holding a request on the pod for 400 ms: about six in flight against a target of one
            CompletableFuture<List<Outcome>> load = CompletableFuture.supplyAsync(
                    () -> http.load(6, 60, () -> to(internal(), host, "/?sleep=400")));
            AtomicInteger most = new AtomicInteger();
            await("load-00001 scaled above one pod").atMost(READY).pollInterval(Duration.ofMillis(500)).until(() -> {
                most.accumulateAndGet(replicas(client, n, "load-00001"), Math::max);
                return most.get() > 1 || load.isDone();
            });
            List<Outcome> outcomes = load.join();
            assertThat(most.get()).as("replicas under load").isGreaterThan(1).isLessThanOrEqualTo(4);
            assertThat(outcomes).hasSize(360).allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(200));

            await("load-00001 back to zero").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> replicas(client, n, "load-00001") == 0 && pods(client, n, "load-00001") == 0);
            // at zero the revision still answers: the request waits for a pod
            Outcome cold = http.get(internal(), host, "/?sleep=1");
            assertThat(cold.status()).as("%s", cold).isEqualTo(200);
            assertThat(cold.text()).startsWith("Slept for ");
        });
    }

    @Test
    void minScaleHoldsItsPodsWithoutTraffic(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        SystemConfigMaps.with(client, "config-autoscaler", Map.of("scale-to-zero-grace-period", "6s"), () -> {
            create(client, ksvc(n, "min", Map.of(
                    AutoscalingKeys.WINDOW, "6s",
                    AutoscalingKeys.TARGET, "1",
                    AutoscalingKeys.MIN_SCALE, "2")));
            awaitReady(client, n, "min");
            await("min-00001 has two ready pods").atMost(READY)
                    .until(() -> readyPods(client, n, "min-00001") >= 2);
            // well past window + grace period with no traffic at all: never below two
            await("min-00001 holds two pods").during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> replicas(client, n, "min-00001") >= 2 && readyPods(client, n, "min-00001") >= 2);
            assertThat(client.resources(Revision.class).inNamespace(n).withName("min-00001").get().isReady())
                    .isTrue();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void anHpaClassRevisionGetsItsHorizontalPodAutoscalerAndIsReady(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        create(client, ksvc(n, "hpa", Map.of(
                AutoscalingKeys.CLASS, AutoscalingKeys.CLASS_HPA,
                AutoscalingKeys.METRIC, "cpu",
                AutoscalingKeys.TARGET, "70",
                AutoscalingKeys.MIN_SCALE, "1",
                AutoscalingKeys.MAX_SCALE, "3")));
        awaitReady(client, n, "hpa");
        GenericKubernetesResource hpa = await("HPA hpa-00001").atMost(READY).until(() -> client
                .genericKubernetesResources("autoscaling/v2beta2", "HorizontalPodAutoscaler").inNamespace(n)
                .withName("hpa-00001").get(), h -> h != null);
        Map<String, Object> spec = hpa.get("spec");
        assertThat(spec).containsEntry("minReplicas", 1).containsEntry("maxReplicas", 3);
        Map<String, Object> target = hpa.get("spec", "scaleTargetRef");
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "hpa-00001-deployment");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("PodAutoscaler"));
        List<Map<String, Object>> metrics = hpa.get("spec", "metrics");
        assertThat(metrics).singleElement().satisfies(m -> {
            Map<String, Object> resource = (Map<String, Object>) m.get("resource");
            assertThat(resource).containsEntry("name", "cpu");
        });
        assertThat(client.resources(Revision.class).inNamespace(n).withName("hpa-00001").get().isReady()).isTrue();
        awaitServed("hpa." + n + ".svc.cluster.local");
    }

    private static int internal() {
        return qnative.gatewayPorts().internalHttp();
    }

    private static void awaitServed(String host) {
        await("gateway serves " + host).atMost(READY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Outcome o = http.get(internal(), host, "/?sleep=1");
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(o.text()).startsWith("Slept for ");
        });
    }

    private static int replicas(KubernetesClient client, String ns, String revision) {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(revision + "-deployment").get();
        return d == null || d.getSpec().getReplicas() == null ? 0 : d.getSpec().getReplicas();
    }

    private static int pods(KubernetesClient client, String ns, String revision) {
        return client.pods().inNamespace(ns).withLabel(ServingKeys.REVISION, revision).list().getItems().size();
    }

    private static int readyPods(KubernetesClient client, String ns, String revision) {
        return (int) client.pods().inNamespace(ns).withLabel(ServingKeys.REVISION, revision).list().getItems()
                .stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready")
                                && c.getStatus().equals("True")))
                .count();
    }

    private static Service ksvc(String namespace, String name, Map<String, String> annotations) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(SampleImages.AUTOSCALE).build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setMetadata(new ObjectMetaBuilder().withAnnotations(new HashMap<>(annotations)).build());
        template.setSpec(spec);
        ServiceSpec svc = new ServiceSpec();
        svc.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(new HashMap<>(Map.of("app", name))).build());
        s.setSpec(svc);
        return s;
    }

    private static void create(KubernetesClient client, Service s) {
        client.resources(Service.class).inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    private static Service awaitReady(KubernetesClient client, String ns, String name) {
        return await("ksvc " + ns + "/" + name + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(Service.class).inNamespace(ns).withName(name).get(),
                        s -> s != null && s.isReady() && s.getStatus().getObservedGeneration() != null
                                && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration()));
    }
}
