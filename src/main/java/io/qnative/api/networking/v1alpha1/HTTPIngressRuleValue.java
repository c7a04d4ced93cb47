package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The HTTP paths of a KIngress rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"paths"})
public final class HTTPIngressRuleValue extends PreservingObject {

    private List<HTTPIngressPath> paths;

    /** Paths, matched in order. */
    public List<HTTPIngressPath> getPaths() {
        return paths;
    }

    /** Sets {@link #getPaths()}. */
    public void setPaths(List<HTTPIngressPath> paths) {
        this.paths = paths;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        HTTPIngressRuleValue that = (HTTPIngressRuleValue) o;
        return Objects.equals(paths, that.paths)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), paths);
    }
}
