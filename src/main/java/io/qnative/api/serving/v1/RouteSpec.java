package io.qnative.api.serving.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a Route: the traffic split across Revisions and Configurations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"traffic"})
public final class RouteSpec extends PreservingObject {

    private List<TrafficTarget> traffic;

    /** Traffic targets, in order; percents sum to 100. */
    public List<TrafficTarget> getTraffic() {
        return traffic;
    }

    /** Sets {@link #getTraffic()}. */
    public void setTraffic(List<TrafficTarget> traffic) {
        this.traffic = traffic;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        RouteSpec that = (RouteSpec) o;
        return Objects.equals(traffic, that.traffic)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), traffic);
    }
}
