package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the status a kubelet would write for a running pod: phase, IPs, start time, the four standard
 * conditions and the container statuses. Pure: the current status and the time come in, the desired status
 * goes out; a condition keeps its {@code lastTransitionTime} while its value does not change, so an
 * unchanged pod yields an equal status and no write.
 */
final class PodStatuses {

    /** The node agent's host address (pods get their own loopback addresses). */
    static final String HOST_IP = "127.0.0.1";

    private PodStatuses() {
    }

    /** RFC 3339 with second precision, as the API server stores {@code metav1.Time}. */
    static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The desired status of {@code pod} running at {@code podIp} since {@code startTime}.
     *
     * @param containers statuses of the pod's containers in spec order
     * @param phase {@code Running}, {@code Succeeded} or {@code Failed}
     */
    static PodStatus desired(Pod pod, String podIp, Instant startTime, List<ContainerStatus> containers, String phase,
            Instant now) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        boolean allReady = !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(current, "Initialized", true, null, now));
        conditions.add(condition(current, "Ready", allReady, allReady ? null : "ContainersNotReady", now));
        conditions.add(condition(current, "ContainersReady", allReady, allReady ? null : "ContainersNotReady", now));
        conditions.add(condition(current, "PodScheduled", true, null, now));
        return new PodStatusBuilder(current).withPhase(phase).withHostIP(HOST_IP).withPodIP(podIp)
                .withPodIPs(new PodIPBuilder().withIp(podIp).build()).withStartTime(time(startTime))
                .withConditions(conditions).withContainerStatuses(containers).build();
    }

    private static PodCondition condition(PodStatus current, String type, boolean value, String reason, Instant now) {
        String status = value ? "True" : "False";
        String since = time(now);
        if (current.getConditions() != null) {
            for (PodCondition c : current.getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastTransitionTime(since).build();
    }
}
