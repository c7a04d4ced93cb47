package io.qnative.api.duck;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An address a caller can reach ({@code duckv1.Addressable}): the URL plus, for multi-address resources, a
 * name, the CA bundle that signs its certificate and the token audience.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "url", "CACerts", "audience"})
public final class Addressable extends PreservingObject {

    private String name;
    private String url;
    @JsonProperty("CACerts")
    private String caCerts;
    private String audience;

    /** The address's name, for resources that expose several. */
    public String getName() {
        return name;
    }

    /** Sets {@link #getName()}. */
    public void setName(String name) {
        this.name = name;
    }

    /** The URL, e.g. {@code http://foo.ns.svc.cluster.local}. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** PEM CA certificates trusted for this address (JSON {@code CACerts}). */
    @JsonProperty("CACerts")
    public String getCaCerts() {
        return caCerts;
    }

    /** Sets {@link #getCaCerts()}. */
    @JsonProperty("CACerts")
    public void setCaCerts(String caCerts) {
        this.caCerts = caCerts;
    }

    /** The OIDC audience of this address. */
    public String getAudience() {
        return audience;
    }

    /** Sets {@link #getAudience()}. */
    public void setAudience(String audience) {
        this.audience = audience;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        Addressable that = (Addressable) o;
        return Objects.equals(name, that.name)
                && Objects.equals(url, that.url)
                && Objects.equals(caCerts, that.caCerts)
                && Objects.equals(audience, that.audience)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), name, url, caCerts, audience);
    }
}
