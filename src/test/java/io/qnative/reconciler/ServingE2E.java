package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.testing.e2e.QnativeProcess;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import io.qnative.testing.nodeagent.SampleImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The control loop end to end on the real local cluster (Kubernetes 1.20 API server, controller-manager and the
 * node agent running pods), with qnative running as its packaged binary: ksvc to Ready with Knative's children,
 * new revisions, pins, splits, tags, BYO names, the failure chain, edits that create nothing, garbage collection
 * by the controller-manager and revision GC.
 */
@WithQnative(value = "serving")
class ServingE2E {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void aServiceBecomesReadyWithKnativesChildren(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        create(client, ksvc(n, "foo", "world"));
        Service ready = awaitReady(client, n, "foo");

        assertThat(ready.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(ready.getStatus().getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertThat(ready.getStatus().getLatestReadyRevisionName()).isEqualTo("foo-00001");
        assertThat(ready.getStatus().getUrl()).isEqualTo("http://foo." + n + ".svc.cluster.local");
        assertThat(ready.getStatus().getAddress().getUrl()).isEqualTo("http://foo." + n + ".svc.cluster.local");
        assertThat(ready.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getRevisionName()).isEqualTo("foo-00001");
            assertThat(t.getPercent()).isEqualTo(100L);
            assertThat(t.getLatestRevision()).isTrue();
            assertThat(t.getConfigurationName()).isNull();
        });
        assertThat(ready.getStatus().getConditions()).extracting(Condition::getType)
                .containsExactly("ConfigurationsReady", "Ready", "RoutesReady");

        Configuration config = get(client, Configuration.class, n, "foo");
        assertThat(controller(config)).isEqualTo("Service/foo");
        assertThat(controller(get(client, Route.class, n, "foo"))).isEqualTo("Service/foo");
        Revision rev = get(client, Revision.class, n, "foo-00001");
        assertThat(controller(rev)).isEqualTo("Configuration/foo");
        assertThat(rev.getMetadata().getLabels()).containsEntry(ServingKeys.CONFIGURATION, "foo")
                .containsEntry(ServingKeys.SERVICE, "foo").containsEntry(ServingKeys.CONFIGURATION_GENERATION, "1");
        await().atMost(READY).untilAsserted(() -> assertThat(get(client, Revision.class, n, "foo-00001")
                .getMetadata().getLabels()).containsEntry(ServingKeys.ROUTING_STATE, "active"));
        assertThat(rev.getStatus().getContainerStatuses()).singleElement()
                .satisfies(c -> assertThat(c.getImageDigest()).isEqualTo(SampleImages.HELLOWORLD));
        assertThat(controller(get(client, Deployment.class, n, "foo-00001-deployment"))).isEqualTo("Revision/foo-00001");
        assertThat(controller(get(client, PodAutoscaler.class, n, "foo-00001"))).isEqualTo("Revision/foo-00001");
        assertThat(controller(get(client, io.fabric8.kubernetes.api.model.Service.class, n, "foo-00001")))
                .isEqualTo("Revision/foo-00001");
        assertThat(controller(get(client, io.fabric8.kubernetes.api.model.Service.class, n, "foo-00001-private")))
                .isEqualTo("Revision/foo-00001");
        assertThat(controller(get(client, Ingress.class, n, "foo"))).isEqualTo("Route/foo");
        assertThat(controller(get(client, io.fabric8.kubernetes.api.model.Service.class, n, "foo")))
                .isEqualTo("Route/foo");
        assertThat(get(client, Route.class, n, "foo").getMetadata().getFinalizers())
                .containsExactly(ServingKeys.ROUTE_FINALIZER);
    }

    @Test
    void aTemplateChangeMakesANewRevisionWhileTrafficAndMetadataEditsMakeNone(KubernetesClient client,
            TestNamespace ns) {
        String n = ns.name();
        create(client, ksvc(n, "foo", "one"));
        awaitReady(client, n, "foo");

        edit(client, n, "foo", s -> s.getMetadata().getLabels().put("team", "blue"));
        edit(client, n, "foo", s -> s.getSpec().getTraffic().get(0).setTag("current"));
        Service tagged = awaitReady(client, n, "foo");
        assertThat(tagged.getStatus().getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertThat(tagged.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getTag()).isEqualTo("current");
            assertThat(t.getUrl()).isEqualTo("http://current-foo." + n + ".svc.cluster.local");
        });
        assertThat(client.resources(Revision.class).inNamespace(n).list().getItems()).hasSize(1);
        assertThat(get(client, Configuration.class, n, "foo").getMetadata().getLabels()).containsEntry("team", "blue");

