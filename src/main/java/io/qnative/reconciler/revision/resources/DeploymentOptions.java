package io.qnative.reconciler.revision.resources;

/**
 * What a Deployment depends on besides the Revision and the {@code config-*} maps.
 *
 * @param kubernetesMinor the API server's minor version (1.x); a preStop {@code sleep} action is only valid from
 *     1.30 on, so older servers get no preStop hook at all; a {@code grpc} probe handler only from 1.24 on (beta and
 *     on by default; GA in 1.27), so older servers get the probe as a {@code tcpSocket} probe of the same port
 * @param preStopSleepSeconds how long a terminating pod keeps serving before its container gets SIGTERM, so the
 *     gateway and kube-proxy stop routing to it first (qnative's stand-in for queue-proxy's drain); capped below
 *     terminationGracePeriodSeconds, 0 for none
 */
public record DeploymentOptions(int kubernetesMinor, int preStopSleepSeconds) {

    /** The first minor version whose API server accepts {@code lifecycle.preStop.sleep}. */
    public static final int PRE_STOP_SLEEP_MIN_MINOR = 30;
    /** The first minor version whose API server accepts a {@code grpc} probe without a feature gate. */
    public static final int GRPC_PROBE_MIN_MINOR = 24;
    /** The default drain pause of a terminating pod. */
    public static final int DEFAULT_PRE_STOP_SLEEP_SECONDS = 5;

    /** Defaults for a server of the given minor version. */
    public static DeploymentOptions forMinor(int kubernetesMinor) {
        return new DeploymentOptions(kubernetesMinor, DEFAULT_PRE_STOP_SLEEP_SECONDS);
    }

    /** Whether this server takes a {@code grpc} probe handler (older ones drop the field and reject the probe). */
    public boolean grpcProbeSupported() {
        return kubernetesMinor >= GRPC_PROBE_MIN_MINOR;
    }

    /** Whether this server takes a preStop {@code sleep} action. */
    public boolean preStopSleepSupported() {
        return kubernetesMinor >= PRE_STOP_SLEEP_MIN_MINOR;
    }
}
