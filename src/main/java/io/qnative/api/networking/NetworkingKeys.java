package io.qnative.api.networking;

/**
 * Every {@code networking.knative.dev/*} and {@code networking.internal.knative.dev/*} key qnative reads or
 * writes (knative.dev/networking {@code register.go}), and the values they take.
 */
public final class NetworkingKeys {

    /** The public networking group, prefix of the user-facing keys. */
    public static final String GROUP = "networking.knative.dev";
    /** The internal group of KIngress, KCertificate and ClusterDomainClaim. */
    public static final String INTERNAL_GROUP = "networking.internal.knative.dev";

    private static final String N = GROUP + "/";
    private static final String NI = INTERNAL_GROUP + "/";

    /** Label on Service/Route/placeholder Service: {@code cluster-local} keeps it off the external domain. */
    public static final String VISIBILITY = N + "visibility";
    /** Value of {@link #VISIBILITY} for cluster-local objects. */
    public static final String VISIBILITY_CLUSTER_LOCAL = "cluster-local";
    /** Annotation: the KIngress class. */
    public static final String INGRESS_CLASS = N + "ingress.class";
    /** Alternate spelling of {@link #INGRESS_CLASS}. */
    public static final String INGRESS_CLASS_ALT = N + "ingress-class";
    /** Annotation: the KCertificate class. */
    public static final String CERTIFICATE_CLASS = N + "certificate.class";
    /** Alternate spelling of {@link #CERTIFICATE_CLASS}. */
    public static final String CERTIFICATE_CLASS_ALT = N + "certificate-class";
    /** Annotation: {@code true} disables external-domain TLS for the object. */
    public static final String DISABLE_EXTERNAL_DOMAIN_TLS = N + "disable-external-domain-tls";
    /** Legacy spelling of {@link #DISABLE_EXTERNAL_DOMAIN_TLS}. */
    public static final String DISABLE_AUTO_TLS_LEGACY = N + "disableAutoTLS";
    /** Legacy spelling of {@link #DISABLE_EXTERNAL_DOMAIN_TLS}. */
    public static final String DISABLE_AUTO_TLS = N + "disable-auto-tls";
    /** Annotation: {@code enabled} or {@code redirected}. */
    public static final String HTTP_PROTOCOL = N + "http-protocol";
    /** Legacy spelling of {@link #HTTP_PROTOCOL}. */
    public static final String HTTP_OPTION_LEGACY = N + "httpOption";
    /** Label on namespace wildcard KCertificates: the domain they cover. */
    public static final String WILDCARD_DOMAIN = N + "wildcardDomain";
    /** Label on KCertificates: {@code external-domain}, {@code cluster-local-domain} or {@code system-internal}. */
    public static final String CERTIFICATE_TYPE = N + "certificate-type";
    /** Label on a KCertificate's Secret: the KCertificate's UID (Knative's {@code CertificateUIDLabelKey}). */
    public static final String CERTIFICATE_UID = NI + "certificate-uid";
    /** Annotation on KIngress: the JSON rollout state. */
    public static final String ROLLOUT = NI + "rollout";
    /** Annotation on KIngress: JSON {@code {tag: [localHost, externalHost]}}. */
    public static final String TAG_TO_HOST = NI + "tag-to-host";
    /** Label on qnative's per-revision Services, as Knative's SKS puts it. */
    public static final String SERVERLESS_SERVICE = NI + "serverlessservice";
    /** Label on per-revision Services: {@code Public} or {@code Private}. */
    public static final String SERVICE_TYPE = NI + "serviceType";

    /** qnative's in-process gateway: the default {@code config-network} ingress class. */
    public static final String INGRESS_CLASS_QNATIVE = "qnative.ingress." + GROUP;
    /** qnative's built-in CA issuer: the default {@code config-network} certificate class. */
    public static final String CERTIFICATE_CLASS_QNATIVE = "qnative.certificate." + GROUP;
    /** The cert-manager certificate class. */
    public static final String CERTIFICATE_CLASS_CERT_MANAGER = "cert-manager.certificate." + GROUP;

    /** Rule visibility of a KIngress rule reachable from outside the cluster. */
    public static final String INGRESS_VISIBILITY_EXTERNAL_IP = "ExternalIP";
    /** Rule visibility of a KIngress rule reachable only inside the cluster. */
    public static final String INGRESS_VISIBILITY_CLUSTER_LOCAL = "ClusterLocal";
    /** KIngress httpOption: plain HTTP is served. */
    public static final String HTTP_OPTION_ENABLED = "Enabled";
    /** KIngress httpOption: plain HTTP is redirected to HTTPS. */
    public static final String HTTP_OPTION_REDIRECTED = "Redirected";
    /** Certificate type of a Route's or DomainMapping's external host. */
    public static final String CERTIFICATE_TYPE_EXTERNAL_DOMAIN = "external-domain";
    /** Certificate type of cluster-local hosts. */
    public static final String CERTIFICATE_TYPE_CLUSTER_LOCAL_DOMAIN = "cluster-local-domain";
    /** Certificate type of system-internal TLS. */
    public static final String CERTIFICATE_TYPE_SYSTEM_INTERNAL = "system-internal";
    /** Header the ingress adds naming the Revision a request was routed to. */
    public static final String HEADER_REVISION = "Knative-Serving-Revision";
    /** Header the ingress adds naming the Revision's namespace. */
    public static final String HEADER_NAMESPACE = "Knative-Serving-Namespace";
    /** Header selecting a tag with tag-header-based routing. */
    public static final String HEADER_TAG = "Knative-Serving-Tag";
    /** Header a DomainMapping's ingress adds with the original host. */
    public static final String HEADER_ORIGINAL_HOST = "K-Original-Host";

    private NetworkingKeys() {
    }
}
