package io.qnative.api.serving.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.duck.PreservingObject;

/**
 * The template a Configuration stamps Revisions from: Revision metadata (name, labels, annotations) and spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "spec"})
public final class RevisionTemplateSpec extends PreservingObject {

    private ObjectMeta metadata;
    private RevisionSpec spec;

    /** Metadata copied to each Revision; {@code name} is a bring-your-own revision name. */
    public ObjectMeta getMetadata() {
        return metadata;
    }

    /** Sets {@link #getMetadata()}. */
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** The Revision spec. */
    public RevisionSpec getSpec() {
        return spec;
    }

    /** Sets {@link #getSpec()}. */
    public void setSpec(RevisionSpec spec) {
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
        RevisionTemplateSpec that = (RevisionTemplateSpec) o;
        return Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), metadata, spec);
    }
}
