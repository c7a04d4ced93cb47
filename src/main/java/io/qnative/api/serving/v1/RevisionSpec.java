package io.qnative.api.serving.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * The spec of a Revision ({@code v1.RevisionSpec}): a full Kubernetes pod spec, inline as Go embeds
 * {@code corev1.PodSpec}, plus Knative's four fields. Its JSON has the pod-spec fields at top level next to
 * {@code containerConcurrency}, {@code timeoutSeconds}, {@code responseStartTimeoutSeconds} and
 * {@code idleTimeoutSeconds}.
 *
 * <p>Unknown fields land in the inherited {@code additionalProperties}. Note that fabric8's pod-spec lists and
 * maps are written only when non-empty, so an explicit {@code []} inside the pod spec is not echoed back (it means
 * the same as absent to Kubernetes). {@link PodSpec#edit()} returns a plain pod-spec builder, which drops the
 * Knative fields.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionSpec extends PodSpec {

    private Long containerConcurrency;
    private Long timeoutSeconds;
    private Long responseStartTimeoutSeconds;
    private Long idleTimeoutSeconds;

    /** Maximum in-flight requests per replica; 0 means unlimited. */
    public Long getContainerConcurrency() {
        return containerConcurrency;
    }

    /** Sets {@link #getContainerConcurrency()}. */
    public void setContainerConcurrency(Long containerConcurrency) {
        this.containerConcurrency = containerConcurrency;
    }

    /** Maximum request duration in seconds. */
    public Long getTimeoutSeconds() {
        return timeoutSeconds;
    }

    /** Sets {@link #getTimeoutSeconds()}. */
    public void setTimeoutSeconds(Long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Seconds a request may wait for the first response byte. */
    public Long getResponseStartTimeoutSeconds() {
        return responseStartTimeoutSeconds;
    }

    /** Sets {@link #getResponseStartTimeoutSeconds()}. */
    public void setResponseStartTimeoutSeconds(Long responseStartTimeoutSeconds) {
        this.responseStartTimeoutSeconds = responseStartTimeoutSeconds;
    }

    /** Seconds a request may stay idle (no bytes) before it is cut. */
    public Long getIdleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    /** Sets {@link #getIdleTimeoutSeconds()}. */
    public void setIdleTimeoutSeconds(Long idleTimeoutSeconds) {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    /**
     * The serving container ({@code RevisionSpec.GetContainer}): the only container, else the first one with ports;
     * an empty container when there is none (unreachable after validation).
     */
    @JsonIgnore
    public Container servingContainer() {
        int i = servingContainerIndex();
        return i < 0 ? new Container() : getContainers().get(i);
    }

    /** The index of {@link #servingContainer()} in {@code containers}, or -1 when there is none. */
    @JsonIgnore
    public int servingContainerIndex() {
        List<Container> containers = getContainers();
        if (containers == null || containers.isEmpty()) {
            return -1;
        }
        if (containers.size() == 1) {
            return 0;
        }
        for (int i = 0; i < containers.size(); i++) {
            if (containers.get(i).getPorts() != null && !containers.get(i).getPorts().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** {@code GetContainerConcurrency}: the set value, else Knative's original default 0. */
    @JsonIgnore
    public long containerConcurrencyOrDefault() {
        return containerConcurrency == null ? 0 : containerConcurrency;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof RevisionSpec;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RevisionSpec that) || !that.canEqual(this)) {
            return false;
        }
        return Objects.equals(containerConcurrency, that.containerConcurrency)
                && Objects.equals(timeoutSeconds, that.timeoutSeconds)
                && Objects.equals(responseStartTimeoutSeconds, that.responseStartTimeoutSeconds)
                && Objects.equals(idleTimeoutSeconds, that.idleTimeoutSeconds)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), containerConcurrency, timeoutSeconds, responseStartTimeoutSeconds,
                idleTimeoutSeconds);
    }
}
