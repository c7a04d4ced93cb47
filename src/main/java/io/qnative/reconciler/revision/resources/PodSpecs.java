package io.qnative.reconciler.revision.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.ContainerStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.DeploymentConfig;
import io.qnative.kube.Kmeta;

/**
 * The pod spec of a Revision's Deployment ({@code BuildPodSpec}, {@code BuildUserContainers}), adapted as
 * docs/differences-from-knative.md says:
 * no queue-proxy sidecar, so every readiness probe stays on its container (ports 0 of the serving container's HTTP,
 * TCP and gRPC probes become the user port), and no {@code :8022/wait-for-drain} preStop hook. On API servers
 * without gRPC probes (before 1.24: they drop the {@code grpc} field and then refuse a probe without a handler) a
 * gRPC probe becomes a TCP probe of its port; the gateway still runs the real gRPC health check of a readiness
 * probe before a pod gets traffic (it reads the probe from the Revision).
 */
public final class PodSpecs {

    /** Env: the Revision's name. */
    public static final String K_REVISION = "K_REVISION";
    /** Env: the Configuration's name. */
    public static final String K_CONFIGURATION = "K_CONFIGURATION";
    /** Env: the Service's name ("" for a standalone Configuration). */
    public static final String K_SERVICE = "K_SERVICE";
    /** Env: the port the serving container must listen on. */
    public static final String PORT = "PORT";
    /** Weight of the default preferred pod anti-affinity. */
    public static final int ANTI_AFFINITY_WEIGHT = 100;
    /** Topology key of the default preferred pod anti-affinity. */
    public static final String HOSTNAME_TOPOLOGY_KEY = "kubernetes.io/hostname";

    private PodSpecs() {
    }

    /** The pod spec: the Revision's pod spec with Knative's container changes and defaults applied. */
    public static PodSpec make(Revision rev, ConfigSnapshot config, DeploymentOptions options) {
        RevisionSpec spec = rev.getSpec();
        PodSpec pod = Kmeta.deepCopy(spec, PodSpec.class);
        // The Knative fields (containerConcurrency, timeouts) and unknown fields are not pod-spec fields.
        pod.getAdditionalProperties().clear();
        pod.setContainers(containers(rev, options));
        pod.setInitContainers(withDigests(pod.getInitContainers(), rev.getStatus() == null ? null
                : rev.getStatus().getInitContainerStatuses()));
        pod.setTerminationGracePeriodSeconds(spec.getTimeoutSeconds());
        if (pod.getEnableServiceLinks() == null) {
            pod.setEnableServiceLinks(config.defaults().enableServiceLinks().orElse(null));
        }
        if (spec.getRuntimeClassName() == null) {
            pod.setRuntimeClassName(config.deployment().runtimeClassName(
                    rev.getMetadata().getLabels() == null ? Map.of() : rev.getMetadata().getLabels()).orElse(null));
        }
        if (DeploymentConfig.AFFINITY_PREFER_SPREAD.equals(config.deployment().defaultAffinityType())
                && spec.getAffinity() == null) {
            pod.setAffinity(spreadOverNodes(rev));
        }
        return pod;
    }

