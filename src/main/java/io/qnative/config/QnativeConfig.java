package io.qnative.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Process settings (the first config layer): where qnative runs and how it is wired. Cluster behaviour lives in the
 * {@code config-*} ConfigMaps instead (see {@link ConfigSnapshot}).
 */
@ConfigMapping(prefix = "qnative")
public interface QnativeConfig {

    /**
     * The namespace qnative is installed in: where it reads the {@code config-*} ConfigMaps and keeps its own
     * objects, the leader-election Lease and the webhook Secret (Knative's {@code SYSTEM_NAMESPACE}).
     */
    @WithDefault("knative-serving")
    String systemNamespace();

    /** This replica's name (the pod name in a cluster, from the Downward API); defaults to the host name. */
    Optional<String> podName();

    /** Controller runtime settings. */
    Controller controller();

    /** Data-plane listeners. */
    Gateway gateway();

    /** Controller runtime settings. */
    interface Controller {

        /** Worker threads per controller. */
        @WithDefault("2")
        int workers();

        /** Informer resync period; 0 disables periodic resync. */
        @WithDefault("10h")
        Duration resyncPeriod();

        /** Leader election between replicas. */
        LeaderElection leaderElection();
    }

    /** Leader election on a coordination.k8s.io Lease in the system namespace. */
    interface LeaderElection {

        /** When false this replica always leads (a single-replica install or a test). */
        @WithDefault("true")
        boolean enabled();

        /** Name of the Lease. */
        @WithDefault("qnative-controller")
        String leaseName();

        @WithDefault("15s")
        Duration leaseDuration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }

    /** Ports of the in-process gateway (the data plane). */
    interface Gateway {

        /** Address the gateway listeners bind; 127.0.0.1 in local mode. */
        @WithDefault("0.0.0.0")
        String host();

        /** External HTTP listener. */
        @WithDefault("8080")
        int externalHttpPort();

        /** External HTTPS listener (SNI). */
        @WithDefault("8443")
        int externalHttpsPort();

        /** Cluster-local HTTP listener. */
        @WithDefault("8081")
        int internalHttpPort();

        /** Cluster-local HTTPS listener. */
        @WithDefault("8444")
        int internalHttpsPort();
    }
}
