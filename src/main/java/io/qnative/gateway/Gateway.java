package io.qnative.gateway;

/**
 * The gateway's names and default ports, defined once: the install's two gateway Services
 * ({@code kubernetes/500-services.yaml}) and the listeners they map onto. The process settings
 * ({@code qnative.gateway.*}) take their defaults from here; everything that needs the configured values gets a
 * {@link Ports}.
 */
public final class Gateway {

    /** The external gateway Service (ExternalIP rules). */
    public static final String PUBLIC_SERVICE = "qnative-gateway";
    /** The cluster-local gateway Service (every rule); {@code <rev>}'s Endpoints borrow its addresses. */
    public static final String INTERNAL_SERVICE = "qnative-gateway-internal";

    /** External HTTP listener. */
    public static final int EXTERNAL_HTTP_PORT = 8080;
    /** External HTTPS listener (SNI). */
    public static final int EXTERNAL_HTTPS_PORT = 8443;
    /** Cluster-local HTTP listener. */
    public static final int INTERNAL_HTTP_PORT = 8081;
    /** Cluster-local HTTPS listener. */
    public static final int INTERNAL_HTTPS_PORT = 8444;

    private Gateway() {
    }

    /**
     * The listener ports in effect.
     *
     * @param externalHttp external HTTP
     * @param externalHttps external HTTPS
     * @param internalHttp cluster-local HTTP
     * @param internalHttps cluster-local HTTPS
     */
    public record Ports(int externalHttp, int externalHttps, int internalHttp, int internalHttps) {

        /** The default ports. */
        public static final Ports DEFAULTS = new Ports(EXTERNAL_HTTP_PORT, EXTERNAL_HTTPS_PORT, INTERNAL_HTTP_PORT,
                INTERNAL_HTTPS_PORT);
    }
}
