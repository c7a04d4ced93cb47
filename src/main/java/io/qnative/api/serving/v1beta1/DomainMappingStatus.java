package io.qnative.api.serving.v1beta1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a DomainMapping. Conditions: {@link DomainMappingConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "url", "address"})
public final class DomainMappingStatus extends Status {

    private String url;
    private Addressable address;

    /** The domain's URL, {@code <scheme>://<name>}. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The address, same URL. */
    public Addressable getAddress() {
        return address;
    }

    /** Sets {@link #getAddress()}. */
    public void setAddress(Addressable address) {
        this.address = address;
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return DomainMappingConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        DomainMappingStatus that = (DomainMappingStatus) o;
        return Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), url, address);
    }
}
