package io.qnative.reconciler.route.traffic;

/**
 * One spec traffic target flattened to a Revision ({@code traffic.RevisionTarget}).
 *
 * @param tag the target's tag, {@code ""} for none
 * @param configurationName the Configuration (named in spec, or the Revision's labelled one), may be null
 * @param revisionName the Revision that gets the traffic
 * @param latestRevision whether the target follows the Configuration's latest ready Revision
 * @param percent share of the Route's traffic
 * @param protocol the Revision's protocol, which picks the service port
 */
public record RevisionTarget(String tag, String configurationName, String revisionName, boolean latestRevision,
        long percent, Protocol protocol) {

    /** The same target with another tag. */
    public RevisionTarget withTag(String t) {
        return new RevisionTarget(t, configurationName, revisionName, latestRevision, percent, protocol);
    }

    /** The same target with another percent. */
    public RevisionTarget withPercent(long p) {
        return new RevisionTarget(tag, configurationName, revisionName, latestRevision, p, protocol);
    }
}
