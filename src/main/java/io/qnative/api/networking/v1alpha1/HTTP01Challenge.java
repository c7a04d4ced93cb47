package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.qnative.api.duck.PreservingObject;

/**
 * An ACME HTTP-01 challenge to route to the solver ({@code HTTP01Challenge}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"url", "serviceName", "serviceNamespace", "servicePort"})
public final class HTTP01Challenge extends PreservingObject {

    private String url;
    private String serviceName;
    private String serviceNamespace;
    private IntOrString servicePort;

    /** The challenge URL. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The solver Service. */
    public String getServiceName() {
        return serviceName;
    }

    /** Sets {@link #getServiceName()}. */
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The solver Service's namespace. */
    public String getServiceNamespace() {
        return serviceNamespace;
    }

    /** Sets {@link #getServiceNamespace()}. */
    public void setServiceNamespace(String serviceNamespace) {
        this.serviceNamespace = serviceNamespace;
    }

    /** The solver Service port. */
    public IntOrString getServicePort() {
        return servicePort;
    }

    /** Sets {@link #getServicePort()}. */
    public void setServicePort(IntOrString servicePort) {
        this.servicePort = servicePort;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        HTTP01Challenge that = (HTTP01Challenge) o;
        return Objects.equals(url, that.url)
                && Objects.equals(serviceName, that.serviceName)
                && Objects.equals(serviceNamespace, that.serviceNamespace)
                && Objects.equals(servicePort, that.servicePort)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), url, serviceName, serviceNamespace, servicePort);
    }
}
