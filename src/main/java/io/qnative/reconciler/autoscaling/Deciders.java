package io.qnative.reconciler.autoscaling;

import java.time.Duration;
import java.time.Instant;

import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.PodCounter;

/**
 * The PodAutoscaler reconciler's view of the KPA (Knative's {@code Deciders} client of the multiscaler): it keeps a
 * revision's decider and metric collection in line with the PA and reads the latest published decision.
 */
public interface Deciders {

    /** Creates or updates the revision's decider and metric collection; returns its latest published decision. */
    Decision reconcile(RevisionKey key, Parameters params, PodCounter pods, Instant now);

    /** Forgets the revision. */
    void delete(RevisionKey key);

    /**
     * How long the gateway has been the only way to the revision's pods (Knative's SKS {@code ProxyFor}): since the
     * last {@link #routed} with {@code proxied} true that followed a non-proxied one; zero when not proxied.
     */
    Duration proxyFor(RevisionKey key, Instant now);

    /**
     * Records whether Knative would route the revision through the activator now (scale 0 or negative excess burst
     * capacity).
     */
    void routed(RevisionKey key, boolean proxied, Instant now);
}
