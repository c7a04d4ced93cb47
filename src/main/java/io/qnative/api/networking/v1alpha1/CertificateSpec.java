package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a KCertificate ({@code networking/v1alpha1.CertificateSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dnsNames", "domain", "secretName"})
public final class CertificateSpec extends PreservingObject {

    private List<String> dnsNames;
    private String domain;
    private String secretName;

    /** The DNS names the certificate must cover. */
    public List<String> getDnsNames() {
        return dnsNames;
    }

    /** Sets {@link #getDnsNames()}. */
    public void setDnsNames(List<String> dnsNames) {
        this.dnsNames = dnsNames;
    }

    /** The domain the names belong to. */
    public String getDomain() {
        return domain;
    }

    /** Sets {@link #getDomain()}. */
    public void setDomain(String domain) {
        this.domain = domain;
    }

    /** The Secret to store the certificate in. */
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
        CertificateSpec that = (CertificateSpec) o;
        return Objects.equals(dnsNames, that.dnsNames)
                && Objects.equals(domain, that.domain)
                && Objects.equals(secretName, that.secretName)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), dnsNames, domain, secretName);
    }
}
