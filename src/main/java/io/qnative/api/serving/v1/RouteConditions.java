package io.qnative.api.serving.v1;

import io.qnative.api.duck.ConditionSet;

/**
 * Condition types, reasons and the condition set of a Route (Knative's {@code
 * pkg/apis/serving/v1/route_lifecycle.go}).
 */
public final class RouteConditions {

    /** Every traffic target resolved to a ready Revision. */
    public static final String ALL_TRAFFIC_ASSIGNED = "AllTrafficAssigned";
    /** The KIngress is ready. */
    public static final String INGRESS_READY = "IngressReady";
    /** Certificates for the Route's hosts are ready (or TLS is off). */
    public static final String CERTIFICATE_PROVISIONED = "CertificateProvisioned";
    /** {@code Ready <- AllTrafficAssigned, IngressReady, CertificateProvisioned}. */
    public static final ConditionSet SET =
            ConditionSet.living(ALL_TRAFFIC_ASSIGNED, INGRESS_READY, CERTIFICATE_PROVISIONED);

    /** A target's Revision is missing or not ready. */
    public static final String REASON_REVISION_MISSING = "RevisionMissing";
    /** A target's Configuration is missing. */
    public static final String REASON_CONFIGURATION_MISSING = "ConfigurationMissing";
    /** A target's Revision belongs to another Service. */
    public static final String REASON_REVISION_NOT_OWNED = "RevisionNotOwned";
    /** The domain configuration cannot produce a host. */
    public static final String REASON_ERROR_CONFIG = "ErrorConfig";
    /** Traffic resolution failed for another reason. */
    public static final String REASON_UNKNOWN = "Unknown";
    /** The KIngress has not reported on the current generation. */
    public static final String REASON_INGRESS_NOT_CONFIGURED = "IngressNotConfigured";
    /** A gradual rollout is moving traffic. */
    public static final String REASON_ROLLOUT_IN_PROGRESS = "RolloutInProgress";
    /** A child of that name is controlled by someone else. */
    public static final String REASON_NOT_OWNED = "NotOwned";
    /** CertificateProvisioned=True because TLS is disabled or not applicable. */
    public static final String REASON_TLS_NOT_ENABLED = "TLSNotEnabled";
    /** CertificateProvisioned=True although the certificate is not ready: served over HTTP meanwhile. */
    public static final String REASON_HTTP_DOWNGRADE = "HTTPDowngrade";
    /** The certificate is not ready yet. */
    public static final String REASON_CERTIFICATE_NOT_READY = "CertificateNotReady";
    /** The certificate failed. */
    public static final String REASON_CERTIFICATE_PROVISION_FAILED = "CertificateProvisionFailed";
    /** The certificate of that name belongs to someone else. */
    public static final String REASON_CERTIFICATE_NOT_OWNED = "CertificateNotOwned";

    /** Message of CertificateProvisioned=True {@code TLSNotEnabled} when external-domain-tls is off. */
    public static final String EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE = "external-domain-tls is not enabled";
    /** Message of CertificateProvisioned=True {@code TLSNotEnabled} when the Route has no external host. */
    public static final String TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE = "TLS is not enabled for cluster-local";

    private RouteConditions() {
    }
}
