package io.qnative.api.serving.v1;

import io.qnative.api.duck.ConditionSet;

/** Reasons and the condition set of a Configuration ({@code configuration_lifecycle.go}): Ready only. */
public final class ConfigurationConditions {

    /** {@code Ready} alone. */
    public static final ConditionSet SET = ConditionSet.LIVING;

    /** The newest Revision failed, could not be created, or its BYO name is taken. */
    public static final String REASON_REVISION_FAILED = "RevisionFailed";
    /** The latest ready Revision was deleted. */
    public static final String REASON_REVISION_DELETED = "RevisionDeleted";

    private ConfigurationConditions() {
    }
}
