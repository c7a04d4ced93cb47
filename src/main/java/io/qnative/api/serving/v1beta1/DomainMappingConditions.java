package io.qnative.api.serving.v1beta1;

import io.qnative.api.duck.ConditionSet;

/** Condition types, reasons and the condition set of a DomainMapping ({@code domainmapping_lifecycle.go}). */
public final class DomainMappingConditions {

    /** The ClusterDomainClaim for the domain belongs to this namespace. */
    public static final String DOMAIN_CLAIMED = "DomainClaimed";
    /** {@code spec.ref} resolved to an in-cluster address. */
    public static final String REFERENCE_RESOLVED = "ReferenceResolved";
    /** The KIngress is ready. */
    public static final String INGRESS_READY = "IngressReady";
    /** The certificate is ready, provided by the user, or TLS is off. */
    public static final String CERTIFICATE_PROVISIONED = "CertificateProvisioned";
    /** {@code Ready <- DomainClaimed, ReferenceResolved, CertificateProvisioned, IngressReady}. */
    public static final ConditionSet SET =
            ConditionSet.living(DOMAIN_CLAIMED, REFERENCE_RESOLVED, CERTIFICATE_PROVISIONED, INGRESS_READY);

    /** The domain is claimed by another namespace, or unclaimed without auto-creation. */
    public static final String REASON_DOMAIN_ALREADY_CLAIMED = "DomainAlreadyClaimed";
    /** {@code spec.ref} could not be resolved to a suitable address. */
    public static final String REASON_RESOLVE_FAILED = "ResolveFailed";
    /** The KIngress has not reported on the current generation. */
    public static final String REASON_INGRESS_NOT_CONFIGURED = "IngressNotConfigured";
    /** CertificateProvisioned=True because {@code spec.tls} names a secret. */
    public static final String REASON_CERTIFICATE_EXTERNALLY_PROVIDED = "CertificateExternallyProvided";
    /** CertificateProvisioned=True because TLS is disabled. */
    public static final String REASON_TLS_NOT_ENABLED = "TLSNotEnabled";
    /** CertificateProvisioned=True although the certificate is not ready: served over HTTP meanwhile. */
    public static final String REASON_HTTP_DOWNGRADE = "HTTPDowngrade";
    /** The certificate is not ready yet. */
    public static final String REASON_CERTIFICATE_NOT_READY = "CertificateNotReady";
    /** The certificate failed. */
    public static final String REASON_CERTIFICATE_PROVISION_FAILED = "CertificateProvisionFailed";
    /** The certificate of that name belongs to someone else. */
    public static final String REASON_CERTIFICATE_NOT_OWNED = "CertificateNotOwned";
    /** CertificateProvisioned's message when external-domain-tls is off. */
    public static final String EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE = "external-domain-tls is not enabled";
    /** CertificateProvisioned's message when {@code spec.tls} names the Secret. */
    public static final String TLS_CERTIFICATE_PROVIDED_EXTERNALLY = "TLS certificate was provided externally";

    /** A child of that name is controlled by someone else. */
    public static final String REASON_NOT_OWNED = "NotOwned";

    private DomainMappingConditions() {
    }
}
