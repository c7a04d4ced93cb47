package io.qnative.config;

import java.util.Map;

/**
 * {@code config-certmanager}: which cert-manager issuers sign certificates when {@code certificate-class} is
 * {@value NetworkConfig#CERT_MANAGER_CERTIFICATE_CLASS}. Each key holds an issuer reference as YAML
 * ({@code kind: ClusterIssuer}, {@code name: letsencrypt}, optional {@code group}); each defaults to the
 * {@code knative-selfsigned-issuer} ClusterIssuer, as in Knative.
 *
 * @param issuerRef {@code issuerRef}: external-domain certificates
 * @param clusterLocalIssuerRef {@code clusterLocalIssuerRef}: cluster-local-domain certificates
 * @param systemInternalIssuerRef {@code systemInternalIssuerRef}: system-internal-tls certificates
 */
public record CertManagerConfig(IssuerRef issuerRef, IssuerRef clusterLocalIssuerRef,
        IssuerRef systemInternalIssuerRef) {

    /** The ConfigMap name. */
    public static final String NAME = "config-certmanager";

    /** Knative's default issuer. */
    public static final IssuerRef SELF_SIGNED = new IssuerRef("ClusterIssuer", "knative-selfsigned-issuer", "");

    /** Knative's defaults. */
    public static final CertManagerConfig DEFAULT = new CertManagerConfig(SELF_SIGNED, SELF_SIGNED, SELF_SIGNED);

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException naming every invalid issuer reference
     */
    public static CertManagerConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        CertManagerConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static CertManagerConfig read(MapReader r) {
        return new CertManagerConfig(r.typed(SELF_SIGNED, IssuerRef::parse, "issuerRef"),
                r.typed(SELF_SIGNED, IssuerRef::parse, "clusterLocalIssuerRef"),
                r.typed(SELF_SIGNED, IssuerRef::parse, "systemInternalIssuerRef"));
    }

    /**
     * A cert-manager issuer reference.
     *
     * @param kind {@code Issuer} or {@code ClusterIssuer}
     * @param name the issuer's name
     * @param group the API group, empty for cert-manager's own
     */
    public record IssuerRef(String kind, String name, String group) {

        static IssuerRef parse(String yaml) {
            Raw raw = Yaml.read(yaml, Raw.class);
            if (raw == null || raw.name == null || raw.name.isBlank()) {
                throw new IllegalArgumentException("must name an issuer (name: ...)");
            }
            String kind = raw.kind == null ? "" : raw.kind;
            if (!kind.isEmpty() && !"Issuer".equals(kind) && !"ClusterIssuer".equals(kind)
                    && (raw.group == null || raw.group.isEmpty())) {
                throw new IllegalArgumentException("kind must be Issuer or ClusterIssuer");
            }
            return new IssuerRef(kind, raw.name, raw.group == null ? "" : raw.group);
        }
    }

    /** YAML shape. */
    static final class Raw {
        public String kind;
        public String name;
        public String group;
    }
}
