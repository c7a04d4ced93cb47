package io.qnative.api.networking.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a KIngress ({@code networking/v1alpha1.IngressSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tls", "rules", "httpOption"})
public final class IngressSpec extends PreservingObject {

    private List<IngressTLS> tls;
    private List<IngressRule> rules;
    private String httpOption;

    /** TLS settings per host set. */
    public List<IngressTLS> getTls() {
        return tls;
    }

    /** Sets {@link #getTls()}. */
    public void setTls(List<IngressTLS> tls) {
        this.tls = tls;
    }

    /** Host rules, in order. */
    public List<IngressRule> getRules() {
        return rules;
    }

    /** Sets {@link #getRules()}. */
    public void setRules(List<IngressRule> rules) {
        this.rules = rules;
    }

    /** {@code Enabled} or {@code Redirected} (plain HTTP redirected to HTTPS). */
    public String getHttpOption() {
        return httpOption;
    }

    /** Sets {@link #getHttpOption()}. */
    public void setHttpOption(String httpOption) {
        this.httpOption = httpOption;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        IngressSpec that = (IngressSpec) o;
        return Objects.equals(tls, that.tls)
                && Objects.equals(rules, that.rules)
                && Objects.equals(httpOption, that.httpOption)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), tls, rules, httpOption);
    }
}