    /** The user's containers: the serving one with its port and env, the others with Knative's env only. */
    static List<Container> containers(Revision rev, DeploymentOptions options) {
        List<Container> out = new ArrayList<>();
        int serving = rev.getSpec().servingContainerIndex();
        List<Container> containers = rev.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            Container c = Kmeta.deepCopy(containers.get(i), Container.class);
            Container built = i == serving ? servingContainer(c, rev, options) : container(c, rev, options);
            if (!options.grpcProbeSupported()) {
                grpcProbeAsTcp(built.getReadinessProbe());
                grpcProbeAsTcp(built.getLivenessProbe());
                grpcProbeAsTcp(built.getStartupProbe());
            }
            out.add(built);
        }
        return withDigests(out, rev.getStatus() == null ? null : rev.getStatus().getContainerStatuses());
    }

    private static Container servingContainer(Container c, Revision rev, DeploymentOptions options) {
        int userPort = rev.userPort();
        String portName = Revision.PROTOCOL_H2C.equals(rev.protocol()) ? Revision.PROTOCOL_H2C
                : Revision.USER_PORT_NAME;
        c.setPorts(List.of(new ContainerPortBuilder().withName(portName).withContainerPort(userPort)
                .withProtocol("TCP").build()));
        List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
        env.add(new EnvVar(PORT, String.valueOf(userPort), null));
        c.setEnv(env);
        Container out = container(c, rev, options);
        rewriteProbePort(out.getReadinessProbe(), userPort, portName);
        // a startup probe naming the user's port would not find it either once the port is renamed
        rewriteProbePort(out.getStartupProbe(), userPort, portName);
        rewriteLivenessPort(out.getLivenessProbe(), userPort);
        return out;
    }

    private static Container container(Container c, Revision rev, DeploymentOptions options) {
        c.setLifecycle(lifecycle(rev, options));
        List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
        Map<String, String> labels = rev.getMetadata().getLabels() == null ? Map.of() : rev.getMetadata().getLabels();
        env.add(new EnvVar(K_REVISION, rev.getMetadata().getName(), null));
        env.add(new EnvVar(K_CONFIGURATION, labels.getOrDefault(ServingKeys.CONFIGURATION, ""), null));
        env.add(new EnvVar(K_SERVICE, labels.getOrDefault(ServingKeys.SERVICE, ""), null));
        c.setEnv(env);
        // Explicitly no stdin and no tty (absent means false).
        c.setStdin(null);
        c.setStdinOnce(null);
        c.setTty(null);
        if (c.getTerminationMessagePolicy() == null || c.getTerminationMessagePolicy().isEmpty()) {
            c.setTerminationMessagePolicy("FallbackToLogsOnError");
        }
        return c;
    }

    /** A preStop sleep on servers that accept it, shorter than the grace period; nothing otherwise. */
    private static Lifecycle lifecycle(Revision rev, DeploymentOptions options) {
        long grace = rev.getSpec().getTimeoutSeconds() == null ? 0 : rev.getSpec().getTimeoutSeconds();
        long sleep = Math.min(options.preStopSleepSeconds(), grace - 1);
        if (!options.preStopSleepSupported() || sleep <= 0) {
            return null;
        }
        return new LifecycleBuilder().withNewPreStop().withNewSleep(sleep).endPreStop().build();
    }

    /**
     * {@code rewriteUserLivenessProbe}: an HTTP or TCP liveness probe of the serving container always targets the
     * user port (validation allows only 0 or that port). Knative also adds a {@code K-Kubelet-Probe} header so its
     * queue-proxy can tell probes through Istio apart; with no queue-proxy qnative leaves the probe's headers alone.
     */
    static void rewriteLivenessPort(Probe p, int userPort) {
        if (p == null) {
            return;
        }
        if (p.getHttpGet() != null) {
            p.getHttpGet().setPort(new IntOrString(userPort));
        } else if (p.getTcpSocket() != null) {
            p.getTcpSocket().setPort(new IntOrString(userPort));
        } else if (p.getGrpc() != null && (p.getGrpc().getPort() == null || p.getGrpc().getPort() == 0)) {
            p.getGrpc().setPort(userPort);
        }
    }

    /**
     * The serving container's readiness probe stays on it (Knative moves it into queue-proxy, which probes the user
     * port when the probe names none): port 0 (or unset) of an HTTP, TCP or gRPC probe becomes the user port, and so
     * does an HTTP or TCP port given by a name other than {@code portName}, the name the Deployment gives the user
     * port. The webhook admits only the user's container port name there ({@code validateProbe},
     * {@code pkg/apis/serving/k8s_validation.go}), but that port is renamed {@code user-port} in the pod, where the
     * kubelet would not find the user's name; Knative's queue-proxy probes such a port as the user port
     * ({@code applyReadinessProbeDefaults}, {@code pkg/reconciler/revision/resources/queue.go}), as the gateway does.
     */
    static void rewriteProbePort(Probe p, int userPort, String portName) {
        if (p == null) {
            return;
        }
        if (p.getHttpGet() != null) {
            if (isUnsetPort(p.getHttpGet().getPort()) || isOtherName(p.getHttpGet().getPort(), portName)) {
                p.getHttpGet().setPort(new IntOrString(userPort));
            }
        } else if (p.getTcpSocket() != null) {
            if (isUnsetPort(p.getTcpSocket().getPort()) || isOtherName(p.getTcpSocket().getPort(), portName)) {
                p.getTcpSocket().setPort(new IntOrString(userPort));
            }
        } else if (p.getGrpc() != null) {
            if (p.getGrpc().getPort() == null || p.getGrpc().getPort() == 0) {
                p.getGrpc().setPort(userPort);
            }
        }
    }

    /** A gRPC probe as a TCP probe of the same port, its other fields (timings, thresholds) kept. */
    static void grpcProbeAsTcp(Probe p) {
        if (p == null || p.getGrpc() == null) {
            return;
        }
        Integer port = p.getGrpc().getPort();
        p.setGrpc(null);
        p.setTcpSocket(new TCPSocketAction(null, new IntOrString(port == null ? 0 : port)));
    }

    /** A port given by a name (not digits) other than {@code portName}. */
    private static boolean isOtherName(IntOrString port, String portName) {
        String name = port.getStrVal();
        return name != null && !name.isEmpty() && !name.chars().allMatch(Character::isDigit) && !name.equals(portName);
    }

    private static boolean isUnsetPort(IntOrString port) {
        if (port == null) {
            return true;
        }
        if (port.getStrVal() != null) {
            return port.getStrVal().isEmpty() || "0".equals(port.getStrVal());
        }
        return port.getIntVal() == null || port.getIntVal() == 0;
    }

    /** Images replaced by the digests recorded in the status, matched by container name. */
    private static List<Container> withDigests(List<Container> containers, List<ContainerStatus> statuses) {
        if (containers == null || statuses == null) {
            return containers;
        }
        for (Container c : containers) {
            for (ContainerStatus s : statuses) {
                if (s.getName() != null && s.getName().equals(c.getName()) && s.getImageDigest() != null
                        && !s.getImageDigest().isEmpty()) {
                    c.setImage(s.getImageDigest());
                }
            }
        }
        return containers;
    }

    /** Preferred anti-affinity: spread the Revision's pods over nodes. */
    static Affinity spreadOverNodes(Revision rev) {
        return new AffinityBuilder().withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(ANTI_AFFINITY_WEIGHT)
                .withNewPodAffinityTerm()
                .withTopologyKey(HOSTNAME_TOPOLOGY_KEY)
                .withNewLabelSelector()
                .withMatchLabels(Map.of(ServingKeys.REVISION, rev.getMetadata().getName()))
                .endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }
}
