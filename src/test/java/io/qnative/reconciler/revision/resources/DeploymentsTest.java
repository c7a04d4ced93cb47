package io.qnative.reconciler.revision.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.ContainerStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.DeploymentConfig;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import io.qnative.testing.ShippedConfigMaps;
import org.junit.jupiter.api.Test;

class DeploymentsTest {

    static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;
    static final DeploymentOptions K8S_1_20 = DeploymentOptions.forMinor(20);

    @Test
    void plainRevision() {
        Deployment d = Deployments.make(Fixtures.revision(), CONFIG, K8S_1_20);
        String hash = d.getMetadata().getLabels().remove(ServingKeys.DEPLOYMENT_HASH);
        assertSameObject(d, Manifests.load("/builders/deployment-foo-00001.yaml", Deployment.class));
        assertThat(hash).matches("[0-9a-z]{1,7}");
    }

    @Test
    void hashIsStableAndFollowsTheSpec() {
        String h1 = hash(Fixtures.revision());
        assertThat(hash(Fixtures.revision())).isEqualTo(h1);
        Revision changed = Fixtures.revision();
        changed.getSpec().getContainers().get(0).setImage("ko.local/app:v2");
        assertThat(hash(changed)).isNotEqualTo(h1);
        Revision relabelled = Fixtures.revision();
        relabelled.getMetadata().getLabels().put(ServingKeys.ROUTING_STATE, "reserve");
        assertThat(hash(relabelled)).as("excluded labels do not change the Deployment").isEqualTo(h1);
    }

    @Test
    void shippedConfigMapsGiveTheSameDeploymentAsDefaults() {
        assertSameObject(Deployments.make(Fixtures.revision(), ShippedConfigMaps.snapshot(), K8S_1_20),
                Deployments.make(Fixtures.revision(), CONFIG, K8S_1_20));
    }

    @Test
    void initialScaleAnnotationAndLegacyAliasAndConfig() {
        Revision rev = Fixtures.revision();
        assertThat(Deployments.replicas(rev, CONFIG)).isEqualTo(1);
        rev.getMetadata().getAnnotations().put("autoscaling.knative.dev/initialScale", "3");
        assertThat(Deployments.replicas(rev, CONFIG)).isEqualTo(3);
        rev.getMetadata().getAnnotations().put("autoscaling.knative.dev/initial-scale", "0");
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        assertThat(d.getSpec().getReplicas()).isZero();
        assertThat(d.getMetadata().getAnnotations()).as("autoscaling annotations stay off the Deployment")
                .doesNotContainKeys("autoscaling.knative.dev/initial-scale", "autoscaling.knative.dev/min-scale");
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("autoscaling.knative.dev/initialScale");
    }

