package io.qnative.api.certmanager.acme.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/** The fields of a Challenge's spec Knative reads ({@code acmev1.ChallengeSpec}); the rest is kept as read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dnsName", "token", "type"})
public final class ChallengeSpec extends PreservingObject {

    private String dnsName;
    private String token;
    private String type;

    /** The domain being validated (without a {@code *.} wildcard prefix). */
    public String getDnsName() {
        return dnsName;
    }

    /** Sets {@link #getDnsName()}. */
    public void setDnsName(String dnsName) {
        this.dnsName = dnsName;
    }

    /** The ACME token: the last segment of the HTTP-01 path {@code /.well-known/acme-challenge/<token>}. */
    public String getToken() {
        return token;
    }

    /** Sets {@link #getToken()}. */
    public void setToken(String token) {
        this.token = token;
    }

    /** {@code HTTP-01} or {@code DNS-01}. */
    public String getType() {
        return type;
    }

    /** Sets {@link #getType()}. */
    public void setType(String type) {
        this.type = type;
    }
}
