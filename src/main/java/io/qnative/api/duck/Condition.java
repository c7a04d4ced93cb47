package io.qnative.api.duck;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One observation about a resource ({@code knative.dev/pkg/apis.Condition}).
 *
 * <p>Status and severity are strings, as on the wire, so a value this version does not know survives a round
 * trip; {@code lastTransitionTime} is the RFC 3339 text (whole seconds, UTC) Knative writes. Conditions are
 * changed through a {@link ConditionManager}, which keeps the timestamps and {@code Ready} consistent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "status", "severity", "lastTransitionTime", "reason", "message"})
public final class Condition extends PreservingObject {

    /** The condition type every living condition set derives: {@code Ready}. */
    public static final String READY = "Ready";
    /** Status {@code True}. */
    public static final String TRUE = "True";
    /** Status {@code False}. */
    public static final String FALSE = "False";
    /** Status {@code Unknown}. */
    public static final String UNKNOWN = "Unknown";
    /** Severity of conditions that do not affect {@code Ready}. Error severity is the absent value. */
    public static final String SEVERITY_INFO = "Info";
    /** Severity {@code Warning}. */
    public static final String SEVERITY_WARNING = "Warning";

    private String type;
    private String status;
    private String severity;
    private String lastTransitionTime;
    private String reason;
    private String message;

    /** An empty condition, for Jackson. */
    public Condition() {
    }

    /** A condition with the given type, status, severity ({@code null} = error), reason and message. */
    public Condition(String type, String status, String severity, String reason, String message) {
        this.type = type;
        this.status = status;
        this.severity = severity;
        this.reason = reason;
        this.message = message;
    }

    /** The condition type, e.g. {@code Ready}. */
    public String getType() {
        return type;
    }

    /** Sets {@link #getType()}. */
    public void setType(String type) {
        this.type = type;
    }

    /** {@code True}, {@code False} or {@code Unknown}. */
    public String getStatus() {
        return status;
    }

    /** Sets {@link #getStatus()}. */
    public void setStatus(String status) {
        this.status = status;
    }

    /** {@code null} (error: affects readiness), {@code Warning} or {@code Info}. */
    public String getSeverity() {
        return severity;
    }

    /** Sets {@link #getSeverity()}. */
    public void setSeverity(String severity) {
        this.severity = severity;
    }

    /** When the condition last changed, RFC 3339 in UTC with whole seconds. */
    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    /** Sets {@link #getLastTransitionTime()}. */
    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    /** One-word CamelCase reason for the last transition. */
    public String getReason() {
        return reason;
    }

    /** Sets {@link #getReason()}. */
    public void setReason(String reason) {
        this.reason = reason;
    }

    /** Human-readable detail of the last transition. */
    public String getMessage() {
        return message;
    }

    /** Sets {@link #getMessage()}. */
    public void setMessage(String message) {
        this.message = message;
    }

    /** Whether the status is {@code True}. */
    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    /** Whether the status is {@code False}. */
    @JsonIgnore
    public boolean isFalse() {
        return FALSE.equals(status);
    }

    /** Whether the status is {@code Unknown} (or anything but True/False). */
    @JsonIgnore
    public boolean isUnknown() {
        return !isTrue() && !isFalse();
    }

    /** Whether this condition has error severity, i.e. can affect {@code Ready}. */
    @JsonIgnore
    public boolean isErrorSeverity() {
        return severity == null || severity.isEmpty();
    }

    /**
     * Whether type, status, severity, reason and message match, ignoring the timestamp and unknown fields:
     * what decides if a condition changed. Empty reason, message and severity equal absent ones.
     */
    public boolean sameState(Condition other) {
        return Objects.equals(type, other.type)
                && Objects.equals(status, other.status)
                && Objects.equals(blankToNull(severity), blankToNull(other.severity))
                && Objects.equals(blankToNull(reason), blankToNull(other.reason))
                && Objects.equals(blankToNull(message), blankToNull(other.message));
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A copy, unknown fields included (shallow). */
    public Condition copy() {
        Condition c = new Condition(type, status, severity, reason, message);
        c.lastTransitionTime = lastTransitionTime;
        getAdditionalProperties().forEach(c::setAdditionalProperty);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        Condition that = (Condition) o;
        return Objects.equals(type, that.type)
                && Objects.equals(status, that.status)
                && Objects.equals(severity, that.severity)
                && Objects.equals(lastTransitionTime, that.lastTransitionTime)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && getAdditionalProperties().equals(that.getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, severity, lastTransitionTime, reason, message, getAdditionalProperties());
    }

    @Override
    public String toString() {
        return type + "=" + status + (reason == null ? "" : " " + reason)
                + (message == null ? "" : " (" + message + ")") + (severity == null ? "" : " [" + severity + "]")
                + (lastTransitionTime == null ? "" : " @" + lastTransitionTime);
    }
}
