package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * How a request header must match ({@code HeaderMatch}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"exact"})
public final class HeaderMatch extends PreservingObject {

    private String exact;

    /** The exact value. */
    public String getExact() {
        return exact;
    }

    /** Sets {@link #getExact()}. */
    public void setExact(String exact) {
        this.exact = exact;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        HeaderMatch that = (HeaderMatch) o;
        return Objects.equals(exact, that.exact)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), exact);
    }
}
