package io.qnative.reconciler.route.traffic;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Timing and size of a Configuration's rollout steps ({@code RolloutParams}); times are Unix nanoseconds, zero
 * means unset (and is omitted from the JSON, leaving {@code "stepParams":{}} in steady state).
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"starttime", "nextStepTime", "stepDuration", "stepSize"})
public final class RolloutParams {

    /** When the rollout started. */
    @JsonProperty("starttime")
    public long startTime;
    /** When the next step is due. */
    @JsonProperty("nextStepTime")
    public long nextStepTime;
    /** Nanoseconds between two steps. */
    @JsonProperty("stepDuration")
    public long stepDuration;
    /** Percent moved per step. */
    @JsonProperty("stepSize")
    public int stepSize;

    RolloutParams copy() {
        RolloutParams p = new RolloutParams();
        p.startTime = startTime;
        p.nextStepTime = nextStepTime;
        p.stepDuration = stepDuration;
        p.stepSize = stepSize;
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RolloutParams p && startTime == p.startTime && nextStepTime == p.nextStepTime
                && stepDuration == p.stepDuration && stepSize == p.stepSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(startTime, nextStepTime, stepDuration, stepSize);
    }

    @Override
    public String toString() {
        return "{start=" + startTime + ", next=" + nextStepTime + ", duration=" + stepDuration + ", size="
                + stepSize + "}";
    }
}
