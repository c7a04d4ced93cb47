package io.qnative.api.serving.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;

/**
 * The desired state of a Configuration: the template of its next Revision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"template"})
public final class ConfigurationSpec extends PreservingObject {

    private RevisionTemplateSpec template;

    /** The template of the Revisions this Configuration creates. */
    public RevisionTemplateSpec getTemplate() {
        return template;
    }

    /** Sets {@link #getTemplate()}. */
    public void setTemplate(RevisionTemplateSpec template) {
        this.template = template;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConfigurationSpec that = (ConfigurationSpec) o;
        return Objects.equals(template, that.template)
                && getAdditionalProperties().equals(((PreservingObject) o).getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getAdditionalProperties(), template);
    }
}