    @Test
    void minScaleIsThePodAutoscalersBusinessNotTheDeployments() {
        Revision rev = Fixtures.revision();
        rev.getMetadata().getAnnotations().put("autoscaling.knative.dev/min-scale", "3");
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(PodAutoscalers.make(rev, CONFIG, d).getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/min-scale", "3");
    }

    @Test
    void progressDeadlineAnnotationWins() {
        Revision rev = Fixtures.revision();
        rev.getMetadata().getAnnotations().put(ServingKeys.PROGRESS_DEADLINE, "1m30s");
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(90);
        assertThat(d.getMetadata().getAnnotations()).containsEntry(ServingKeys.PROGRESS_DEADLINE, "1m30s");
    }

    @Test
    void labelAndAnnotationFiltering() {
        Revision rev = Fixtures.revision();
        rev.getMetadata().getLabels().put(ServingKeys.ROUTE, "foo");
        rev.getMetadata().getLabels().put("app", "mine");
        rev.getMetadata().getAnnotations().putAll(Map.of(ServingKeys.LAST_PINNED, "1", ServingKeys.NO_GC, "true",
                "custom/keep", "yes"));
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        assertThat(d.getMetadata().getLabels()).doesNotContainKeys(ServingKeys.ROUTE, ServingKeys.ROUTING_STATE)
                .containsEntry("app", "mine");
        assertThat(d.getMetadata().getAnnotations()).containsOnlyKeys(ServingKeys.CREATOR, "custom/keep");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(ServingKeys.DEPLOYMENT_HASH)
                .containsEntry("app", "mine");
    }

    @Test
    void userPortAndProbes() {
        Revision rev = Fixtures.revision();
        Container c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new ContainerPortBuilder().withContainerPort(8881).build()));
        c.setReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/ready").endHttpGet().build());
        c.setLivenessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(0)).endTcpSocket().build());
        c.setStdin(true);
        c.setTty(true);
        c.setTerminationMessagePolicy("File");
        Container out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertThat(out.getPorts()).containsExactly(new ContainerPortBuilder().withName("user-port")
                .withContainerPort(8881).withProtocol("TCP").build());
        assertThat(out.getEnv()).contains(new EnvVar("PORT", "8881", null));
        assertThat(out.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString(8881));
        assertThat(out.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(out.getLivenessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(8881));
        assertThat(out.getStdin()).isNull();
        assertThat(out.getTty()).isNull();
        assertThat(out.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(out.getLifecycle()).isNull();
    }

    @Test
    void aReadinessProbePortNamedAsTheUserPortTargetsItsNumberInThePod() {
        // the pod's port is renamed user-port, where the kubelet would not find the user's name
        Revision rev = Fixtures.revision();
        Container c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new ContainerPortBuilder().withName("web").withContainerPort(8881).build()));
        c.setReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString("web"))
                .endHttpGet().build());
        Container out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertThat(out.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString(8881));
        assertThat(rev.getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPort())
                .as("the Revision keeps the name").isEqualTo(new IntOrString("web"));

        c.setReadinessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("web")).endTcpSocket()
                .build());
        out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(out.getReadinessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(8881));

        c.setReadinessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("user-port"))
                .endTcpSocket().build());
        out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(out.getReadinessProbe().getTcpSocket().getPort()).as("the pod's own port name resolves")
                .isEqualTo(new IntOrString("user-port"));
    }

    @Test
    void aStartupProbePortNamedAsTheUserPortTargetsItsNumberInThePod() {
        Revision rev = Fixtures.revision();
        Container c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new ContainerPortBuilder().withName("web").withContainerPort(8881).build()));
        c.setStartupProbe(new ProbeBuilder().withNewHttpGet().withPath("/started").withPort(new IntOrString("web"))
                .endHttpGet().build());
        Container out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertThat(out.getStartupProbe().getHttpGet().getPort()).isEqualTo(new IntOrString(8881));
        assertThat(out.getStartupProbe().getHttpGet().getPath()).isEqualTo("/started");
        assertThat(rev.getSpec().getContainers().get(0).getStartupProbe().getHttpGet().getPort())
                .as("the Revision keeps the name").isEqualTo(new IntOrString("web"));

        c.setStartupProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(8881)).endTcpSocket()
                .build());
        out = Deployments.make(rev, CONFIG, K8S_1_20).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(out.getStartupProbe().getTcpSocket().getPort()).as("a number stays")
                .isEqualTo(new IntOrString(8881));
    }

    @Test
    void h2cPortNameIsKeptAndExecAndGrpcProbes() {
        Revision rev = Fixtures.revision();
        Container c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new ContainerPortBuilder().withName("h2c").withContainerPort(9000).build()));
        c.setReadinessProbe(new ProbeBuilder().withNewExec().withCommand("true").endExec().build());
        c.setLivenessProbe(new ProbeBuilder().withNewGrpc().withPort(0).endGrpc().build());
        Container out = Deployments.make(rev, CONFIG, DeploymentOptions.forMinor(24)).getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        assertThat(out.getPorts().get(0).getName()).isEqualTo("h2c");
        assertThat(out.getReadinessProbe()).isEqualTo(new ProbeBuilder().withNewExec().withCommand("true").endExec()
                .build());
        assertThat(out.getLivenessProbe().getGrpc().getPort()).isEqualTo(9000);
    }

    @Test
    void grpcProbesBecomeTcpProbesOfTheirPortBeforeKubernetes124() {
        Revision rev = Fixtures.revision();
        Container c = rev.getSpec().getContainers().get(0);
        c.setPorts(List.of(new ContainerPortBuilder().withName("h2c").withContainerPort(9000).build()));
        c.setReadinessProbe(new ProbeBuilder().withNewGrpc().withService("shop").endGrpc().withPeriodSeconds(3)
                .withSuccessThreshold(2).build());
        c.setLivenessProbe(new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().withFailureThreshold(5).build());
        c.setStartupProbe(new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().build());
        Container old = container(rev, DeploymentOptions.forMinor(23));
        assertThat(old.getReadinessProbe()).isEqualTo(new ProbeBuilder().withNewTcpSocket()
                .withPort(new IntOrString(9000)).endTcpSocket().withPeriodSeconds(3).withSuccessThreshold(2).build());
        assertThat(old.getLivenessProbe()).isEqualTo(new ProbeBuilder().withNewTcpSocket()
                .withPort(new IntOrString(9000)).endTcpSocket().withFailureThreshold(5).build());
        assertThat(old.getStartupProbe().getGrpc()).isNull();
        assertThat(old.getStartupProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(9000));
        // the Revision keeps its gRPC probe: the gateway runs it
        assertThat(rev.getSpec().getContainers().get(0).getReadinessProbe().getGrpc().getService()).isEqualTo("shop");

        Container current = container(rev, DeploymentOptions.forMinor(24));
        assertThat(current.getReadinessProbe().getGrpc().getPort()).isEqualTo(9000);
        assertThat(current.getReadinessProbe().getGrpc().getService()).isEqualTo("shop");
        assertThat(current.getReadinessProbe().getTcpSocket()).isNull();
    }

    @Test
    void multiContainerThePortedOneServes() {
        Revision rev = Fixtures.revision();
        Probe sidecarProbe = new ProbeBuilder().withNewHttpGet().withPort(new IntOrString(9091)).endHttpGet().build();
        Container sidecar = new ContainerBuilder().withName("sidecar").withImage("ko.local/side")
                .withReadinessProbe(sidecarProbe).build();
        Container serving = new ContainerBuilder().withName("serving").withImage("ko.local/app")
                .withPorts(new ContainerPortBuilder().withContainerPort(8881).build()).build();
        rev.getSpec().setContainers(List.of(sidecar, serving));
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        List<Container> out = d.getSpec().getTemplate().getSpec().getContainers();
        assertThat(out).extracting(Container::getName).containsExactly("sidecar", "serving");
        assertThat(out.get(0).getPorts()).isEmpty();
        assertThat(out.get(0).getEnv()).extracting(EnvVar::getName)
                .containsExactly("K_REVISION", "K_CONFIGURATION", "K_SERVICE");
        assertThat(out.get(0).getReadinessProbe()).as("sidecar probes untouched").isEqualTo(sidecarProbe);
        assertThat(out.get(1).getEnv()).extracting(EnvVar::getName)
                .containsExactly("PORT", "K_REVISION", "K_CONFIGURATION", "K_SERVICE");
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(RevisionMeta.DEFAULT_CONTAINER_ANNOTATION, "serving");
    }

    @Test
    void affinityRules() {
        Revision rev = Fixtures.revision();
        assertThat(podSpec(rev, CONFIG).getAffinity()).as("Knative's default: prefer spreading over nodes")
                .isEqualTo(io.qnative.testing.Admission.yaml(io.fabric8.kubernetes.api.model.Affinity.class, """
                        podAntiAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - weight: 100
                            podAffinityTerm:
                              topologyKey: kubernetes.io/hostname
                              labelSelector:
                                matchLabels: {serving.knative.dev/revision: %s}
                        """.formatted(rev.getMetadata().getName())));

        rev.getSpec().setAffinity(new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build());
        assertThat(podSpec(rev, CONFIG).getAffinity()).as("user affinity kept as is")
                .isEqualTo(new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build());

        ConfigSnapshot none = ConfigSnapshot.apply(CONFIG, DeploymentConfig.NAME,
                Map.of("default-affinity-type", "none"));
        assertThat(podSpec(Fixtures.revision(), none).getAffinity()).isNull();
    }

    @Test
    void preStopSleepOnlyFromKubernetes130() {
        assertThat(container(Fixtures.revision(), DeploymentOptions.forMinor(29)).getLifecycle()).isNull();
        assertThat(container(Fixtures.revision(), DeploymentOptions.forMinor(30)).getLifecycle().getPreStop()
                .getSleep().getSeconds()).isEqualTo(5L);
        Revision quick = Fixtures.revision();
        quick.getSpec().setTimeoutSeconds(3L);
        assertThat(container(quick, new DeploymentOptions(31, 30)).getLifecycle().getPreStop().getSleep()
                .getSeconds()).as("shorter than the grace period").isEqualTo(2L);
        quick.getSpec().setTimeoutSeconds(1L);
        assertThat(container(quick, DeploymentOptions.forMinor(31)).getLifecycle()).isNull();
    }

    @Test
    void imagesFromRecordedDigestsAndKnativeFieldsStayOffThePodSpec() {
        Revision rev = Fixtures.revision();
        RevisionStatus status = new RevisionStatus();
        ContainerStatus cs = new ContainerStatus();
        cs.setName("user-container");
        cs.setImageDigest("ko.local/app@sha256:abc");
        status.setContainerStatuses(List.of(cs));
        rev.setStatus(status);
        PodSpec pod = podSpec(rev, CONFIG);
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("ko.local/app@sha256:abc");
        assertThat(pod.getAdditionalProperties()).isEmpty();
        assertThat(Manifests.yaml(pod)).doesNotContain("containerConcurrency").doesNotContain("timeoutSeconds: 300");
    }

    @Test
    void serviceLinksFromConfigOnlyWhenUnset() {
        Revision rev = Fixtures.revision();
        rev.getSpec().setEnableServiceLinks(null);
        assertThat(podSpec(rev, CONFIG).getEnableServiceLinks()).isFalse();
        rev.getSpec().setEnableServiceLinks(true);
        assertThat(podSpec(rev, CONFIG).getEnableServiceLinks()).isTrue();
    }

    @Test
    void longRevisionName() {
        Revision rev = Fixtures.revision();
        rev.getMetadata().setName("r".repeat(60));
        Deployment d = Deployments.make(rev, CONFIG, K8S_1_20);
        assertThat(d.getMetadata().getName()).hasSize(63).endsWith("-deployment");
        assertThat(d.getMetadata().getLabels()).containsEntry(ServingKeys.REVISION, "r".repeat(60));
    }

    private static String hash(Revision rev) {
        return Deployments.make(rev, CONFIG, K8S_1_20).getMetadata().getLabels().get(ServingKeys.DEPLOYMENT_HASH);
    }

    private static PodSpec podSpec(Revision rev, ConfigSnapshot config) {
        return Deployments.make(rev, config, K8S_1_20).getSpec().getTemplate().getSpec();
    }

    private static Container container(Revision rev, DeploymentOptions options) {
        return Deployments.make(rev, CONFIG, options).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
