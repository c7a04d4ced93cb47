package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The deprecated retry policy of a KIngress path ({@code HTTPRetry}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"attempts", "perTryTimeout"})
public final class HTTPRetry extends PreservingObject {

    private Integer attempts;
    private String perTryTimeout;

    /** Number of retries. */
    public Integer getAttempts() {
        return attempts;
    }

    /** Sets {@link #getAttempts()}. */
    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }

    /** Timeout per attempt as a Go duration. */
    public String getPerTryTimeout() {
        return perTryTimeout;
    }

    /** Sets {@link #getPerTryTimeout()}. */
    public void setPerTryTimeout(String perTryTimeout) {
        this.perTryTimeout = perTryTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        HTTPRetry that = (HTTPRetry) o;
        return Objects.equals(attempts, that.attempts)
                && Objects.equals(perTryTimeout, that.perTryTimeout)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), attempts, perTryTimeout);
    }
}
