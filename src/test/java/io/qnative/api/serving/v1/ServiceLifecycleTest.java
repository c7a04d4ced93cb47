package io.qnative.api.serving.v1;

import static io.qnative.api.serving.v1.RevisionLifecycleTest.assertCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.Condition;
import org.junit.jupiter.api.Test;

/** Cases of Knative's {@code service_lifecycle_test.go}. */
class ServiceLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-26T23:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);

    @Test
    void initializeConditions() {
        ServiceStatus s = fresh();
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        assertCondition(s, ServiceConditions.CONFIGURATIONS_READY, Condition.UNKNOWN, null);
        assertCondition(s, ServiceConditions.ROUTES_READY, Condition.UNKNOWN, null);
    }

    @Test
    void readyConfigurationAndRouteMakeTheServiceReady() {
        ServiceStatus s = fresh();
        s.propagateConfigurationStatus(configuration(Condition.TRUE, null), T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
        s.propagateRouteStatus(route(Condition.TRUE, null), T2);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
        assertThat(s.getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertThat(s.getLatestReadyRevisionName()).isEqualTo("foo-00001");
        assertThat(s.getUrl()).isEqualTo("http://foo.ns.example.com");
        assertThat(s.getAddress().getUrl()).isEqualTo("http://foo.ns.svc.cluster.local");
        assertThat(s.getTraffic()).hasSize(1);
    }

    @Test
    void configurationWithoutReadyOnlyCopiesNames() {
        ServiceStatus s = fresh();
        ConfigurationStatus cs = new ConfigurationStatus();
        cs.setLatestCreatedRevisionName("foo-00001");
        s.propagateConfigurationStatus(cs, T1);
        assertThat(s.getLatestCreatedRevisionName()).isEqualTo("foo-00001");
        assertCondition(s, ServiceConditions.CONFIGURATIONS_READY, Condition.UNKNOWN, null);
    }

    @Test
    void failingRevisionEndsWithTheRoutesReason() {
        ServiceStatus s = fresh();
        s.propagateConfigurationStatus(configuration(Condition.FALSE, "RevisionFailed"), T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionFailed");
        s.propagateRouteStatus(route(Condition.FALSE, "RevisionMissing"), T2);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionMissing");
    }

    @Test
    void configurationUnknownMakesReadyUnknown() {
        ServiceStatus s = fresh();
        s.propagateConfigurationStatus(configuration(Condition.TRUE, null), T0);
        s.propagateRouteStatus(route(Condition.TRUE, null), T0);
        s.propagateConfigurationStatus(configuration(Condition.UNKNOWN, null), T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, null);
    }

    @Test
    void recoveryAfterFailure() {
        ServiceStatus s = fresh();
        s.propagateRouteStatus(route(Condition.TRUE, null), T0);
        s.propagateConfigurationStatus(configuration(Condition.FALSE, "RevisionFailed"), T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionFailed");
        s.propagateConfigurationStatus(configuration(Condition.TRUE, null), T2);
        assertCondition(s, Condition.READY, Condition.TRUE, null);
    }

    @Test
    void notOwned() {
        ServiceStatus s = fresh();
        s.markConfigurationNotOwned("foo", T1);
        assertCondition(s, ServiceConditions.CONFIGURATIONS_READY, Condition.FALSE, "NotOwned");
        assertThat(s.getCondition(Condition.READY).getMessage())
                .isEqualTo("There is an existing Configuration \"foo\" that we do not own.");
        ServiceStatus r = fresh();
        r.markRouteNotOwned("foo", T1);
        assertCondition(r, ServiceConditions.ROUTES_READY, Condition.FALSE, "NotOwned");
        assertThat(r.getCondition(Condition.READY).getMessage())
                .isEqualTo("There is an existing Route \"foo\" that we do not own.");
    }

    @Test
    void outOfDate() {
        ServiceStatus s = fresh();
        s.markConfigurationNotReconciled(T1);
        assertCondition(s, ServiceConditions.CONFIGURATIONS_READY, Condition.UNKNOWN, "OutOfDate");
        assertThat(s.getCondition(ServiceConditions.CONFIGURATIONS_READY).getMessage())
                .isEqualTo("The Configuration is still working to reflect the latest desired specification.");
        s.markRouteNotReconciled(T1);
        assertCondition(s, ServiceConditions.ROUTES_READY, Condition.UNKNOWN, "OutOfDate");
        assertThat(s.getCondition(ServiceConditions.ROUTES_READY).getMessage())
                .isEqualTo("The Route is still working to reflect the latest desired specification.");
    }

    @Test
    void revisionNameTaken() {
        ServiceStatus s = fresh();
        s.markRevisionNameTaken("foo-byo", T1);
        assertCondition(s, Condition.READY, Condition.FALSE, "RevisionNameTaken");
        assertThat(s.getCondition(ServiceConditions.ROUTES_READY).getMessage()).isEqualTo(
                "The revision name \"foo-byo\" is taken by a conflicting Revision, so traffic will not be migrated");
    }

    @Test
    void trafficNotMigrated() {
        ServiceStatus s = fresh();
        s.propagateConfigurationStatus(configuration(Condition.TRUE, null), T0);
        s.propagateRouteStatus(route(Condition.TRUE, null), T0);
        s.markTrafficNotMigrated(T1);
        assertCondition(s, Condition.READY, Condition.UNKNOWN, "TrafficNotMigrated");
        assertThat(s.getCondition(Condition.READY).getMessage())
                .isEqualTo("Traffic is not yet migrated to the latest revision.");
    }

    static ServiceStatus fresh() {
        ServiceStatus s = new ServiceStatus();
        s.initializeConditions(T0);
        return s;
    }

    static ConfigurationStatus configuration(String ready, String reason) {
        ConfigurationStatus cs = new ConfigurationStatus();
        cs.setLatestCreatedRevisionName("foo-00001");
        cs.setLatestReadyRevisionName("foo-00001");
        cs.setConditions(List.of(new Condition(Condition.READY, ready, null, reason, reason == null ? null
                : reason + " message")));
        return cs;
    }

    static RouteStatus route(String ready, String reason) {
        RouteStatus rs = new RouteStatus();
        rs.setUrl("http://foo.ns.example.com");
        Addressable address = new Addressable();
        address.setUrl("http://foo.ns.svc.cluster.local");
        rs.setAddress(address);
        TrafficTarget t = new TrafficTarget();
        t.setRevisionName("foo-00001");
        t.setLatestRevision(true);
        t.setPercent(100L);
        rs.setTraffic(List.of(t));
        rs.setConditions(List.of(new Condition(Condition.READY, ready, null, reason, reason == null ? null
                : reason + " message")));
        return rs;
    }
}
