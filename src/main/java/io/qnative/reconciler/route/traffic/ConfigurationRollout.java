package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The rollout of one Configuration under one tag ({@code ConfigurationRollout}): its total percent and the
 * Revisions sharing it, oldest first; the newest ends with all of it.
 */
@JsonPropertyOrder({"configurationName", "tag", "percent", "revisions", "stepParams"})
public final class ConfigurationRollout {

    /** The Configuration. */
    @JsonProperty("configurationName")
    public String configurationName = "";
    /** The tag; empty for the default target. */
    @JsonProperty("tag")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String tag = "";
    /** The Configuration's total share of the Route's traffic; the Revisions' percents sum to it. */
    @JsonProperty("percent")
    public int percent;
    /** The Revisions, oldest first. */
    @JsonProperty("revisions")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<RevisionRollout> revisions = new ArrayList<>();
    /** Step timing, always written (Go does not omit an empty struct). */
    @JsonProperty("stepParams")
    public RolloutParams stepParams = new RolloutParams();

    /** A steady-state rollout: one Revision with the whole percent. */
    public static ConfigurationRollout of(String configurationName, String tag, int percent, String revision) {
        ConfigurationRollout c = new ConfigurationRollout();
        c.configurationName = configurationName;
        c.tag = tag == null ? "" : tag;
        c.percent = percent;
        c.revisions.add(new RevisionRollout(revision, percent));
        return c;
    }

    /** Whether no rollout is going on (zero or one Revision). */
    public boolean done() {
        return revisions.size() < 2;
    }

    ConfigurationRollout copy() {
        ConfigurationRollout c = new ConfigurationRollout();
        c.configurationName = configurationName;
        c.tag = tag;
        c.percent = percent;
        for (RevisionRollout r : revisions) {
            c.revisions.add(r.copy());
        }
        c.stepParams = stepParams.copy();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigurationRollout c && percent == c.percent
                && Objects.equals(configurationName, c.configurationName) && Objects.equals(tag, c.tag)
                && Objects.equals(revisions, c.revisions) && Objects.equals(stepParams, c.stepParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(configurationName, tag, percent, revisions, stepParams);
    }

    @Override
    public String toString() {
        return configurationName + "[" + tag + "]=" + percent + revisions + stepParams;
    }
}