        edit(client, n, "foo", s -> env(s, "two"));
        Service second = awaitReady(client, n, "foo");
        assertThat(second.getStatus().getLatestReadyRevisionName()).isEqualTo("foo-00002");
        assertThat(second.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getRevisionName()).isEqualTo("foo-00002");
            assertThat(t.getPercent()).isEqualTo(100L);
        });
        await().atMost(READY).untilAsserted(() -> assertThat(get(client, Revision.class, n, "foo-00001")
                .getMetadata().getLabels()).containsEntry(ServingKeys.ROUTING_STATE, "reserve"));
    }

    @Test
    void byoNamesPinsSplitsAndTags(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service v1 = ksvc(n, "foo", "one");
        v1.getSpec().getTemplate().getMetadata().setName("foo-v1");
        create(client, v1);
        assertThat(awaitReady(client, n, "foo").getStatus().getLatestReadyRevisionName()).isEqualTo("foo-v1");

        edit(client, n, "foo", s -> {
            env(s, "two");
            s.getSpec().getTemplate().getMetadata().setName("foo-v2");
            s.getSpec().setTraffic(List.of(target("old", "foo-v1", null, 90), target("new", null, true, 10)));
        });
        Service split = awaitReady(client, n, "foo");
        assertThat(split.getStatus().getLatestReadyRevisionName()).isEqualTo("foo-v2");
        assertThat(split.getStatus().getTraffic()).satisfiesExactly(
                t -> {
                    assertThat(t.getTag()).isEqualTo("old");
                    assertThat(t.getRevisionName()).isEqualTo("foo-v1");
                    assertThat(t.getPercent()).isEqualTo(90L);
                    assertThat(t.getLatestRevision()).isFalse();
                    assertThat(t.getUrl()).isEqualTo("http://old-foo." + n + ".svc.cluster.local");
                },
                t -> {
                    assertThat(t.getTag()).isEqualTo("new");
                    assertThat(t.getRevisionName()).isEqualTo("foo-v2");
                    assertThat(t.getPercent()).isEqualTo(10L);
                    assertThat(t.getLatestRevision()).isTrue();
                    assertThat(t.getUrl()).isEqualTo("http://new-foo." + n + ".svc.cluster.local");
                });
        assertThat(get(client, io.fabric8.kubernetes.api.model.Service.class, n, "old-foo")).isNotNull();
        assertThat(get(client, io.fabric8.kubernetes.api.model.Service.class, n, "new-foo")).isNotNull();

        // pin everything to the first revision by name
        edit(client, n, "foo", s -> s.getSpec().setTraffic(List.of(target(null, "foo-v1", null, 100))));
        Service pinned = awaitReady(client, n, "foo");
        assertThat(pinned.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getRevisionName()).isEqualTo("foo-v1");
            assertThat(t.getLatestRevision()).isFalse();
        });
        await().atMost(READY).until(() -> client.services().inNamespace(n).withName("old-foo").get() == null);
    }

    @Test
    void aRevisionThatNeverBecomesReadyFailsConfigurationRouteAndService(KubernetesClient client,
            TestNamespace ns) {
        String n = ns.name();
        Service broken = ksvc(n, "broken", "x");
        broken.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new io.fabric8.kubernetes.api.model.EnvVar(SampleImages.CRASH_ON_START, "5", null));
        create(client, broken);
        await().atMost(READY).untilAsserted(() -> {
            Revision rev = get(client, Revision.class, n, "broken-00001");
            assertThat(rev).isNotNull();
            assertThat(rev.getStatus()).isNotNull();
            Condition healthy = rev.getStatus().getCondition("ContainerHealthy");
            assertThat(healthy).isNotNull();
            assertThat(healthy.getStatus()).isEqualTo("False");
            assertThat(healthy.getReason()).isEqualTo("ExitCode5");
        });
        await().atMost(READY).untilAsserted(() -> {
            Configuration config = get(client, Configuration.class, n, "broken");
            assertThat(config.isFailed()).as("Configuration failed: %s", config.getStatus()).isTrue();
            assertThat(config.getStatus().getCondition(Condition.READY).getReason()).isEqualTo("RevisionFailed");
            Route route = get(client, Route.class, n, "broken");
            assertThat(route.getStatus()).isNotNull();
            Condition assigned = route.getStatus().getCondition("AllTrafficAssigned");
            assertThat(assigned).isNotNull();
            assertThat(assigned.getStatus()).isEqualTo("False");
            assertThat(assigned.getReason()).isEqualTo("RevisionMissing");
            Service svc = get(client, Service.class, n, "broken");
            assertThat(svc.isFailed()).as("Service failed: %s", svc.getStatus()).isTrue();
            assertThat(svc.getStatus().getCondition(Condition.READY).getReason()).isEqualTo("RevisionMissing");
            assertThat(svc.getStatus().getCondition("ConfigurationsReady").getReason()).isEqualTo("RevisionFailed");
        });
    }

    @Test
    void deletingTheServiceLetsTheControllerManagerCollectEveryChild(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        create(client, ksvc(n, "foo", "world"));
        awaitReady(client, n, "foo");
        client.resources(Service.class).inNamespace(n).withName("foo").delete();
        await().atMost(READY).untilAsserted(() -> {
            assertThat(client.resources(Configuration.class).inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.resources(Route.class).inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.resources(Revision.class).inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.resources(Ingress.class).inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.resources(PodAutoscaler.class).inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.apps().deployments().inNamespace(n).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(n).list().getItems()).isEmpty();
        });
    }

    @Test
    void revisionGcKeepsTheConfiguredNumberOfNonActiveRevisions(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        ConfigMap original = client.configMaps().inNamespace(QnativeConfig.NS).withName("config-gc").get();
        client.configMaps().inNamespace(QnativeConfig.NS).resource(new ConfigMapBuilder(original)
                .withData(Map.of("retain-since-create-time", "disabled", "retain-since-last-active-time", "disabled",
                        "min-non-active-revisions", "0", "max-non-active-revisions", "1"))
                .build()).update();
        try {
            create(client, ksvc(n, "foo", "v1"));
            awaitReady(client, n, "foo");
            for (String target : List.of("v2", "v3", "v4")) {
                edit(client, n, "foo", s -> env(s, target));
                awaitReady(client, n, "foo");
            }
            await().atMost(READY).untilAsserted(() -> assertThat(client.resources(Revision.class).inNamespace(n)
                    .list().getItems()).extracting(r -> r.getMetadata().getName())
                    .containsExactlyInAnyOrder("foo-00003", "foo-00004"));
        } finally {
            ConfigMap now = client.configMaps().inNamespace(QnativeConfig.NS).withName("config-gc").get();
            client.configMaps().inNamespace(QnativeConfig.NS).resource(new ConfigMapBuilder(now)
                    .withData(original.getData()).build()).update();
        }
    }

    /** The system namespace (shorthand). */
    private static final class QnativeConfig {
        static final String NS = QnativeProcess.SYSTEM_NAMESPACE;
    }

    static Service ksvc(String namespace, String name, String target) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(SampleImages.HELLOWORLD)
                .addNewEnv().withName("TARGET").withValue(target).endEnv().build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setMetadata(new ObjectMetaBuilder().build());
        template.setSpec(spec);
        ServiceSpec svc = new ServiceSpec();
        svc.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(new java.util.HashMap<>(Map.of("app", name))).build());
        s.setSpec(svc);
        return s;
    }

    static void env(Service s, String target) {
        s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).setValue(target);
    }

    static TrafficTarget target(String tag, String revision, Boolean latest, long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setTag(tag);
        t.setRevisionName(revision);
        t.setLatestRevision(latest);
        t.setPercent(percent);
        return t;
    }

    static void create(KubernetesClient client, Service s) {
        client.resources(Service.class).inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    static void edit(KubernetesClient client, String ns, String name, Consumer<Service> change) {
        client.resources(Service.class).inNamespace(ns).withName(name).edit(s -> {
            change.accept(s);
            return s;
        });
    }

    /** Waits for Ready True on the current generation, and returns the Service then. */
    static Service awaitReady(KubernetesClient client, String ns, String name) {
        return await("ksvc " + ns + "/" + name + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(Service.class).inNamespace(ns).withName(name).get(),
                        s -> s != null && s.isReady());
    }

    static <T extends HasMetadata> T get(KubernetesClient client, Class<T> type, String ns, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }

    static String controller(HasMetadata obj) {
        assertThat(obj).isNotNull();
        return obj.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                .map(r -> r.getKind() + "/" + r.getName()).findFirst().orElse("none");
    }
}
