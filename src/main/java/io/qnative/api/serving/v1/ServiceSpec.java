package io.qnative.api.serving.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a Service: Knative's inline ConfigurationSpec ({@code template}) plus RouteSpec
 * ({@code traffic}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"template", "traffic"})
public final class ServiceSpec extends PreservingObject {

    private RevisionTemplateSpec template;
    private List<TrafficTarget> traffic;

    /** The template handed to the Service's Configuration. */
    public RevisionTemplateSpec getTemplate() {
        return template;
    }

    /** Sets {@link #getTemplate()}. */
    public void setTemplate(RevisionTemplateSpec template) {
        this.template = template;
    }

    /** Traffic targets handed to the Service's Route; defaulted to 100% latest. */
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
        ServiceSpec that = (ServiceSpec) o;
        return Objects.equals(template, that.template)
                && Objects.equals(traffic, that.traffic)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), template, traffic);
    }
}
