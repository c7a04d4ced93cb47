package io.qnative.api.duck;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The condition types of one kind: a "happy" type ({@code Ready}) derived from its dependents
 * ({@code apis.NewLivingConditionSet}). Any other condition type is informational: it gets severity
 * {@code Info} and never affects {@code Ready} (e.g. Revision {@code Active}).
 *
 * <p>Immutable; {@link #manage(Status, Instant)} returns the object that changes a status's conditions.
 */
public final class ConditionSet {

    /** The set of a kind whose only condition is {@code Ready} (Configuration, Certificate). */
    public static final ConditionSet LIVING = living();

    /** Reason of {@code Ready=Unknown} while a new generation has not been reconciled yet. */
    public static final String NEW_OBSERVED_GEN_FAILURE = "NewObservedGenFailure";

    private final String happy;
    private final List<String> dependents;

    private ConditionSet(String happy, List<String> dependents) {
        this.happy = Objects.requireNonNull(happy);
        this.dependents = List.copyOf(dependents);
    }

    /** {@code Ready} derived from the given dependent condition types. */
    public static ConditionSet living(String... dependents) {
        return new ConditionSet(Condition.READY, List.of(dependents));
    }

    /** The derived condition type, {@code Ready}. */
    public String happy() {
        return happy;
    }

    /** The condition types {@code Ready} depends on, in declaration order. */
    public List<String> dependents() {
        return dependents;
    }

    /** Whether {@code type} is the happy type or one of its dependents. */
    public boolean isTerminal(String type) {
        return happy.equals(type) || dependents.contains(type);
    }

    /** The severity a condition of this type gets: error ({@code null}) if terminal, else {@code Info}. */
    public String severity(String type) {
        return isTerminal(type) ? null : Condition.SEVERITY_INFO;
    }

    /** A manager over {@code status}'s conditions; every condition it changes gets the timestamp {@code now}. */
    public ConditionManager manage(Status status, Instant now) {
        return new ConditionManager(this, status, now);
    }

    @Override
    public String toString() {
        return happy + " <- " + dependents;
    }
}
