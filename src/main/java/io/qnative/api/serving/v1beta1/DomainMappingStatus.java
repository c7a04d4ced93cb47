package io.qnative.api.serving.v1beta1;

import java.time.Instant;
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
 * The observed state of a DomainMapping. Conditions: {@link DomainMappingConditions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "url", "address"})
public final class DomainMappingStatus extends Status {

    private String url;
    private Addressable address;

    /** The domain's URL, {@code <scheme>://<name>}. */
    public String getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** The address, same URL. */
    public Addressable getAddress() {
        return address;
    }

    /** Sets {@link #getAddress()}. */
    public void setAddress(Addressable address) {
        this.address = address;
    }

    // ---- mark methods (Knative's pkg/apis/serving/v1beta1/domainmapping_lifecycle.go) ----

    /** DomainClaimed True: the ClusterDomainClaim of the domain names this namespace. */
    public void markDomainClaimed(Instant now) {
        manage(now).markTrue(DomainMappingConditions.DOMAIN_CLAIMED);
    }

    /** DomainClaimed False {@code DomainAlreadyClaimed}: the claim belongs to another namespace, or is missing. */
    public void markDomainClaimNotOwned(Instant now) {
        manage(now).markFalse(DomainMappingConditions.DOMAIN_CLAIMED,
                DomainMappingConditions.REASON_DOMAIN_ALREADY_CLAIMED,
                "The domain name is already in use by another DomainMapping");
    }

    /** ReferenceResolved True. */
    public void markReferenceResolved(Instant now) {
        manage(now).markTrue(DomainMappingConditions.REFERENCE_RESOLVED);
    }

    /** ReferenceResolved False {@code ResolveFailed} with what went wrong. */
    public void markReferenceNotResolved(String message, Instant now) {
        manage(now).markFalse(DomainMappingConditions.REFERENCE_RESOLVED, DomainMappingConditions.REASON_RESOLVE_FAILED,
                message);
    }

    /** IngressReady Unknown {@code IngressNotConfigured}: the KIngress has not reported on this generation. */
    public void markIngressNotConfigured(Instant now) {
        manage(now).markUnknown(DomainMappingConditions.INGRESS_READY,
                DomainMappingConditions.REASON_INGRESS_NOT_CONFIGURED, "Ingress has not yet been reconciled.");
    }

    /** IngressReady False {@code NotOwned}: the KIngress of that name belongs to someone else (qnative's check). */
    public void markIngressNotOwned(String name, Instant now) {
        manage(now).markFalse(DomainMappingConditions.INGRESS_READY, DomainMappingConditions.REASON_NOT_OWNED,
                "There is an existing Ingress \"" + name + "\" that we do not own.");
    }

    /** IngressReady mirrors the KIngress's Ready (not configured while it has none). */
    public void propagateIngressStatus(IngressStatus ingress, Instant now) {
        Condition ready = ingress == null ? null : ingress.getCondition(Condition.READY);
        if (ready == null) {
            markIngressNotConfigured(now);
        } else if (ready.isTrue()) {
            manage(now).markTrue(DomainMappingConditions.INGRESS_READY);
        } else if (ready.isFalse()) {
            manage(now).markFalse(DomainMappingConditions.INGRESS_READY, ready.getReason(), ready.getMessage());
        } else {
            manage(now).markUnknown(DomainMappingConditions.INGRESS_READY, ready.getReason(), ready.getMessage());
        }
    }

    /** CertificateProvisioned True {@code TLSNotEnabled}. */
    public void markTLSNotEnabled(String message, Instant now) {
        manage(now).markTrueWithReason(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_TLS_NOT_ENABLED, message);
    }

    /** CertificateProvisioned True {@code CertificateExternallyProvided}: {@code spec.tls} names the Secret. */
    public void markCertificateNotRequired(String message, Instant now) {
        manage(now).markTrueWithReason(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_CERTIFICATE_EXTERNALLY_PROVIDED, message);
    }

    /** CertificateProvisioned True: the certificate is ready. */
    public void markCertificateReady(String name, Instant now) {
        manage(now).markTrue(DomainMappingConditions.CERTIFICATE_PROVISIONED);
    }

    /** CertificateProvisioned Unknown {@code CertificateNotReady}. */
    public void markCertificateNotReady(String name, Instant now) {
        manage(now).markUnknown(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_CERTIFICATE_NOT_READY, "Certificate " + name + " is not ready.");
    }

    /** CertificateProvisioned False {@code CertificateNotOwned}: a Certificate of that name is someone else's. */
    public void markCertificateNotOwned(String name, Instant now) {
        manage(now).markFalse(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_CERTIFICATE_NOT_OWNED,
                "There is an existing certificate " + name + " that we don't own.");
    }

    /** CertificateProvisioned False {@code CertificateProvisionFailed}. */
    public void markCertificateProvisionFailed(String name, Instant now) {
        manage(now).markFalse(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_CERTIFICATE_PROVISION_FAILED,
                "Certificate " + name + " failed to be provisioned.");
    }

    /** CertificateProvisioned True {@code HTTPDowngrade}: not ready, served over plain HTTP meanwhile. */
    public void markHTTPDowngrade(String name, Instant now) {
        manage(now).markTrueWithReason(DomainMappingConditions.CERTIFICATE_PROVISIONED,
                DomainMappingConditions.REASON_HTTP_DOWNGRADE, "Certificate " + name + " is not ready downgrade HTTP.");
    }

    @Override
    @JsonIgnore
    public ConditionSet getConditionSet() {
        return DomainMappingConditions.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        DomainMappingStatus that = (DomainMappingStatus) o;
        return Objects.equals(url, that.url)
                && Objects.equals(address, that.address)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), url, address);
    }
}
