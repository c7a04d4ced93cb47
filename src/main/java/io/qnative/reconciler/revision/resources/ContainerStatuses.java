package io.qnative.reconciler.revision.resources;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.qnative.api.serving.v1.ContainerStatus;

/**
 * A Revision's {@code status.containerStatuses} and {@code status.initContainerStatuses} (Knative's
 * pkg/reconciler/revision/reconcile_resources.go,
 * Knative's digest resolution), as qnative records them: <b>each container's image exactly as the user gave it</b>.
 *
 * <p>Knative resolves every tag to {@code <repo>@sha256:...} through the registry, with the pod's service account
 * and pull secrets, so that all pods of a Revision run the same bytes. qnative reaches no registry (issue #4), so
 * resolution is skipped for every image, the way Knative skips it for {@code registries-skipping-tag-resolving}
 * except that the image string is kept rather than left empty: the field then still names what runs, and the pod
 * template (which takes images from these statuses) is unchanged. Consequences: nothing is ever
 * {@code ResolvingDigests} or {@code ContainerMissing}, and a tag that moves in the registry may give later pods of the
 * same Revision newer bytes. A digest the user wrote ({@code repo@sha256:...}) is recorded as such.
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
