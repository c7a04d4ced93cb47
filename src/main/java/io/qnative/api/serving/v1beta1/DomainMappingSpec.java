package io.qnative.api.serving.v1beta1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.KReference;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a DomainMapping: the Addressable its domain routes to, and optionally a TLS secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ref", "tls"})
public final class DomainMappingSpec extends PreservingObject {

    private KReference ref;
    private SecretTLS tls;

    /** The Addressable (e.g. a Knative Service) to map the domain to. */
    public KReference getRef() {
        return ref;
    }

    /** Sets {@link #getRef()}. */
    public void setRef(KReference ref) {
        this.ref = ref;
    }

    /** A user-provided certificate for the domain. */
    public SecretTLS getTls() {
        return tls;
    }

    /** Sets {@link #getTls()}. */
    public void setTls(SecretTLS tls) {
        this.tls = tls;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        DomainMappingSpec that = (DomainMappingSpec) o;
        return Objects.equals(ref, that.ref)
                && Objects.equals(tls, that.tls)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), ref, tls);
    }
}
