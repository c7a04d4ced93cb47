package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * A pod the agent runs: its loopback address, node, start time and container processes.
 *
 * @param uid the pod's uid (a recreated pod of the same name is another RunningPod)
 * @param ip the pod IP from {@link LoopbackIpAllocator}
 * @param nodeName the node it is bound to
 * @param startTime when the agent started it
 * @param containers its containers in spec order
 */
record RunningPod(String uid, String ip, String nodeName, Instant startTime, List<ContainerProcess> containers) {

    void start() {
        containers.forEach(ContainerProcess::start);
    }

    Future<Void> stop() {
        return Future.join(containers.stream().map(ContainerProcess::stop).toList()).mapEmpty();
    }

    List<ContainerStatus> containerStatuses() {
        return containers.stream().map(ContainerProcess::status).toList();
    }

    /** Running while any container runs or will restart; then Succeeded when all exited 0, else Failed. */
    String phase() {
        if (containers.stream().anyMatch(ContainerProcess::alive)) {
            return "Running";
        }
        return containers.stream().allMatch(ContainerProcess::succeeded) ? "Succeeded" : "Failed";
    }
}
