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
 * The observed state of a Route ({@code v1.RouteStatus}). Conditions: {@link RouteConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "url", "address", "traffic"})
public final class RouteStatus extends Status {

    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

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
        return RouteConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        RouteStatus that = (RouteStatus) o;
        return Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && Objects.equals(traffic, that.traffic)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), url, address, traffic);
    }
}
