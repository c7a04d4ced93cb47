package io.qnative.api.networking.v1alpha1;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.qnative.api.duck.PreservingObject;

/**
 * One backend of a path and its share ({@code IngressBackendSplit}, with {@code IngressBackend} inline).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"serviceNamespace", "serviceName", "servicePort", "percent", "appendHeaders"})
public final class IngressBackendSplit extends PreservingObject {

    private String serviceNamespace;
    private String serviceName;
    private IntOrString servicePort;
    private Integer percent;
    private Map<String, String> appendHeaders;

    /** The backend Service's namespace. */
    public String getServiceNamespace() {
        return serviceNamespace;
    }

    /** Sets {@link #getServiceNamespace()}. */
    public void setServiceNamespace(String serviceNamespace) {
        this.serviceNamespace = serviceNamespace;
    }

    /** The backend Service's name. */
    public String getServiceName() {
        return serviceName;
    }

    /** Sets {@link #getServiceName()}. */
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The backend Service port, by number or name. */
    public IntOrString getServicePort() {
        return servicePort;
    }

    /** Sets {@link #getServicePort()}. */
    public void setServicePort(IntOrString servicePort) {
        this.servicePort = servicePort;
    }

    /** Share of the path's traffic, 0 to 100. */
    public Integer getPercent() {
        return percent;
    }

    /** Sets {@link #getPercent()}. */
    public void setPercent(Integer percent) {
        this.percent = percent;
    }

    /** Headers added to requests sent to this backend. */
    public Map<String, String> getAppendHeaders() {
        return appendHeaders;
    }

    /** Sets {@link #getAppendHeaders()}. */
    public void setAppendHeaders(Map<String, String> appendHeaders) {
        this.appendHeaders = appendHeaders;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        IngressBackendSplit that = (IngressBackendSplit) o;
        return Objects.equals(serviceNamespace, that.serviceNamespace)
                && Objects.equals(serviceName, that.serviceName)
                && Objects.equals(servicePort, that.servicePort)
                && Objects.equals(percent, that.percent)
                && Objects.equals(appendHeaders, that.appendHeaders)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), serviceNamespace, serviceName, servicePort, percent,
                appendHeaders);
    }
}
