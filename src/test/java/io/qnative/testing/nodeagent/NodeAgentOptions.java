package io.qnative.testing.nodeagent;

import java.time.Duration;

/**
 * Settings of a {@link NodeAgent}.
 *
 * @param nodes how many Node objects to register ({@code <namePrefix>1} …)
 * @param namePrefix node name prefix
 * @param bindPods bind pending pods (no {@code spec.nodeName}) to the least loaded node; off when a real
 *     kube-scheduler does it (binding races are harmless either way: the loser gets a 409)
 * @param heartbeat how often node Leases are renewed and node conditions refreshed (the node lifecycle
 *     controller marks a node Unknown after 40 s without either)
 * @param maxProbePeriod until a container is Ready its readiness probe runs at least this often (there is
 *     no queue-proxy probing aggressively, and tests should not wait 10 s per pod); once Ready, every
 *     {@code periodSeconds} (default 10)
 * @param crashLoopBackoff first restart delay of a crashed container, doubled per exit (kubelet: 10 s)
 * @param maxCrashLoopBackoff restart delay cap (kubelet: 5 min)
 * @param statusWorkers threads writing pod status and bindings to the API
 */
public record NodeAgentOptions(int nodes, String namePrefix, boolean bindPods, Duration heartbeat,
        Duration maxProbePeriod, Duration crashLoopBackoff, Duration maxCrashLoopBackoff, int statusWorkers) {

    /** One node {@code qnative-node-1}, binding on, 10 s heartbeat, probes at most 1 s apart, 1 s–20 s back-off. */
    public static NodeAgentOptions defaults() {
        return new NodeAgentOptions(1, "qnative-node-", true, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
    }

    /** A copy with {@code count} nodes. */
    public NodeAgentOptions withNodes(int count) {
        return new NodeAgentOptions(count, namePrefix, bindPods, heartbeat, maxProbePeriod, crashLoopBackoff,
                maxCrashLoopBackoff, statusWorkers);
    }

    /** A copy with pod binding on or off. */
    public NodeAgentOptions withBindPods(boolean bind) {
        return new NodeAgentOptions(nodes, namePrefix, bind, heartbeat, maxProbePeriod, crashLoopBackoff,
                maxCrashLoopBackoff, statusWorkers);
    }

    /** Name of the i-th node, 1-based. */
    public String nodeName(int i) {
        return namePrefix + i;
    }
}
