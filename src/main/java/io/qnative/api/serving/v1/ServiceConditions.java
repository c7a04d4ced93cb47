package io.qnative.api.serving.v1;

import io.qnative.api.duck.ConditionSet;

/** Condition types, reasons and the condition set of a Service ({@code service_lifecycle.go}). */
public final class ServiceConditions {

    /** Mirrors the Configuration's Ready. */
    public static final String CONFIGURATIONS_READY = "ConfigurationsReady";
    /** Mirrors the Route's Ready. */
    public static final String ROUTES_READY = "RoutesReady";
    /** {@code Ready <- ConfigurationsReady, RoutesReady}. */
    public static final ConditionSet SET = ConditionSet.living(CONFIGURATIONS_READY, ROUTES_READY);

    /** A child of that name is controlled by someone else. */
    public static final String REASON_NOT_OWNED = "NotOwned";
    /** The child's new generation has not been observed yet. */
    public static final String REASON_OUT_OF_DATE = "OutOfDate";
    /** The bring-your-own revision name is held by another Revision. */
    public static final String REASON_REVISION_NAME_TAKEN = "RevisionNameTaken";
    /** The Route does not yet send traffic where the Service's spec says. */
    public static final String REASON_TRAFFIC_NOT_MIGRATED = "TrafficNotMigrated";

    private ServiceConditions() {
    }
}
