package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * One path of a KIngress rule and how its traffic splits across backends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "headers", "rewriteHost", "splits", "appendHeaders"})
public final class HTTPIngressPath extends PreservingObject {

    private String path;
    private Map<String, HeaderMatch> headers;
    private String rewriteHost;
    private List<IngressBackendSplit> splits;
    private Map<String, String> appendHeaders;

    /** Path prefix (regular expression in Knative's contract); empty matches all. */
    public String getPath() {
        return path;
    }

    /** Sets {@link #getPath()}. */
    public void setPath(String path) {
        this.path = path;
    }

    /** Headers a request must carry to match. */
    public Map<String, HeaderMatch> getHeaders() {
        return headers;
    }

    /** Sets {@link #getHeaders()}. */
    public void setHeaders(Map<String, HeaderMatch> headers) {
        this.headers = headers;
    }

    /** Host header to send to the backends instead of the request's. */
    public String getRewriteHost() {
        return rewriteHost;
    }

    /** Sets {@link #getRewriteHost()}. */
    public void setRewriteHost(String rewriteHost) {
        this.rewriteHost = rewriteHost;
    }

    /** Backends and their shares. */
    public List<IngressBackendSplit> getSplits() {
        return splits;
    }

    /** Sets {@link #getSplits()}. */
    public void setSplits(List<IngressBackendSplit> splits) {
        this.splits = splits;
    }

    /** Headers added to every request matched by this path. */
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
        HTTPIngressPath that = (HTTPIngressPath) o;
        return Objects.equals(path, that.path)
                && Objects.equals(headers, that.headers)
                && Objects.equals(rewriteHost, that.rewriteHost)
                && Objects.equals(splits, that.splits)
                && Objects.equals(appendHeaders, that.appendHeaders)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), path, headers, rewriteHost, splits, appendHeaders);
    }
}
