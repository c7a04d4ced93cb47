package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * Which namespace owns a domain ({@code ClusterDomainClaimSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"namespace"})
public final class ClusterDomainClaimSpec extends PreservingObject {

    private String namespace;

    /** The namespace allowed to map the domain. */
    public String getNamespace() {
        return namespace;
    }

    /** Sets {@link #getNamespace()}. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ClusterDomainClaimSpec that = (ClusterDomainClaimSpec) o;
        return Objects.equals(namespace, that.namespace)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), namespace);
    }
}
