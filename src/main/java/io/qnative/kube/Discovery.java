package io.qnative.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** What the API server serves, read from its discovery document ({@code GET /apis}, the API group list). */
public final class Discovery {

    private Discovery() {
    }

    /**
     * Whether the API server serves {@code groupVersion} (e.g. {@code discovery.k8s.io/v1}); empty when it could
     * not be asked (no answer: unreachable, or a connection failure), so the caller asks again. An API server that
     * answers without the group, or refuses the request, does not serve it.
     */
    public static Optional<Boolean> serves(KubernetesClient client, String groupVersion) {
        String group = groupVersion.substring(0, Math.max(0, groupVersion.indexOf('/')));
        APIGroupList groups;
        try {
            groups = client.getApiGroups();
        } catch (KubernetesClientException e) {
            // fabric8 reports a failure without an HTTP answer as code 0
            return e.getCode() > 0 ? Optional.of(false) : Optional.empty();
        }
        if (groups == null || groups.getGroups() == null) {
            return Optional.of(false);
        }
        for (APIGroup g : groups.getGroups()) {
            if (group.equals(g.getName()) && g.getVersions() != null) {
                for (GroupVersionForDiscovery v : g.getVersions()) {
                    if (groupVersion.equals(v.getGroupVersion())) {
                        return Optional.of(true);
                    }
                }
            }
        }
        return Optional.of(false);
    }
}
