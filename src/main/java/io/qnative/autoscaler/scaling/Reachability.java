package io.qnative.autoscaler.scaling;

/** Whether routes send a revision traffic, as on a PodAutoscaler's {@code spec.reachability}. */
public enum Reachability {
    /** Some route targets the revision. */
    REACHABLE,
    /** No route targets it: min-scale is ignored and scale-down is unlimited. */
    UNREACHABLE,
    /** Not known yet; behaves as reachable. */
    UNKNOWN;

    /** {@code Reachable}, {@code Unreachable}, anything else (empty, null) unknown. */
    public static Reachability of(String value) {
        if ("Reachable".equals(value)) {
            return REACHABLE;
        }
        return "Unreachable".equals(value) ? UNREACHABLE : UNKNOWN;
    }

    /** Whether it counts as reachable. */
    public boolean reachable() {
        return this != UNREACHABLE;
    }
}
