package io.qnative.api.serving.v1;

import java.time.Instant;
import java.util.ArrayList;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * The observed state of a Service ({@code v1.ServiceStatus}): its Configuration's revision names and its Route's
 * URL, address and traffic. Conditions: {@link ServiceConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "latestReadyRevisionName",
        "latestCreatedRevisionName", "url", "address", "traffic"})
public final class ServiceStatus extends Status {

    private String latestReadyRevisionName;
    private String latestCreatedRevisionName;
    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

    /** The newest Revision that became Ready. */
    public String getLatestReadyRevisionName() {
        return latestReadyRevisionName;
    }

    /** Sets {@link #getLatestReadyRevisionName()}. */
    public void setLatestReadyRevisionName(String latestReadyRevisionName) {
        this.latestReadyRevisionName = latestReadyRevisionName;
    }

    /** The last Revision created from the template. */
    public String getLatestCreatedRevisionName() {
        return latestCreatedRevisionName;
    }

    /** Sets {@link #getLatestCreatedRevisionName()}. */
    public void setLatestCreatedRevisionName(String latestCreatedRevisionName) {
        this.latestCreatedRevisionName = latestCreatedRevisionName;
    }

    /** The external URL. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The cluster-internal address. */
    public Addressable getAddress() {
        return address;
    }

    /** Sets {@link #getAddress()}. */
    public void setAddress(Addressable address) {
        this.address = address;
    }

    /** The traffic as actually routed, one entry per resolved target. */
    public List<TrafficTarget> getTraffic() {
        return traffic;
    }

    /** Sets {@link #getTraffic()}. */
    public void setTraffic(List<TrafficTarget> traffic) {
        this.traffic = traffic;
    }

    // ---- lifecycle (service_lifecycle.go); every change is stamped with the given time ----

    /** The message of {@link #markTrafficNotMigrated(Instant)}. */
    public static final String TRAFFIC_NOT_MIGRATED_MESSAGE = "Traffic is not yet migrated to the latest revision.";

    /** ConfigurationsReady False {@code NotOwned}. */
    public void markConfigurationNotOwned(String name, Instant now) {
        manage(now).markFalse(ServiceConditions.CONFIGURATIONS_READY, ServiceConditions.REASON_NOT_OWNED,
                "There is an existing Configuration " + RevisionStatus.quote(name) + " that we do not own.");
    }

    /** RoutesReady False {@code NotOwned}. */
    public void markRouteNotOwned(String name, Instant now) {
        manage(now).markFalse(ServiceConditions.ROUTES_READY, ServiceConditions.REASON_NOT_OWNED,
                "There is an existing Route " + RevisionStatus.quote(name) + " that we do not own.");
    }

    /** ConfigurationsReady Unknown {@code OutOfDate}: the Configuration has not observed its generation. */
    public void markConfigurationNotReconciled(Instant now) {
        manage(now).markUnknown(ServiceConditions.CONFIGURATIONS_READY, ServiceConditions.REASON_OUT_OF_DATE,
                "The Configuration is still working to reflect the latest desired specification.");
    }

    /** RoutesReady Unknown {@code OutOfDate}: the Route has not observed its generation. */
    public void markRouteNotReconciled(Instant now) {
        manage(now).markUnknown(ServiceConditions.ROUTES_READY, ServiceConditions.REASON_OUT_OF_DATE,
                "The Route is still working to reflect the latest desired specification.");
    }

    /** RoutesReady False {@code RevisionNameTaken}: the BYO revision name belongs to a conflicting Revision. */
    public void markRevisionNameTaken(String name, Instant now) {
        manage(now).markFalse(ServiceConditions.ROUTES_READY, ServiceConditions.REASON_REVISION_NAME_TAKEN,
                "The revision name " + RevisionStatus.quote(name)
                        + " is taken by a conflicting Revision, so traffic will not be migrated");
    }

    /** RoutesReady Unknown {@code TrafficNotMigrated} ({@code MarkRouteNotYetReady}). */
    public void markTrafficNotMigrated(Instant now) {
        manage(now).markUnknown(ServiceConditions.ROUTES_READY, ServiceConditions.REASON_TRAFFIC_NOT_MIGRATED,
                TRAFFIC_NOT_MIGRATED_MESSAGE);
    }

    /** Copies the revision names and mirrors the Configuration's Ready into ConfigurationsReady. */
    public void propagateConfigurationStatus(ConfigurationStatus cs, Instant now) {
        latestReadyRevisionName = cs.getLatestReadyRevisionName();
        latestCreatedRevisionName = cs.getLatestCreatedRevisionName();
        mirror(cs.getCondition(Condition.READY), ServiceConditions.CONFIGURATIONS_READY, now);
    }

    /** Copies url, address and traffic and mirrors the Route's Ready into RoutesReady. */
    public void propagateRouteStatus(RouteStatus rs, Instant now) {
        url = rs.getUrl();
        address = rs.getAddress();
        traffic = rs.getTraffic() == null ? null : new ArrayList<>(rs.getTraffic());
        mirror(rs.getCondition(Condition.READY), ServiceConditions.ROUTES_READY, now);
    }

    private void mirror(Condition c, String type, Instant now) {
        if (c == null) {
            return;
        }
        if (c.isTrue()) {
            manage(now).markTrue(type);
        } else if (c.isFalse()) {
            manage(now).markFalse(type, c.getReason(), c.getMessage());
        } else {
            manage(now).markUnknown(type, c.getReason(), c.getMessage());
        }
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return ServiceConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ServiceStatus that = (ServiceStatus) o;
        return Objects.equals(latestReadyRevisionName, that.latestReadyRevisionName)
                && Objects.equals(latestCreatedRevisionName, that.latestCreatedRevisionName)
                && Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && Objects.equals(traffic, that.traffic)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latestReadyRevisionName, latestCreatedRevisionName, url, address,
                traffic);
    }
}
