package io.qnative.api.serving.v1beta1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * A user-provided TLS certificate for a DomainMapping ({@code v1beta1.SecretTLS}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"secretName"})
public final class SecretTLS extends PreservingObject {

    private String secretName;

    /** The Secret, in the DomainMapping's namespace, holding tls.crt and tls.key. */
    public String getSecretName() {
        return secretName;
    }

    /** Sets {@link #getSecretName()}. */
    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SecretTLS that = (SecretTLS) o;
        return Objects.equals(secretName, that.secretName)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), secretName);
    }
}
