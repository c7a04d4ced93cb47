package io.qnative.api.networking.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;

/** KIngress mark methods the gateway's controller uses (ingress_lifecycle.go). */
class IngressLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static LoadBalancerIngressStatus lb(String internal) {
        LoadBalancerIngressStatus l = new LoadBalancerIngressStatus();
        l.setDomainInternal(internal);
        return l;
    }

    @Test
    void networkConfiguredAndLoadBalancerReadyMakeReady() {
        IngressStatus s = new IngressStatus();
        s.initializeConditions(NOW);
        s.markNetworkConfigured(NOW);
        assertThat(s.getCondition(Condition.READY).getStatus()).isEqualTo(Condition.UNKNOWN);
        s.markLoadBalancerReady(List.of(lb("pub.svc")), List.of(lb("priv.svc")), NOW);
        assertThat(s.getCondition(Condition.READY).isTrue()).isTrue();
        assertThat(s.getPublicLoadBalancer().getIngress()).extracting(LoadBalancerIngressStatus::getDomainInternal)
                .containsExactly("pub.svc");
        assertThat(s.getPrivateLoadBalancer().getIngress()).extracting(LoadBalancerIngressStatus::getDomainInternal)
                .containsExactly("priv.svc");
    }

    @Test
    void notReadyFailedAndNotOwned() {
        IngressStatus s = new IngressStatus();
        s.initializeConditions(NOW);
        s.markLoadBalancerNotReady(NOW);
        assertThat(s.getCondition(IngressConditions.LOAD_BALANCER_READY).getReason()).isEqualTo("Uninitialized");
        s.markLoadBalancerFailed("Boom", "bad", NOW);
        assertThat(s.getCondition(Condition.READY).isFalse()).isTrue();
        IngressStatus o = new IngressStatus();
        o.initializeConditions(NOW);
        o.markResourceNotOwned("Service", "x", NOW);
        assertThat(o.getCondition(IngressConditions.NETWORK_CONFIGURED).getMessage())
                .isEqualTo("There is an existing Service \"x\" that we do not own.");
        IngressStatus n = new IngressStatus();
        n.initializeConditions(NOW);
        n.markIngressNotReady("Programming", "wait", NOW);
        assertThat(n.getCondition(Condition.READY).getReason()).isEqualTo("Programming");
    }
}
