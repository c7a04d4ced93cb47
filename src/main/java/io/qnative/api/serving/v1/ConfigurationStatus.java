package io.qnative.api.serving.v1;

import java.time.Instant;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a Configuration ({@code v1.ConfigurationStatus}). Conditions: {@link ConfigurationConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "latestReadyRevisionName",
        "latestCreatedRevisionName"})
public final class ConfigurationStatus extends Status {

    private String latestReadyRevisionName;
    private String latestCreatedRevisionName;

    /** The newest Revision that became Ready. */
    public String getLatestReadyRevisionName() {
        return latestReadyRevisionName;
    }

    /** Sets {@link #getLatestReadyRevisionName()}. */
    public void setLatestReadyRevisionName(String latestReadyRevisionName) {
        this.latestReadyRevisionName = latestReadyRevisionName;
    }

    /** The last Revision created from the template. */
    public String getLatestCreatedRevisionName() {
        return latestCreatedRevisionName;
    }

    /** Sets {@link #getLatestCreatedRevisionName()}. */
    public void setLatestCreatedRevisionName(String latestCreatedRevisionName) {
        this.latestCreatedRevisionName = latestCreatedRevisionName;
    }

    // ---- lifecycle (configuration_lifecycle.go); every change is stamped with the given time ----

    /** Records the Revision just created; Ready turns Unknown (no reason) until it is the latest ready one. */
    public void setLatestCreatedRevisionName(String name, Instant now) {
        latestCreatedRevisionName = name;
        if (!Objects.equals(latestReadyRevisionName, name)) {
            manage(now).markUnknown(Condition.READY, "", "");
        }
    }

    /** Records the newest ready Revision; Ready turns True when it is also the latest created one. */
    public void setLatestReadyRevisionName(String name, Instant now) {
        latestReadyRevisionName = name;
        if (Objects.equals(latestReadyRevisionName, latestCreatedRevisionName)) {
            manage(now).markTrue(Condition.READY);
        }
    }

    /** Ready False {@code RevisionFailed}: the latest created Revision failed. */
    public void markLatestCreatedFailed(String name, String message, Instant now) {
        manage(now).markFalse(Condition.READY, ConfigurationConditions.REASON_REVISION_FAILED,
                "Revision " + RevisionStatus.quote(name) + " failed with message: " + message + ".");
    }

    /** Ready False {@code RevisionFailed}: the Revision could not be created (or its BYO name is taken). */
    public void markRevisionCreationFailed(String message, Instant now) {
        manage(now).markFalse(Condition.READY, ConfigurationConditions.REASON_REVISION_FAILED,
                "Revision creation failed with message: " + message + ".");
    }

    /** Ready False {@code RevisionDeleted}: the latest ready Revision was deleted. */
    public void markLatestReadyDeleted(Instant now) {
        manage(now).markFalse(Condition.READY, ConfigurationConditions.REASON_REVISION_DELETED,
                "Revision " + RevisionStatus.quote(latestReadyRevisionName) + " was deleted.");
    }

    /** Ready True and the latest created Revision is the latest ready one. */
    @JsonIgnore
    public boolean isLatestReadyRevisionNameUpToDate() {
        Condition ready = getCondition(Condition.READY);
        return ready != null && ready.isTrue()
                && Objects.equals(latestCreatedRevisionName, latestReadyRevisionName);
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return ConfigurationConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConfigurationStatus that = (ConfigurationStatus) o;
        return Objects.equals(latestReadyRevisionName, that.latestReadyRevisionName)
                && Objects.equals(latestCreatedRevisionName, that.latestCreatedRevisionName)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latestReadyRevisionName, latestCreatedRevisionName);
    }
}
