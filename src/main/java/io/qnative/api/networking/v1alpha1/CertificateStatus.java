package io.qnative.api.networking.v1alpha1;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a KCertificate. Conditions: {@link CertificateConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "notAfter", "http01Challenges"})
public final class CertificateStatus extends Status {

    private String notAfter;
    private List<HTTP01Challenge> http01Challenges;

    /** Expiry of the issued certificate, RFC 3339. */
    public String getNotAfter() {
        return notAfter;
    }

    /** Sets {@link #getNotAfter()}. */
    public void setNotAfter(String notAfter) {
        this.notAfter = notAfter;
    }

    /** Pending ACME HTTP-01 challenges the ingress must serve. */
    public List<HTTP01Challenge> getHttp01Challenges() {
        return http01Challenges;
    }

    /** Sets {@link #getHttp01Challenges()}. */
    public void setHttp01Challenges(List<HTTP01Challenge> http01Challenges) {
        this.http01Challenges = http01Challenges;
    }

    /** Ready True: the Secret holds a valid certificate ({@code certificate_lifecycle.go} MarkReady). */
    public void markReady(Instant now) {
        manage(now).markTrue(Condition.READY);
    }

    /** Ready Unknown: the certificate is not issued yet ({@code MarkNotReady}). */
    public void markNotReady(String reason, String message, Instant now) {
        manage(now).markUnknown(Condition.READY, reason, message);
    }

    /** Ready False: issuing failed ({@code MarkFailed}). */
    public void markFailed(String reason, String message, Instant now) {
        manage(now).markFalse(Condition.READY, reason, message);
    }

    /** Ready False {@code NotOwned}: a same-named child belongs to someone else ({@code MarkResourceNotOwned}). */
    public void markResourceNotOwned(String kind, String name, Instant now) {
        manage(now).markFalse(Condition.READY, "NotOwned",
                String.format("There is an existing %s \"%s\" that we do not own.", kind, name));
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return CertificateConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        CertificateStatus that = (CertificateStatus) o;
        return Objects.equals(notAfter, that.notAfter)
                && Objects.equals(http01Challenges, that.http01Challenges)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), notAfter, http01Challenges);
    }
}
