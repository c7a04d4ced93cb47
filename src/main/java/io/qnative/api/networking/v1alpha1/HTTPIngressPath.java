package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * One path of a KIngress rule and how its traffic splits across backends.
 *
 * <p>{@code timeout} and {@code retries} are older Knative fields no longer written; they are modelled so KIngresses
 * that carry them are neither pruned nor rejected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"path", "rewriteHost", "headers", "splits", "appendHeaders", "timeout", "retries"})
public final class HTTPIngressPath extends PreservingObject {

    private String path;
    private String rewriteHost;
    private Map<String, HeaderMatch> headers;
    private List<IngressBackendSplit> splits;
    private Map<String, String> appendHeaders;
    private String timeout;
    private HTTPRetry retries;

    /** Path prefix (regular expression in Knative's contract); empty matches all. */
    public String getPath() {
        return path;
    }

    /** Sets {@link #getPath()}. */
    public void setPath(String path) {
        this.path = path;
    }

    /** Host header to send to the backends instead of the request's. */
    public String getRewriteHost() {
        return rewriteHost;
    }

    /** Sets {@link #getRewriteHost()}. */
    public void setRewriteHost(String rewriteHost) {
        this.rewriteHost = rewriteHost;
    }

    /** Headers a request must carry to match. */
    public Map<String, HeaderMatch> getHeaders() {
        return headers;
    }

    /** Sets {@link #getHeaders()}. */
    public void setHeaders(Map<String, HeaderMatch> headers) {
        this.headers = headers;
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

    /** Deprecated: request timeout as a Go duration, e.g. {@code 10s}. */
    public String getTimeout() {
        return timeout;
    }

    /** Sets {@link #getTimeout()}. */
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    /** Deprecated: retry policy. */
    public HTTPRetry getRetries() {
        return retries;
    }

    /** Sets {@link #getRetries()}. */
    public void setRetries(HTTPRetry retries) {
        this.retries = retries;
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
                && Objects.equals(rewriteHost, that.rewriteHost)
                && Objects.equals(headers, that.headers)
                && Objects.equals(splits, that.splits)
                && Objects.equals(appendHeaders, that.appendHeaders)
                && Objects.equals(timeout, that.timeout)
                && Objects.equals(retries, that.retries)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), path, rewriteHost, headers, splits, appendHeaders, timeout,
                retries);
    }
}
