package io.qnative.api.serving.v1;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;
import io.qnative.api.networking.v1alpha1.IngressStatus;

/**
 * The observed state of a Route ({@code v1.RouteStatus}). Conditions: {@link RouteConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "url", "address", "traffic"})
public final class RouteStatus extends Status {

    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

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

    // ---- lifecycle (route_lifecycle.go): every change goes through the condition set, stamped with now ----

    /** AllTrafficAssigned True: every target resolved to a ready Revision. */
    public void markTrafficAssigned(Instant now) {
        manage(now).markTrue(RouteConditions.ALL_TRAFFIC_ASSIGNED);
    }

    /** AllTrafficAssigned Unknown {@code Unknown}: resolving traffic failed for a reason other than a target. */
    public void markUnknownTrafficError(String message, Instant now) {
        manage(now).markUnknown(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_UNKNOWN, message);
    }

    /** AllTrafficAssigned False with the given reason, e.g. {@code ErrorConfig} for a bad domain. */
    public void markRevisionTargetTrafficError(String reason, String message, Instant now) {
        manage(now).markFalse(RouteConditions.ALL_TRAFFIC_ASSIGNED, reason, message);
    }

    /** AllTrafficAssigned Unknown {@code RevisionMissing}: the Configuration has no ready Revision yet. */
    public void markConfigurationNotReady(String name, Instant now) {
        manage(now).markUnknown(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_REVISION_MISSING,
                "Configuration " + quote(name) + " is waiting for a Revision to become ready.");
    }

    /** AllTrafficAssigned False {@code RevisionMissing}: the Configuration failed and has no ready Revision. */
    public void markConfigurationFailed(String name, Instant now) {
        manage(now).markFalse(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_REVISION_MISSING,
                "Configuration " + quote(name) + " does not have any ready Revision.");
    }

    /** AllTrafficAssigned Unknown {@code RevisionMissing}: the Revision is not ready yet. */
    public void markRevisionNotReady(String name, Instant now) {
        manage(now).markUnknown(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_REVISION_MISSING,
                "Revision " + quote(name) + " is not yet ready.");
    }

    /** AllTrafficAssigned False {@code RevisionMissing}: the Revision failed to become ready. */
    public void markRevisionFailed(String name, Instant now) {
        manage(now).markFalse(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_REVISION_MISSING,
                "Revision " + quote(name) + " failed to become ready.");
    }

    /**
     * AllTrafficAssigned False {@code RevisionNotOwned}: the Revision belongs to another Service than the Route's
     * (Knative's pkg/reconciler/route/traffic/traffic.go; the message is qnative's wording).
     */
    public void markRevisionNotOwned(String name, String service, Instant now) {
        manage(now).markFalse(RouteConditions.ALL_TRAFFIC_ASSIGNED, RouteConditions.REASON_REVISION_NOT_OWNED,
                "Revision " + quote(name) + " referenced in traffic is not owned by Service " + quote(service) + ".");
    }

    /** AllTrafficAssigned False {@code <Kind>Missing}: a referenced Configuration or Revision does not exist. */
    public void markMissingTrafficTarget(String kind, String name, Instant now) {
        manage(now).markFalse(RouteConditions.ALL_TRAFFIC_ASSIGNED, kind + "Missing",
                kind + " " + quote(name) + " referenced in traffic not found.");
    }

    /** IngressReady Unknown {@code IngressNotConfigured}: the KIngress has not reported on this generation. */
    public void markIngressNotConfigured(Instant now) {
        manage(now).markUnknown(RouteConditions.INGRESS_READY, RouteConditions.REASON_INGRESS_NOT_CONFIGURED,
                "Ingress has not yet been reconciled.");
    }

    /** IngressReady Unknown {@code RolloutInProgress}: a gradual rollout is moving traffic. */
    public void markIngressRolloutInProgress(Instant now) {
        manage(now).markUnknown(RouteConditions.INGRESS_READY, RouteConditions.REASON_ROLLOUT_IN_PROGRESS,
                "A gradual rollout of the latest revision(s) is in progress.");
    }

    /** IngressReady False {@code NotOwned}: a placeholder Service of that name belongs to someone else. */
    public void markServiceNotOwned(String name, Instant now) {
        manage(now).markFalse(RouteConditions.INGRESS_READY, RouteConditions.REASON_NOT_OWNED,
                "There is an existing placeholder Service " + quote(name) + " that we do not own.");
    }

    /** IngressReady False {@code NotOwned}: placeholder Endpoints of that name belong to someone else. */
    public void markEndpointNotOwned(String name, Instant now) {
        manage(now).markFalse(RouteConditions.INGRESS_READY, RouteConditions.REASON_NOT_OWNED,
                "There is an existing placeholder Endpoint " + quote(name) + " that we do not own.");
    }

    /** IngressReady False {@code NotOwned}: the KIngress of that name belongs to someone else (qnative wording). */
    public void markIngressNotOwned(String name, Instant now) {
        manage(now).markFalse(RouteConditions.INGRESS_READY, RouteConditions.REASON_NOT_OWNED,
                "There is an existing Ingress " + quote(name) + " that we do not own.");
    }

    /**
     * IngressReady mirrors the KIngress's Ready: True, False or Unknown with its reason and message; Unknown
     * {@code IngressNotConfigured} while the KIngress has no Ready condition.
     */
    public void propagateIngressStatus(IngressStatus ingress, Instant now) {
        Condition ready = ingress == null ? null : ingress.getCondition(Condition.READY);
        if (ready == null) {
            markIngressNotConfigured(now);
        } else if (ready.isTrue()) {
            manage(now).markTrue(RouteConditions.INGRESS_READY);
        } else if (ready.isFalse()) {
            manage(now).markFalse(RouteConditions.INGRESS_READY, ready.getReason(), ready.getMessage());
        } else if (ready.isUnknown()) {
            manage(now).markUnknown(RouteConditions.INGRESS_READY, ready.getReason(), ready.getMessage());
        }
    }

    /** CertificateProvisioned True {@code TLSNotEnabled} with one of the {@code RouteConditions} TLS messages. */
    public void markTLSNotEnabled(String message, Instant now) {
        manage(now).markTrueWithReason(RouteConditions.CERTIFICATE_PROVISIONED, RouteConditions.REASON_TLS_NOT_ENABLED,
                message);
    }

    /** CertificateProvisioned True: the certificate of that name is ready. */
    public void markCertificateReady(String name, Instant now) {
        manage(now).markTrue(RouteConditions.CERTIFICATE_PROVISIONED);
    }

    /** CertificateProvisioned Unknown {@code CertificateNotReady}. */
    public void markCertificateNotReady(String name, Instant now) {
        manage(now).markUnknown(RouteConditions.CERTIFICATE_PROVISIONED,
                RouteConditions.REASON_CERTIFICATE_NOT_READY, "Certificate " + name + " is not ready.");
    }

    /** CertificateProvisioned False {@code CertificateProvisionFailed}. */
    public void markCertificateProvisionFailed(String name, Instant now) {
        manage(now).markFalse(RouteConditions.CERTIFICATE_PROVISIONED,
                RouteConditions.REASON_CERTIFICATE_PROVISION_FAILED, "Certificate " + name + " fails to be provisioned.");
    }

    /** CertificateProvisioned False {@code CertificateNotOwned}. */
    public void markCertificateNotOwned(String name, Instant now) {
        manage(now).markFalse(RouteConditions.CERTIFICATE_PROVISIONED, RouteConditions.REASON_CERTIFICATE_NOT_OWNED,
                "There is an existing certificate " + name + " that we don't own.");
    }

    /** CertificateProvisioned True {@code HTTPDowngrade}: not ready, served over plain HTTP meanwhile. */
    public void markHTTPDowngrade(String name, Instant now) {
        manage(now).markTrueWithReason(RouteConditions.CERTIFICATE_PROVISIONED, RouteConditions.REASON_HTTP_DOWNGRADE,
                "Certificate " + name + " is not ready downgrade HTTP.");
    }

    /** Go's {@code %q} for the DNS names these messages carry. */
    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return RouteConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        RouteStatus that = (RouteStatus) o;
        return Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && Objects.equals(traffic, that.traffic)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), url, address, traffic);
    }
}
