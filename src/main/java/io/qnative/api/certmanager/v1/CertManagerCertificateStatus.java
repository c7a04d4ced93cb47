package io.qnative.api.certmanager.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.Status;
import java.util.Objects;

/**
 * The status cert-manager writes: conditions (qnative reads {@code Ready}), {@code notAfter} and
 * {@code renewalTime}; the rest (revision, notBefore, ...) is kept as read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"conditions", "notAfter", "renewalTime"})
public final class CertManagerCertificateStatus extends Status {

    private String notAfter;
    private String renewalTime;

    /** Expiry of the certificate in the Secret, RFC 3339. */
    public String getNotAfter() {
        return notAfter;
    }

    /** Sets {@link #getNotAfter()}. */
    public void setNotAfter(String notAfter) {
        this.notAfter = notAfter;
    }

    /** When cert-manager will renew, RFC 3339. */
    public String getRenewalTime() {
        return renewalTime;
    }

    /** Sets {@link #getRenewalTime()}. */
    public void setRenewalTime(String renewalTime) {
        this.renewalTime = renewalTime;
    }

    /** The {@code Ready} condition, or null when cert-manager has not written one. */
    public Condition ready() {
        return getCondition(Condition.READY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertManagerCertificateStatus that && Objects.equals(notAfter, that.notAfter)
                && Objects.equals(renewalTime, that.renewalTime) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), notAfter, renewalTime);
    }
}
