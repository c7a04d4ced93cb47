package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the agent's Node objects and keeps them alive the way a kubelet does on Kubernetes 1.20: a
 * Lease per node in {@code kube-node-lease} renewed every heartbeat, and the node's conditions re-posted
 * with a fresh {@code lastHeartbeatTime}, so the node lifecycle controller neither marks the node Unknown
 * nor taints it and evicts its pods.
 */
final class NodeRegistrar {

    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String AGENT_ANNOTATION = "qnative.io/node-agent";
    /** Tries of a write that conflicts ({@code retry.DefaultRetry}'s steps). */
    static final int CONFLICT_ATTEMPTS = 5;
    private static final Map<String, Quantity> RESOURCES = Map.of("cpu", new Quantity("64"),
            "memory", new Quantity("256Gi"), "pods", new Quantity("1000"), "ephemeral-storage", new Quantity("1Ti"));

    private final KubernetesClient client;
    private final NodeAgentOptions options;
    private final String agentId;
    private final String registeredAt = PodStatuses.time(Instant.now());

    NodeRegistrar(KubernetesClient client, NodeAgentOptions options, String agentId) {
        this.client = client;
        this.options = options;
        this.agentId = agentId;
    }

    List<String> nodeNames() {
        return java.util.stream.IntStream.rangeClosed(1, options.nodes()).mapToObj(options::nodeName).toList();
    }

    /**
     * Creates the nodes (or takes over existing ones), posts Ready status and creates their Leases. Each write that
     * loses a race (409: the node lifecycle controller or the TTL controller wrote the node between our read and our
     * write, which they do often on an earlier run's stale node) is read and written again, as a kubelet does.
     */
    void register() {
        for (String name : nodeNames()) {
            retryOnConflict(() -> {
                registerNode(name);
                return null;
            });
            postStatus(name);
        }
        heartbeat();
    }

    private void registerNode(String name) {
        if (client.nodes().withName(name).get() == null) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                    .addToLabels("node.kubernetes.io/instance-type", "qnative-node-agent")
                    .addToAnnotations(AGENT_ANNOTATION, agentId)
                    .addToAnnotations("node.alpha.kubernetes.io/ttl", "0").endMetadata()
                    .withNewSpec().endSpec().withStatus(status(name)).build()).create();
        } else {
            refuseIfServedByAnotherAgent(name);
            // fabric8's edit is a JSON patch carrying the resourceVersion it read: a 409 when the node moved on
            client.nodes().withName(name).edit(n -> new NodeBuilder(n).editMetadata()
                    .addToAnnotations(AGENT_ANNOTATION, agentId).endMetadata()
                    .editSpec().withTaints().withUnschedulable(false).endSpec().build());
        }
    }

    /**
     * {@code write} again after a 409 Conflict (a lost optimistic-concurrency race, or a create that found the
     * object made meanwhile), at most {@value #CONFLICT_ATTEMPTS} times 10 ms apart, as client-go's {@code
     * retry.RetryOnConflict(retry.DefaultRetry, ...)} does for the kubelet's node and lease writes ({@code
     * pkg/kubelet/kubelet_node_status.go}, {@code k8s.io/component-helpers/apimachinery/lease/controller.go}); {@code
     * write} must read what it changes afresh. Any other failure, and the last conflict, is thrown.
     */
    static <T> T retryOnConflict(Supplier<T> write) {
        for (int attempt = 1;; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted retrying a conflicting write", e);
            }
        }
    }

    /**
     * Two agents serving one node would hand out the same pod IPs and fight over pod status: refuse to
     * start while the node's Lease was renewed within its duration by another agent (a make run and a
     * test run on the same cluster dir, say).
     */
    private void refuseIfServedByAnotherAgent(String name) {
        var node = client.nodes().withName(name).get();
        String other = node == null || node.getMetadata().getAnnotations() == null ? null
                : node.getMetadata().getAnnotations().get(AGENT_ANNOTATION);
        Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(name).get();
        if (other == null || other.equals(agentId) || lease == null || lease.getSpec().getRenewTime() == null) {
            return;
        }
        ZonedDateTime renewed = lease.getSpec().getRenewTime();
        int duration = lease.getSpec().getLeaseDurationSeconds() == null ? 40 : lease.getSpec().getLeaseDurationSeconds();
        if (renewed.plusSeconds(duration).isAfter(ZonedDateTime.now(ZoneOffset.UTC))) {
            throw new IllegalStateException("node " + name + " is served by another node agent (" + other
                    + ", lease renewed " + renewed + "): stop it (make run? another test run?) or use another"
                    + " QNATIVE_CLUSTER_DIR; a killed agent's lease expires " + duration + " s after its last renewal");
        }
    }

    /** Deletes the Leases, so another agent may take the nodes over at once; best effort. */
    void release() {
        for (String name : nodeNames()) {
            try {
                client.leases().inNamespace(LEASE_NAMESPACE).withName(name).delete();
            } catch (RuntimeException e) {
                // the cluster may be gone already; the lease then expires by itself
            }
        }
    }

    /** Renews every Lease (again on a conflict) and re-posts node conditions. */
    void heartbeat() {
        for (String name : nodeNames()) {
            retryOnConflict(() -> renewLease(name));
            postStatus(name);
        }
    }

    private Lease renewLease(String name) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Lease existing = client.leases().inNamespace(LEASE_NAMESPACE).withName(name).get();
        if (existing == null) {
            return client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder().withNewMetadata()
                    .withName(name).withNamespace(LEASE_NAMESPACE).endMetadata().withNewSpec()
                    .withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(now).endSpec().build())
                    .create();
        }
        existing.getSpec().setRenewTime(now);
        existing.getSpec().setHolderIdentity(name);
        return client.leases().inNamespace(LEASE_NAMESPACE).resource(existing).update();
    }

    private void postStatus(String name) {
        String patch = Serialization.asJson(Map.of("status", status(name)));
        // on a Node of that name: withName(..).patch(..) would GET the node first
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private NodeStatus status(String name) {
        String now = PodStatuses.time(Instant.now());
        return new NodeStatusBuilder().withCapacity(RESOURCES).withAllocatable(RESOURCES)
                .withConditions(condition("Ready", "True", "KubeletReady", "qnative node agent is posting ready status", now),
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", now),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", now),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "", now))
                .addNewAddress().withType("InternalIP").withAddress(PodStatuses.HOST_IP).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .withNewNodeInfo().withKubeletVersion("v1.20.2").withKubeProxyVersion("v1.20.2")
                .withContainerRuntimeVersion("qnative-node-agent://0.1").withOperatingSystem("linux")
                .withArchitecture("amd64").withOsImage("qnative node agent (in-process HTTP servers)")
                .withKernelVersion(System.getProperty("os.version")).withMachineID(name).withSystemUUID(name)
                .withBootID(agentId).endNodeInfo().build();
    }

    private NodeCondition condition(String type, String status, String reason, String message, String now) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(registeredAt).build();
    }
}
