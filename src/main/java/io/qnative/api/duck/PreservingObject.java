package io.qnative.api.duck;

import java.util.Collections;
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

    /**
     * Null until an unknown field is read or set: most objects have none, and at a thousand ksvcs the informer
     * caches hold tens of thousands of these objects (docs/memory-and-startup.md).
     */
    private Map<String, Object> additionalProperties;

    /** The fields this type does not model, by JSON name; never null, read-only (add with the setter). */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties == null ? Map.of() : Collections.unmodifiableMap(additionalProperties);
    }

    /** Records one field this type does not model. */
    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        if (additionalProperties == null || additionalProperties.isEmpty()) {
            // (an empty map may be a shared immutable one: io.qnative.kube.SlimObjects)
            additionalProperties = new LinkedHashMap<>();
        }
        additionalProperties.put(name, value);
    }

    /** True when no unknown field was read or set. */
    @JsonIgnore
    public boolean hasAdditionalProperties() {
        return additionalProperties != null && !additionalProperties.isEmpty();
    }
}
