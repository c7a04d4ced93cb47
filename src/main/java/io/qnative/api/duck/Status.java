package io.qnative.api.duck;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The status block every Knative kind shares ({@code duckv1.Status}): the generation last reconciled, the
 * conditions and free-form annotations.
 *
 * <p>Each kind's status subclasses this and names its {@link ConditionSet}; conditions change only through
 * {@link #manage(Instant)}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations"})
public class Status extends PreservingObject {

    private Long observedGeneration;
    private List<Condition> conditions;
    private Map<String, String> annotations;

    /** The {@code metadata.generation} the controller last acted on. */
    public Long getObservedGeneration() {
        return observedGeneration;
    }

    /** Sets {@link #getObservedGeneration()}. */
    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** The conditions, sorted by type when written by a {@link ConditionManager}; may be null. */
    public List<Condition> getConditions() {
        return conditions;
    }

    /** Sets {@link #getConditions()}. */
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Status annotations (controller-private state). */
    public Map<String, String> getAnnotations() {
        return annotations;
    }

    /** Sets {@link #getAnnotations()}. */
    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** The condition of the given type, or null. */
    public Condition getCondition(String type) {
        if (conditions == null) {
            return null;
        }
        for (Condition c : conditions) {
            if (c != null && type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    /** The condition set of this kind: {@code Ready} alone unless a subclass says otherwise. */
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return ConditionSet.LIVING;
    }

    /** A manager that changes this status's conditions, stamping changes with {@code now}. */
    public ConditionManager manage(Instant now) {
        return getConditionSet().manage(this, now);
    }

    /** Adds {@code Ready} and the dependents as Unknown where missing ({@code InitializeConditions}). */
    public void initializeConditions(Instant now) {
        manage(now).initializeConditions();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        Status that = (Status) o;
        return Objects.equals(observedGeneration, that.observedGeneration)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(annotations, that.annotations)
                && getAdditionalProperties().equals(that.getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, annotations, getAdditionalProperties());
    }
}
