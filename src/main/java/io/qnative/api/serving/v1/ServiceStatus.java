package io.qnative.api.serving.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a Service ({@code v1.ServiceStatus}): its Configuration's revision names and its Route's
 * URL, address and traffic. Conditions: {@link ServiceConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "latestReadyRevisionName",
        "latestCreatedRevisionName", "url", "address", "traffic"})
public final class ServiceStatus extends Status {

    private String latestReadyRevisionName;
    private String latestCreatedRevisionName;
    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

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

    /** The external URL. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The cluster-internal address. */
    public Addressable getAddress() {
        return address;
    }

    /** Sets {@link #getAddress()}. */
    public void setAddress(Addressable address) {
        this.address = address;
    }

    /** The traffic as actually routed, one entry per resolved target. */
    public List<TrafficTarget> getTraffic() {
        return traffic;
    }

    /** Sets {@link #getTraffic()}. */
    public void setTraffic(List<TrafficTarget> traffic) {
        this.traffic = traffic;
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return ServiceConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ServiceStatus that = (ServiceStatus) o;
        return Objects.equals(latestReadyRevisionName, that.latestReadyRevisionName)
                && Objects.equals(latestCreatedRevisionName, that.latestCreatedRevisionName)
                && Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && Objects.equals(traffic, that.traffic)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latestReadyRevisionName, latestCreatedRevisionName, url, address,
                traffic);
    }
}
