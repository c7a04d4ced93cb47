package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The routing of a set of hosts of a KIngress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"hosts", "visibility", "http"})
public final class IngressRule extends PreservingObject {

    private List<String> hosts;
    private String visibility;
    private HTTPIngressRuleValue http;

    /** The hosts this rule matches. */
    public List<String> getHosts() {
        return hosts;
    }

    /** Sets {@link #getHosts()}. */
    public void setHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    /** {@code ExternalIP} or {@code ClusterLocal}. */
    public String getVisibility() {
        return visibility;
    }

    /** Sets {@link #getVisibility()}. */
    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    /** The HTTP paths. */
    public HTTPIngressRuleValue getHttp() {
        return http;
    }

    /** Sets {@link #getHttp()}. */
    public void setHttp(HTTPIngressRuleValue http) {
        this.http = http;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        IngressRule that = (IngressRule) o;
        return Objects.equals(hosts, that.hosts)
                && Objects.equals(visibility, that.visibility)
                && Objects.equals(http, that.http)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), hosts, visibility, http);
    }
}
