package io.qnative.api.serving.v1;

import io.qnative.api.duck.ConditionSet;

/**
 * Condition types, reasons and the condition set of a Revision ({@code revision_lifecycle.go}). {@link #ACTIVE} is
 * informational: a Revision scaled to zero stays Ready.
 */
public final class RevisionConditions {

    /** The Deployment, PodAutoscaler and Services exist and are progressing. */
    public static final String RESOURCES_AVAILABLE = "ResourcesAvailable";
    /** The containers resolved and are not crashing. */
    public static final String CONTAINER_HEALTHY = "ContainerHealthy";
    /** Whether the Revision has pods serving (Info severity). */
    public static final String ACTIVE = "Active";
    /** {@code Ready <- ResourcesAvailable, ContainerHealthy}; {@code Active} is Info. */
    public static final ConditionSet SET = ConditionSet.living(RESOURCES_AVAILABLE, CONTAINER_HEALTHY);

    /** Image digests are being resolved. */
    public static final String REASON_RESOLVING_DIGESTS = "ResolvingDigests";
    /** The Deployment is rolling out, or the Revision is scaling up. */
    public static final String REASON_DEPLOYING = "Deploying";
    /** An image could not be resolved. */
    public static final String REASON_CONTAINER_MISSING = "ContainerMissing";
    /** Prefix of {@code ExitCode<N>}: a container terminated with that code. */
    public static final String REASON_EXIT_CODE_PREFIX = "ExitCode";
    /** The Deployment did not progress within its deadline. */
    public static final String REASON_PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    /** A child of that name is controlled by someone else. */
    public static final String REASON_NOT_OWNED = "NotOwned";
    /** Active=False: scaled to zero, no traffic. */
    public static final String REASON_NO_TRAFFIC = "NoTraffic";
    /** Active=Unknown: requests are queued while scaling from zero. */
    public static final String REASON_QUEUED = "Queued";
    /** Active=False: activation timed out. */
    public static final String REASON_TIMED_OUT = "TimedOut";

    private RevisionConditions() {
    }
}
