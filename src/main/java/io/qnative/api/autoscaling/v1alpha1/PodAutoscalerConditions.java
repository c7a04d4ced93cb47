package io.qnative.api.autoscaling.v1alpha1;

import io.qnative.api.duck.ConditionSet;

/** Condition types, reasons and the condition set of a PodAutoscaler ({@code pa_lifecycle.go}). */
public final class PodAutoscalerConditions {

    /** Whether the Revision has pods serving; mirrored into the Revision's Info condition {@code Active}. */
    public static final String ACTIVE = "Active";
    /** The scale target reached its initial scale once. */
    public static final String SCALE_TARGET_INITIALIZED = "ScaleTargetInitialized";
    /** The Services fronting the Revision are ready (Knative's ServerlessService; name kept). */
    public static final String SKS_READY = "SKSReady";
    /** {@code Ready <- Active, ScaleTargetInitialized, SKSReady}. */
    public static final ConditionSet SET = ConditionSet.living(ACTIVE, SCALE_TARGET_INITIALIZED, SKS_READY);

    /** Active=False once scaled to zero. */
    public static final String REASON_NO_TRAFFIC = "NoTraffic";
    /** Active=Unknown: requests are queued. */
    public static final String REASON_QUEUED = "Queued";
    /** Active=False: activation timed out. */
    public static final String REASON_TIMED_OUT = "TimedOut";

    private PodAutoscalerConditions() {
    }
}
