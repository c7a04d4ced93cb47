package io.qnative.reconciler.route.domains;

/** Who can reach a traffic target's host: the KIngress rule visibility ({@code IngressVisibility}). */
public enum Visibility {
    /** Reachable from outside the cluster (and inside). */
    EXTERNAL_IP("ExternalIP"),
    /** Reachable only inside the cluster. */
    CLUSTER_LOCAL("ClusterLocal");

    private final String wire;

    Visibility(String wire) {
        this.wire = wire;
    }

    /** The value written in KIngress rules. */
    public String wire() {
        return wire;
    }

    /** The more restrictive of the two. */
    public static Visibility min(Visibility a, Visibility b) {
        return a == CLUSTER_LOCAL || b == CLUSTER_LOCAL ? CLUSTER_LOCAL : a;
    }
}
