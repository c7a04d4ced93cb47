package io.qnative.reconciler.revision.resources;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.qnative.api.serving.v1.ContainerStatus;

/**
 * A Revision's {@code status.containerStatuses} with each container's image exactly as the user gave it: what qnative
 * records for images of {@code registries-skipping-tag-resolving} (Knative leaves the digest empty there; keeping the
 * image string lets the field still name what runs). Images of other registries are resolved to digests by
 * {@link io.qnative.reconciler.revision.digest.DigestResolver}.
 */
public final class ContainerStatuses {

    private ContainerStatuses() {
    }

    /** One status per container, in spec order. */
    public static List<ContainerStatus> of(List<Container> containers) {
        List<ContainerStatus> out = new ArrayList<>();
        if (containers != null) {
            for (Container c : containers) {
                ContainerStatus s = new ContainerStatus();
                s.setName(c.getName());
                s.setImageDigest(c.getImage());
                out.add(s);
            }
        }
        return out;
    }

    /** As {@link #of}, but null for no containers (init containers: the field is omitted when empty). */
    public static List<ContainerStatus> ofOptional(List<Container> containers) {
        List<ContainerStatus> out = of(containers);
        return out.isEmpty() ? null : out;
    }
}
