package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Route status mark methods (route_lifecycle.go; pkg/reconciler/route/route.go) as a table: each row applies marks to a
 * fresh, initialized status and states the touched condition and the derived Ready as
 * {@code status/reason} ({@code -} = no reason).
 */
class RouteLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final String ATA = RouteConditions.ALL_TRAFFIC_ASSIGNED;
    static final String IR = RouteConditions.INGRESS_READY;
    static final String CP = RouteConditions.CERTIFICATE_PROVISIONED;

    record Row(String name, List<BiConsumer<RouteStatus, Instant>> marks, String type, String want, String ready,
            String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BiConsumer<RouteStatus, Instant>> allGood() {
        return List.of(RouteStatus::markTrafficAssigned, (s, t) -> s.propagateIngressStatus(ingressReady(), t),
                (s, t) -> s.markTLSNotEnabled(RouteConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, t));
    }

    static List<BiConsumer<RouteStatus, Instant>> plus(BiConsumer<RouteStatus, Instant> m) {
        List<BiConsumer<RouteStatus, Instant>> l = new java.util.ArrayList<>(allGood());
        l.add(m);
        return l;
    }

    static IngressStatus ingressReady() {
        IngressStatus s = new IngressStatus();
        s.markNetworkConfigured(NOW);
        s.markLoadBalancerReady(List.of(), List.of(), NOW);
        return s;
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("initialized", List.of(), ATA, "Unknown/-", "Unknown/-", null),
                new Row("all true", allGood(), CP, "True/TLSNotEnabled", "True/-",
                        "external-domain-tls is not enabled"),
                new Row("configuration not ready", plus((s, t) -> s.markConfigurationNotReady("cfg", t)), ATA,
                        "Unknown/RevisionMissing", "Unknown/RevisionMissing",
                        "Configuration \"cfg\" is waiting for a Revision to become ready."),
                new Row("configuration failed", plus((s, t) -> s.markConfigurationFailed("cfg", t)), ATA,
                        "False/RevisionMissing", "False/RevisionMissing",
                        "Configuration \"cfg\" does not have any ready Revision."),
                new Row("revision not ready", plus((s, t) -> s.markRevisionNotReady("rev", t)), ATA,
                        "Unknown/RevisionMissing", "Unknown/RevisionMissing", "Revision \"rev\" is not yet ready."),
                new Row("revision failed", plus((s, t) -> s.markRevisionFailed("rev", t)), ATA,
                        "False/RevisionMissing", "False/RevisionMissing", "Revision \"rev\" failed to become ready."),
                new Row("missing revision", plus((s, t) -> s.markMissingTrafficTarget("Revision", "rev", t)), ATA,
                        "False/RevisionMissing", "False/RevisionMissing",
                        "Revision \"rev\" referenced in traffic not found."),
                new Row("missing configuration", plus((s, t) -> s.markMissingTrafficTarget("Configuration", "c", t)),
                        ATA, "False/ConfigurationMissing", "False/ConfigurationMissing",
                        "Configuration \"c\" referenced in traffic not found."),
                new Row("revision not owned", plus((s, t) -> s.markRevisionNotOwned("rev", "svc", t)), ATA,
                        "False/RevisionNotOwned", "False/RevisionNotOwned",
                        "Revision \"rev\" referenced in traffic is not owned by Service \"svc\"."),
                new Row("error config", plus((s, t) -> s.markRevisionTargetTrafficError("ErrorConfig", "bad", t)),
                        ATA, "False/ErrorConfig", "False/ErrorConfig", "bad"),
                new Row("unknown traffic error", plus((s, t) -> s.markUnknownTrafficError("boom", t)), ATA,
                        "Unknown/Unknown", "Unknown/Unknown", "boom"),
                new Row("ingress not configured", plus(RouteStatus::markIngressNotConfigured), IR,
                        "Unknown/IngressNotConfigured", "Unknown/IngressNotConfigured",
                        "Ingress has not yet been reconciled."),
                new Row("rollout in progress", plus(RouteStatus::markIngressRolloutInProgress), IR,
                        "Unknown/RolloutInProgress", "Unknown/RolloutInProgress",
                        "A gradual rollout of the latest revision(s) is in progress."),
                new Row("placeholder service not owned", plus((s, t) -> s.markServiceNotOwned("foo", t)), IR,
                        "False/NotOwned", "False/NotOwned",
                        "There is an existing placeholder Service \"foo\" that we do not own."),
                new Row("ingress without Ready", plus((s, t) -> s.propagateIngressStatus(new IngressStatus(), t)), IR,
                        "Unknown/IngressNotConfigured", "Unknown/IngressNotConfigured",
                        "Ingress has not yet been reconciled."),
                new Row("ingress failed", plus((s, t) -> {
                    IngressStatus st = new IngressStatus();
                    st.markLoadBalancerFailed("Boom", "lb failed", NOW);
                    s.propagateIngressStatus(st, t);
                }), IR, "False/Boom", "False/Boom", "lb failed"),
                new Row("ingress in progress", plus((s, t) -> {
                    IngressStatus st = new IngressStatus();
                    st.initializeConditions(NOW);
                    st.markLoadBalancerNotReady(NOW);
                    s.propagateIngressStatus(st, t);
                }), IR, "Unknown/Uninitialized", "Unknown/Uninitialized", "Waiting for load balancer to be ready"),
                new Row("tls for cluster-local", plus((s, t) -> s.markTLSNotEnabled(
                        RouteConditions.TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE, t)), CP, "True/TLSNotEnabled",
                        "True/-", "TLS is not enabled for cluster-local"),
                new Row("certificate not ready", plus((s, t) -> s.markCertificateNotReady("c1", t)), CP,
                        "Unknown/CertificateNotReady", "Unknown/CertificateNotReady", "Certificate c1 is not ready."),
                new Row("certificate failed", plus((s, t) -> s.markCertificateProvisionFailed("c1", t)), CP,
                        "False/CertificateProvisionFailed", "False/CertificateProvisionFailed",
                        "Certificate c1 fails to be provisioned."),
                new Row("certificate not owned", plus((s, t) -> s.markCertificateNotOwned("c1", t)), CP,
                        "False/CertificateNotOwned", "False/CertificateNotOwned",
                        "There is an existing certificate c1 that we don't own."),
                new Row("http downgrade", plus((s, t) -> s.markHTTPDowngrade("c1", t)), CP, "True/HTTPDowngrade",
                        "True/-", "Certificate c1 is not ready downgrade HTTP."),
                new Row("recovers after a failure", List.of((s, t) -> s.markRevisionFailed("rev", t),
                        RouteStatus::markTrafficAssigned, (s, t) -> s.propagateIngressStatus(ingressReady(), t),
                        (s, t) -> s.markTLSNotEnabled(RouteConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, t)),
                        ATA, "True/-", "True/-", null));
    }

    static String state(Condition c) {
        return c == null ? "absent" : c.getStatus() + "/" + (c.getReason() == null ? "-" : c.getReason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void marks(Row row) {
        RouteStatus s = new RouteStatus();
        s.initializeConditions(NOW);
        for (BiConsumer<RouteStatus, Instant> m : row.marks) {
            m.accept(s, NOW);
        }
        assertThat(state(s.getCondition(row.type))).isEqualTo(row.want);
        assertThat(state(s.getCondition(Condition.READY))).isEqualTo(row.ready);
        if (row.message != null) {
            assertThat(s.getCondition(row.type).getMessage()).isEqualTo(row.message);
        }
        assertThat(s.getConditions()).extracting(Condition::getType)
                .containsExactly(ATA, CP, IR, Condition.READY);
    }

    @Test
    void marksStampTheGivenTime() {
        RouteStatus s = new RouteStatus();
        s.initializeConditions(NOW);
        s.markRevisionFailed("rev", NOW.plusSeconds(5));
        assertThat(s.getCondition(ATA).getLastTransitionTime()).isEqualTo("2026-11-26T12:00:05Z");
        assertThat(s.getCondition(CP).getLastTransitionTime()).isEqualTo("2026-11-26T12:00:00Z");
    }
}
