package io.qnative.api.duck;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Changes the conditions of one status and keeps {@code Ready} derived from the dependents, exactly as
 * Knative's {@code conditionsImpl} (knative.dev/pkg/apis/condition_set.go):
 *
 * <ul>
 *   <li>a dependent turning False makes Ready False with the same reason and message;</li>
 *   <li>a dependent turning Unknown makes Ready Unknown with its reason, unless some dependent is False;</li>
 *   <li>a dependent turning True makes Ready mirror the most recently changed False dependent, else the most
 *       recently changed Unknown one, else (every dependent present and True) True with no reason;</li>
 *   <li>conditions that are not Ready or a dependent get severity {@code Info} and never touch Ready;</li>
 *   <li>the list stays sorted by type; a condition's {@code lastTransitionTime} moves only when its status,
 *       severity, reason or message changed, and every change made through one manager shares the manager's
 *       single timestamp.</li>
 * </ul>
 *
 * <p>Time is a parameter: the manager never reads a clock.
 */
public final class ConditionManager {

    private static final Instant NEVER = Instant.EPOCH.minusSeconds(1);

    private final ConditionSet set;
    private final Status status;
    private final String now;

    ConditionManager(ConditionSet set, Status status, Instant now) {
        this.set = Objects.requireNonNull(set);
        this.status = Objects.requireNonNull(status);
        this.now = format(now);
    }

    /** RFC 3339 in UTC with whole seconds, as Knative writes {@code lastTransitionTime}. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The condition of the given type, or null. */
    public Condition getCondition(String type) {
        return status.getCondition(type);
    }

    /** Whether {@code Ready} is present and True. */
    public boolean isHappy() {
        Condition c = getCondition(set.happy());
        return c != null && c.isTrue();
    }

    /**
     * Puts {@code cond} in place of the condition of its type. When only the timestamp would differ nothing
     * changes; otherwise the condition gets this pass's timestamp. Keeps the list sorted by type.
     */
    public void setCondition(Condition cond) {
        List<Condition> next = new ArrayList<>();
        if (status.getConditions() != null) {
            for (Condition c : status.getConditions()) {
                if (c == null) {
                    continue;
                }
                if (!Objects.equals(c.getType(), cond.getType())) {
                    next.add(c);
                } else if (c.sameState(cond)) {
                    return;
                }
            }
        }
        Condition stamped = new Condition(cond.getType(), cond.getStatus(), Condition.blankToNull(cond.getSeverity()),
                Condition.blankToNull(cond.getReason()), Condition.blankToNull(cond.getMessage()));
        stamped.setLastTransitionTime(now);
        next.add(stamped);
        next.sort(Comparator.comparing(Condition::getType, Comparator.nullsFirst(Comparator.naturalOrder())));
        status.setConditions(next);
    }

    /** Removes a non-terminal condition; Ready and its dependents cannot be cleared. */
    public void clearCondition(String type) {
        if (set.isTerminal(type)) {
            throw new IllegalArgumentException("clearing terminal condition " + type + " is not supported");
        }
        if (getCondition(type) == null) {
            return;
        }
        List<Condition> next = new ArrayList<>(status.getConditions());
        next.removeIf(c -> c != null && type.equals(c.getType()));
        status.setConditions(next);
    }

    /** Sets {@code type} True, then derives Ready from the dependents. */
    public void markTrue(String type) {
        markTrueWithReason(type, null, null);
    }

    /** Sets {@code type} True with a reason and message, then derives Ready from the dependents. */
    public void markTrueWithReason(String type, String reason, String message) {
        setCondition(new Condition(type, Condition.TRUE, set.severity(type), reason, message));
        Condition unhappy = findUnhappyDependent();
        if (unhappy != null) {
            setCondition(new Condition(set.happy(), unhappy.getStatus(), set.severity(set.happy()),
                    unhappy.getReason(), unhappy.getMessage()));
        } else if (!set.happy().equals(type)) {
            setCondition(new Condition(set.happy(), Condition.TRUE, set.severity(set.happy()), null, null));
        }
    }

    /**
     * Sets {@code type} Unknown; a dependent going Unknown makes Ready Unknown with the same reason, unless a
     * dependent is False, in which case Ready is made (or kept) False.
     */
    public void markUnknown(String type, String reason, String message) {
        setCondition(new Condition(type, Condition.UNKNOWN, set.severity(type), reason, message));
        boolean dependent = false;
        for (String d : set.dependents()) {
            Condition c = getCondition(d);
            if (c != null && c.isFalse()) {
                Condition happy = getCondition(set.happy());
                if (happy == null || !happy.isFalse()) {
                    markFalse(set.happy(), reason, message);
                }
                return;
            }
            if (d.equals(type)) {
                dependent = true;
            }
        }
        if (dependent) {
            setCondition(new Condition(set.happy(), Condition.UNKNOWN, set.severity(set.happy()), reason, message));
        }
    }

    /** Sets {@code type} False; a dependent going False makes Ready False with the same reason and message. */
    public void markFalse(String type, String reason, String message) {
        setCondition(new Condition(type, Condition.FALSE, set.severity(type), reason, message));
        if (set.dependents().contains(type)) {
            setCondition(new Condition(set.happy(), Condition.FALSE, set.severity(set.happy()), reason, message));
        }
    }

    /**
     * Adds a missing Ready as Unknown and missing dependents as Unknown (True if Ready is already True); present
     * conditions are left alone.
     */
    public void initializeConditions() {
        Condition happy = getCondition(set.happy());
        if (happy == null) {
            happy = new Condition(set.happy(), Condition.UNKNOWN, null, null, null);
            setCondition(happy);
        }
        String initial = happy.isTrue() ? Condition.TRUE : Condition.UNKNOWN;
        for (String d : set.dependents()) {
            if (getCondition(d) == null) {
                setCondition(new Condition(d, initial, null, null, null));
            }
        }
    }

    /**
     * The error-severity non-Ready condition Ready should mirror: the most recently changed False one, else the
     * most recently changed Unknown one; a synthetic Unknown if a dependent is missing; null if all are fine.
     * Equal timestamps keep the type order.
     */
    private Condition findUnhappyDependent() {
        if (set.dependents().isEmpty() || status.getConditions() == null) {
            return set.dependents().isEmpty() ? null : new Condition(set.happy(), Condition.UNKNOWN, null, null, null);
        }
        List<Condition> candidates = new ArrayList<>();
        for (Condition c : status.getConditions()) {
            if (c != null && c.isErrorSeverity() && !set.happy().equals(c.getType())) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.comparing((Condition c) -> parse(c.getLastTransitionTime())).reversed());
        for (Condition c : candidates) {
            if (c.isFalse()) {
                return c;
            }
        }
        for (Condition c : candidates) {
            if (c.isUnknown()) {
                return c;
            }
        }
        if (set.dependents().size() > candidates.size()) {
            return new Condition(set.happy(), Condition.UNKNOWN, null, null, null);
        }
        return null;
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return NEVER;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return NEVER;
        }
    }
}
