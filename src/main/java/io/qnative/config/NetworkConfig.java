package io.qnative.config;

import io.qnative.api.networking.NetworkingKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code config-network}: ingress and certificate classes, host templates, TLS switches (knative.dev/networking
 * {@code pkg/config/config.go}),
 * Knative's keys with their legacy camelCase aliases (the new key wins when both are set).
 *
 * <p>Differences from Knative:
 * <ul>
 *   <li>{@code ingress-class} defaults to {@value #QNATIVE_INGRESS_CLASS} (the in-process gateway) and
 *       {@code certificate-class} to {@value #QNATIVE_CERTIFICATE_CLASS} (the built-in CA), so a missing or
 *       empty config-network still routes through qnative (docs/ports-and-config.md); a blank value
 *       also means the default.</li>
 *   <li>{@code max-upgraded-connection-seconds} is qnative's own key: a cap on an upgraded (WebSocket)
 *       connection after the pod's 101 (docs/ports-and-config.md); Knative cuts such connections at the
 *       request's timeouts instead (knative/serving#16169).</li>
 *   <li>Enumerated values ({@code external-domain-tls}, {@code http-protocol}, {@code mesh-compatibility-mode},
 *       ...) that Knative would silently read as their default are reported as problems.</li>
 * </ul>
 * The cluster domain is not a ConfigMap key: it comes from the process ({@link ClusterDomain}) and is kept here
 * so that the derived hosts need only this record.
 *
 * @param ingressClass {@code ingress-class} (legacy {@code ingress.class})
 * @param certificateClass {@code certificate-class} (legacy {@code certificate.class})
 * @param domainTemplate {@code domain-template} (legacy {@code domainTemplate})
 * @param tagTemplate {@code tag-template} (legacy {@code tagTemplate})
 * @param externalDomainTls {@code external-domain-tls} (legacy {@code auto-tls}, {@code autoTLS})
 * @param clusterLocalDomainTls {@code cluster-local-domain-tls}
 * @param systemInternalTls {@code system-internal-tls} (legacy boolean {@code internal-encryption})
 * @param httpProtocol {@code http-protocol} (legacy {@code httpProtocol})
 * @param defaultExternalScheme {@code default-external-scheme} (legacy {@code defaultExternalScheme})
 * @param rolloutDurationSeconds {@code rollout-duration} (legacy {@code rolloutDuration}), whole seconds
 * @param autocreateClusterDomainClaims {@code autocreate-cluster-domain-claims} (legacy camelCase)
 * @param namespaceWildcardCertSelector {@code namespace-wildcard-cert-selector}; empty (the default) selects no
 *     namespace, {@code {}} selects all
 * @param enableMeshPodAddressability {@code enable-mesh-pod-addressability}
 * @param meshCompatibilityMode {@code mesh-compatibility-mode}
 * @param maxUpgradedConnectionSeconds {@code max-upgraded-connection-seconds}: the longest an upgraded connection
 *     stays open after the 101, in whole seconds; empty (the default, also for a blank value) means the
 *     revision's {@code timeoutSeconds}, 0 means no cap
 * @param clusterDomain the cluster's DNS domain, e.g. {@code cluster.local}
 */
public record NetworkConfig(
        String ingressClass,
        String certificateClass,
        GoTemplate domainTemplate,
        GoTemplate tagTemplate,
        boolean externalDomainTls,
        boolean clusterLocalDomainTls,
        boolean systemInternalTls,
        HttpProtocol httpProtocol,
        String defaultExternalScheme,
        int rolloutDurationSeconds,
        boolean autocreateClusterDomainClaims,
        Optional<LabelSelector> namespaceWildcardCertSelector,
        boolean enableMeshPodAddressability,
        MeshCompatibilityMode meshCompatibilityMode,
        OptionalLong maxUpgradedConnectionSeconds,
        String clusterDomain) {

    /** The ConfigMap name. */
    public static final String NAME = "config-network";
    /** The in-process gateway's KIngress class: qnative's default. */
    public static final String QNATIVE_INGRESS_CLASS = "qnative.ingress.networking.knative.dev";
    /** The built-in CA's KCertificate class: qnative's default. */
    public static final String QNATIVE_CERTIFICATE_CLASS = "qnative.certificate.networking.knative.dev";
    /** Knative's default ingress class (Istio). */
    public static final String ISTIO_INGRESS_CLASS = "istio.ingress.networking.knative.dev";
    /** The cert-manager certificate class. */
    public static final String CERT_MANAGER_CERTIFICATE_CLASS = "cert-manager.certificate.networking.knative.dev";
    /** Default {@code domain-template}. */
    public static final String DEFAULT_DOMAIN_TEMPLATE = "{{.Name}}.{{.Namespace}}.{{.Domain}}";
    /** qnative's {@code max-upgraded-connection-seconds} key. */
    public static final String MAX_UPGRADED_CONNECTION_SECONDS = "max-upgraded-connection-seconds";
    /** Default {@code tag-template}. */
    public static final String DEFAULT_TAG_TEMPLATE = "{{.Tag}}-{{.Name}}";

    /** Knative's defaults with qnative's two classes, for cluster domain {@code cluster.local}. */
    public static final NetworkConfig DEFAULT = new NetworkConfig(QNATIVE_INGRESS_CLASS, QNATIVE_CERTIFICATE_CLASS,
            GoTemplate.parse(DEFAULT_DOMAIN_TEMPLATE), GoTemplate.parse(DEFAULT_TAG_TEMPLATE), false, false, false,
            HttpProtocol.ENABLED, "http", 0, false, Optional.empty(), false, MeshCompatibilityMode.AUTO,
            OptionalLong.empty(), ClusterDomain.DEFAULT);

    /**
     * Knative's {@code externalDomainTLSEnabled} (pkg/reconciler/route/route.go, domainmapping/reconciler.go):
     * {@code external-domain-tls} is on and the object's {@code networking.knative.dev/disable-external-domain-tls}
     * annotation (or one of the older disable-auto-tls spellings, first one set wins) does not turn it off.
     */
    public boolean externalDomainTlsEnabled(Map<String, String> annotations) {
        if (!externalDomainTls) {
            return false;
        }
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        for (String key : List.of(NetworkingKeys.DISABLE_EXTERNAL_DOMAIN_TLS, NetworkingKeys.DISABLE_AUTO_TLS,
                NetworkingKeys.DISABLE_AUTO_TLS_LEGACY)) {
            String v = a.get(key);
            if (v != null && !v.isEmpty()) {
                return !Boolean.parseBoolean(v.strip());
            }
        }
        return true;
    }

    /** The same settings for another cluster domain. */
    public NetworkConfig withClusterDomain(String domain) {
        return new NetworkConfig(ingressClass, certificateClass, domainTemplate, tagTemplate, externalDomainTls,
                clusterLocalDomainTls, systemInternalTls, httpProtocol, defaultExternalScheme, rolloutDurationSeconds,
                autocreateClusterDomainClaims, namespaceWildcardCertSelector, enableMeshPodAddressability,
                meshCompatibilityMode, maxUpgradedConnectionSeconds, domain);
    }

    /** The cluster-local domain suffix, {@code svc.<clusterDomain>}. */
    public String clusterLocalDomain() {
        return "svc." + clusterDomain;
    }

    /** Renders {@code tag-template} for a route name and tag. */
    public String renderTag(String name, String tag) {
        return tagTemplate.render(Map.of("Name", name, "Tag", tag));
    }

    /** Parses for cluster domain {@code cluster.local}; see {@link #parse(Map, String)}. */
    public static NetworkConfig parse(Map<String, String> data) {
        return parse(data, ClusterDomain.DEFAULT);
    }

    /**
     * Parses and validates the map.
     *
     * @throws ConfigException with every invalid key
     */
    public static NetworkConfig parse(Map<String, String> data, String clusterDomain) {
        MapReader r = new MapReader(NAME, data);
        NetworkConfig config = read(r, clusterDomain);
        r.throwIfProblems();
        return config;
    }

    static NetworkConfig read(MapReader r, String clusterDomain) {
        NetworkConfig d = DEFAULT;
        boolean internalEncryption = r.bool(false, "internal-encryption");
        int rollout = r.int32(0, "rollout-duration", "rolloutDuration");
        if (rollout < 0) {
            r.problemAt(r.presentKey("rollout-duration", "rolloutDuration").orElseThrow(), "must not be negative");
            rollout = 0;
        }
        return new NetworkConfig(
                r.nonBlank(d.ingressClass, "ingress-class", "ingress.class"),
                r.nonBlank(d.certificateClass, "certificate-class", "certificate.class"),
                domainTemplate(r),
                tagTemplate(r),
                r.typed(false, NetworkConfig::tls, "external-domain-tls", "auto-tls", "autoTLS"),
                r.typed(false, NetworkConfig::tls, "cluster-local-domain-tls"),
                r.typed(internalEncryption, v -> v.isEmpty() ? internalEncryption : tls(v), "system-internal-tls"),
                r.typed(d.httpProtocol, HttpProtocol::parse, "http-protocol", "httpProtocol"),
                r.string(d.defaultExternalScheme, "default-external-scheme", "defaultExternalScheme"),
                rollout,
                r.bool(false, "autocreate-cluster-domain-claims", "autocreateClusterDomainClaims"),
                r.typed(Optional.empty(), v -> v.isEmpty() ? Optional.empty() : Optional.of(LabelSelector.parse(v)),
                        "namespace-wildcard-cert-selector"),
                r.bool(false, "enable-mesh-pod-addressability"),
                r.typed(d.meshCompatibilityMode, MeshCompatibilityMode::parse, "mesh-compatibility-mode"),
                r.typed(d.maxUpgradedConnectionSeconds, NetworkConfig::seconds, MAX_UPGRADED_CONNECTION_SECONDS),
                clusterDomain);
    }

    /** Whole seconds, at least 0; blank means unset. */
    private static OptionalLong seconds(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of seconds (0 for no cap, empty for the "
                    + "revision's timeoutSeconds)", e);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("must not be negative (0 for no cap)");
        }
        return OptionalLong.of(seconds);
    }

    private static boolean tls(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "enabled":
                return true;
            case "", "disabled":
                return false;
            default:
                throw new IllegalArgumentException("must be Enabled or Disabled");
        }
    }

    private static GoTemplate domainTemplate(MapReader r) {
        return r.typed(DEFAULT.domainTemplate, v -> {
            GoTemplate t = GoTemplate.parse(v);
            Map<String, Object> sample = new HashMap<>();
            sample.put("Name", "foo");
            sample.put("Namespace", "bar");
            sample.put("Domain", "baz.com");
            sample.put("Annotations", null);
            sample.put("Labels", null);
            checkHost(t.render(sample));
            return t;
        }, "domain-template", "domainTemplate");
    }

    private static GoTemplate tagTemplate(MapReader r) {
        return r.typed(DEFAULT.tagTemplate, v -> {
            GoTemplate t = GoTemplate.parse(v);
            t.render(Map.of("Name", "foo", "Tag", "v2"));
            return t;
        }, "tag-template", "tagTemplate");
    }

    /** Knative's check: {@code https://<rendered>} must parse, with a host and no path, query or fragment. */
    private static void checkHost(String rendered) {
        URI uri;
        try {
            uri = new URI("https://" + rendered);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("renders \"" + rendered + "\", which is not a valid host", e);
        }
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("renders \"" + rendered + "\", which has an empty host name");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("renders \"" + rendered + "\", which has a URL path");
        }
    }

    /** {@code http-protocol}: what the ingress does with plain HTTP. */
    public enum HttpProtocol {
        /** Serve HTTP. */
        ENABLED,
        /** Redirect HTTP to HTTPS (301). */
        REDIRECTED,
        /** Deprecated: refuse HTTP. */
        DISABLED;

        static HttpProtocol parse(String value) {
            if (value.isEmpty()) {
                return ENABLED;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be Enabled, Redirected or Disabled", e);
            }
        }
    }

    /** {@code mesh-compatibility-mode}. */
    public enum MeshCompatibilityMode {
        /** Try pod IPs, fall back to the cluster IP. */
        AUTO,
        /** Always use the cluster IP. */
        ENABLED,
        /** Always use pod IPs. */
        DISABLED;

        static MeshCompatibilityMode parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be auto, enabled or disabled", e);
            }
        }
    }
}
