package io.qnative.api.serving.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The resolved image of one container of a Revision ({@code v1.ContainerStatus}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "imageDigest"})
public final class ContainerStatus extends PreservingObject {

    private String name;
    private String imageDigest;

    /** The container's name. */
    public String getName() {
        return name;
    }

    /** Sets {@link #getName()}. */
    public void setName(String name) {
        this.name = name;
    }

    /** The image by digest, {@code repo@sha256:...}, or empty when resolution was skipped. */
    public String getImageDigest() {
        return imageDigest;
    }

    /** Sets {@link #getImageDigest()}. */
    public void setImageDigest(String imageDigest) {
        this.imageDigest = imageDigest;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ContainerStatus that = (ContainerStatus) o;
        return Objects.equals(name, that.name)
                && Objects.equals(imageDigest, that.imageDigest)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), name, imageDigest);
    }
}
