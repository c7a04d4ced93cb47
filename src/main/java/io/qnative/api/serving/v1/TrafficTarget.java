package io.qnative.api.serving.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * One traffic target of a Route or Service ({@code v1.TrafficTarget}), in spec and in status.
 *
 * <p>Boxed fields tell unset from zero: an explicit {@code percent: 0} or {@code latestRevision: false} survives
 * a round trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tag", "revisionName", "configurationName", "latestRevision", "percent", "url"})
public final class TrafficTarget extends PreservingObject {

    private String tag;
    private String revisionName;
    private String configurationName;
    private Boolean latestRevision;
    private Long percent;
    private String url;

    /** Optional name exposing this target at its own URL. */
    public String getTag() {
        return tag;
    }

    /** Sets {@link #getTag()}. */
    public void setTag(String tag) {
        this.tag = tag;
    }

    /** The Revision to send traffic to. */
    public String getRevisionName() {
        return revisionName;
    }

    /** Sets {@link #getRevisionName()}. */
    public void setRevisionName(String revisionName) {
        this.revisionName = revisionName;
    }

    /** The Configuration whose latest ready Revision gets the traffic (spec only). */
    public String getConfigurationName() {
        return configurationName;
    }

    /** Sets {@link #getConfigurationName()}. */
    public void setConfigurationName(String configurationName) {
        this.configurationName = configurationName;
    }

    /** Whether this target follows the latest ready Revision. */
    public Boolean getLatestRevision() {
        return latestRevision;
    }

    /** Sets {@link #getLatestRevision()}. */
    public void setLatestRevision(Boolean latestRevision) {
        this.latestRevision = latestRevision;
    }

    /** Share of traffic, 0 to 100. */
    public Long getPercent() {
        return percent;
    }

    /** Sets {@link #getPercent()}. */
    public void setPercent(Long percent) {
        this.percent = percent;
    }

    /** The tag's URL (status only). */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TrafficTarget that = (TrafficTarget) o;
        return Objects.equals(tag, that.tag)
                && Objects.equals(revisionName, that.revisionName)
                && Objects.equals(configurationName, that.configurationName)
                && Objects.equals(latestRevision, that.latestRevision)
                && Objects.equals(percent, that.percent)
                && Objects.equals(url, that.url)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), tag, revisionName, configurationName, latestRevision, percent,
                url);
    }
}
