package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The certificate for a set of hosts of a KIngress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"hosts", "secretName", "secretNamespace"})
public final class IngressTLS extends PreservingObject {

    private List<String> hosts;
    private String secretName;
    private String secretNamespace;

    /** The hosts the certificate covers. */
    public List<String> getHosts() {
        return hosts;
    }

    /** Sets {@link #getHosts()}. */
    public void setHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    /** The Secret holding the certificate. */
    public String getSecretName() {
        return secretName;
    }

    /** Sets {@link #getSecretName()}. */
    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    /** The Secret's namespace. */
    public String getSecretNamespace() {
        return secretNamespace;
    }

    /** Sets {@link #getSecretNamespace()}. */
    public void setSecretNamespace(String secretNamespace) {
        this.secretNamespace = secretNamespace;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        IngressTLS that = (IngressTLS) o;
        return Objects.equals(hosts, that.hosts)
                && Objects.equals(secretName, that.secretName)
                && Objects.equals(secretNamespace, that.secretNamespace)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), hosts, secretName, secretNamespace);
    }
}
