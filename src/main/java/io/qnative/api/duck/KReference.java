package io.qnative.api.duck;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A reference to an object by kind, name and apiVersion ({@code duckv1.KReference}); the namespace defaults to
 * the referrer's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "namespace", "name", "apiVersion", "group", "address"})
public final class KReference extends PreservingObject {

    private String kind;
    private String namespace;
    private String name;
    private String apiVersion;
    private String group;
    private String address;

    /** The referent's kind. */
    public String getKind() {
        return kind;
    }

    /** Sets {@link #getKind()}. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    /** The referent's namespace; empty means the referrer's namespace. */
    public String getNamespace() {
        return namespace;
    }

    /** Sets {@link #getNamespace()}. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** The referent's name. */
    public String getName() {
        return name;
    }

    /** Sets {@link #getName()}. */
    public void setName(String name) {
        this.name = name;
    }

    /** The referent's API version. */
    public String getApiVersion() {
        return apiVersion;
    }

    /** Sets {@link #getApiVersion()}. */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /** The referent's API group, when apiVersion is omitted (feature-gated in Knative). */
    public String getGroup() {
        return group;
    }

    /** Sets {@link #getGroup()}. */
    public void setGroup(String group) {
        this.group = group;
    }

    /** Names one address of a multi-address referent. */
    public String getAddress() {
        return address;
    }

    /** Sets {@link #getAddress()}. */
    public void setAddress(String address) {
        this.address = address;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        KReference that = (KReference) o;
        return Objects.equals(kind, that.kind)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(name, that.name)
                && Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(group, that.group)
                && Objects.equals(address, that.address)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), kind, namespace, name, apiVersion, group, address);
    }
}
