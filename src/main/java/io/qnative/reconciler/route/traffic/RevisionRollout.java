package io.qnative.reconciler.route.traffic;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One Revision in a Configuration's rollout and its share of the Route's traffic ({@code RevisionRollout}). */
@JsonPropertyOrder({"revisionName", "percent"})
public final class RevisionRollout {

    private final String revisionName;
    private final int percent;

    /** @param revisionName the Revision; @param percent its share of the whole Route's traffic */
    @JsonCreator
    public RevisionRollout(@JsonProperty("revisionName") String revisionName, @JsonProperty("percent") int percent) {
        this.revisionName = revisionName;
        this.percent = percent;
    }

    /** The Revision. */
    @JsonProperty("revisionName")
    public String revisionName() {
        return revisionName;
    }

    /** Its share of the whole Route's traffic (not of the Configuration's). */
    @JsonProperty("percent")
    public int percent() {
        return percent;
    }

    RevisionRollout copy() {
        return new RevisionRollout(revisionName, percent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionRollout r && percent == r.percent && Objects.equals(revisionName, r.revisionName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revisionName, percent);
    }

    @Override
    public String toString() {
        return revisionName + "=" + percent;
    }
}
