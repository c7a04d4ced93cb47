package io.qnative.api.networking.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.PreservingObject;
import io.qnative.api.networking.NetworkingKeys;

/**
 * A ClusterDomainClaim (internal, cluster-scoped): grants the namespace in its spec the right to map the domain
 * that is its name with a DomainMapping. It has no status.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
@Group(NetworkingKeys.INTERNAL_GROUP)
@Version(ClusterDomainClaim.VERSION)
@Kind("ClusterDomainClaim")
@Plural("clusterdomainclaims")
@Singular("clusterdomainclaim")
@Categories({"knative-internal", "networking"})
@ShortNames({"cdc"})
public class ClusterDomainClaim extends PreservingObject implements HasMetadata {

    /** The API version of this kind. */
    public static final String VERSION = "v1alpha1";

    private String apiVersion = HasMetadata.getApiVersion(ClusterDomainClaim.class);
    private String kind = HasMetadata.getKind(ClusterDomainClaim.class);
    private ObjectMeta metadata;
    private ClusterDomainClaimSpec spec;

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    /** Sets {@link #getKind()}. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** The claim: which namespace owns the domain. */
    public ClusterDomainClaimSpec getSpec() {
        return spec;
    }

    /** Sets {@link #getSpec()}. */
    public void setSpec(ClusterDomainClaimSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ClusterDomainClaim that = (ClusterDomainClaim) o;
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec)
                && getAdditionalProperties().equals(that.getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata, spec, getAdditionalProperties());
    }
}
