package io.qnative.api.networking.v1alpha1;

import io.qnative.api.duck.ConditionSet;

/** Condition types and the condition set of a KIngress ({@code ingress_lifecycle.go}). */
public final class IngressConditions {

    /** The ingress implementation loaded the KIngress. */
    public static final String NETWORK_CONFIGURED = "NetworkConfigured";
    /** The load balancers serve the KIngress. */
    public static final String LOAD_BALANCER_READY = "LoadBalancerReady";
    /** {@code Ready <- NetworkConfigured, LoadBalancerReady}. */
    public static final ConditionSet SET = ConditionSet.living(NETWORK_CONFIGURED, LOAD_BALANCER_READY);

    /** LoadBalancerReady=Unknown: the load balancers are not serving it yet. */
    public static final String REASON_UNINITIALIZED = "Uninitialized";

    private IngressConditions() {
    }
}
