package io.qnative.api.duck;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A JSON object that keeps the fields it does not model.
 *
 * <p>Every qnative API type extends this, so a field a newer client (or a typo) puts into a manifest survives a
 * read-modify-write round trip instead of being silently dropped. Unknown fields are written back after the
 * known ones, in the order they were read.
 */
public abstract class PreservingObject {

    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    /** The fields this type does not model, by JSON name; live view, never null. */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    /** Records one field this type does not model. */
    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    /** True when no unknown field was read or set. */
    @JsonIgnore
    public boolean hasAdditionalProperties() {
        return !additionalProperties.isEmpty();
    }
}
