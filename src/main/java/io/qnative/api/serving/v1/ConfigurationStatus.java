package io.qnative.api.serving.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
