package io.qnative.reconciler.route.traffic;

import java.time.Instant;

import io.qnative.api.serving.v1.RouteStatus;

/**
 * Why a traffic target cannot be routed yet ({@code traffic.TargetError}). A failure (something the user must fix)
 * outranks a not-yet-ready target when several targets are bad.
 */
public sealed interface TargetError permits TargetError.Missing, TargetError.UnreadyConfiguration,
        TargetError.UnreadyRevision, TargetError.RevisionNotOwned {

    /** Whether this is a true failure rather than something still in progress. */
    boolean isFailure();

    /** Marks AllTrafficAssigned on the Route's status accordingly. */
    void markBadTrafficTarget(RouteStatus status, Instant now);

    /** The error text Knative logs ({@code Error()}). */
    String message();

    /** A referenced Configuration or Revision does not exist: False {@code <Kind>Missing}. */
    record Missing(String kind, String name) implements TargetError {
        @Override
        public boolean isFailure() {
            return true;
        }

        @Override
        public void markBadTrafficTarget(RouteStatus status, Instant now) {
            status.markMissingTrafficTarget(kind, name, now);
        }

        @Override
        public String message() {
            return kind + " \"" + name + "\" referenced in traffic not found";
        }
    }

    /** The Configuration has no ready Revision: False if its Ready is False, else Unknown; {@code RevisionMissing}. */
    record UnreadyConfiguration(String name, boolean isFailure) implements TargetError {
        @Override
        public void markBadTrafficTarget(RouteStatus status, Instant now) {
            if (isFailure) {
                status.markConfigurationFailed(name, now);
            } else {
                status.markConfigurationNotReady(name, now);
            }
        }

        @Override
        public String message() {
            return "Configuration \"" + name + "\" not ready, isFailure=" + isFailure;
        }
    }

    /** The Revision is not ready: False if its Ready is False, else Unknown; {@code RevisionMissing}. */
    record UnreadyRevision(String name, boolean isFailure) implements TargetError {
        @Override
        public void markBadTrafficTarget(RouteStatus status, Instant now) {
            if (isFailure) {
                status.markRevisionFailed(name, now);
            } else {
                status.markRevisionNotReady(name, now);
            }
        }

        @Override
        public String message() {
            return "Revision \"" + name + "\" not ready, isFailure=" + isFailure;
        }
    }

    /** The Revision belongs to another Service than the Route's: False {@code RevisionNotOwned}. */
    record RevisionNotOwned(String name, String service) implements TargetError {
        @Override
        public boolean isFailure() {
            return true;
        }

        @Override
        public void markBadTrafficTarget(RouteStatus status, Instant now) {
            status.markRevisionNotOwned(name, service, now);
        }

        @Override
        public String message() {
            return "Revision \"" + name + "\" is not owned by Service \"" + service + "\"";
        }
    }
}
