package io.qnative.config;

import static io.qnative.gateway.Gateway.EXTERNAL_HTTPS_PORT;
import static io.qnative.gateway.Gateway.EXTERNAL_HTTP_PORT;
import static io.qnative.gateway.Gateway.INTERNAL_HTTPS_PORT;
import static io.qnative.gateway.Gateway.INTERNAL_HTTP_PORT;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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

    /** The admission webhook: its HTTPS listener, its certificates and how the API server reaches it. */
    Webhook webhook();

    /** The KPA's clocks. */
    Autoscaler autoscaler();

    /** The built-in certificate issuer of class {@code qnative.certificate.networking.knative.dev}. */
    Certificates certificates();

    /**
     * The built-in CA and the certificates it signs for Knative Certificates (docs/certificates.md). Invalid values
     * are reported at startup and replaced by the defaults.
     */
    interface Certificates {

        /** Secret of the system namespace holding the CA's certificate and key. */
        @WithDefault("qnative-ca")
        String caSecretName();

        /** ConfigMap of the system namespace publishing the CA certificate ({@code ca.crt}) for clients to trust. */
        @WithDefault("qnative-ca")
        String caConfigMapName();

        /** Lifetime of the CA (Knative's 10 years). */
        @WithDefault("3650d")
        Duration caValidity();

        /** Lifetime of a serving certificate. */
        @WithDefault("90d")
        Duration validity();

        /**
         * How long before expiry a serving certificate is renewed (Knative's 30 days); when not shorter than
         * {@link #validity()}, at two thirds of the lifetime.
         */
        @WithDefault("30d")
        Duration renewBefore();

        /** Key of the CA and the serving certificates: {@code ecdsa-p256}, {@code rsa-2048}, -3072 or -4096. */
        @WithDefault("ecdsa-p256")
        String keyAlgorithm();

        /** How often a cert-manager Certificate that is not Ready yet is read again. */
        @WithDefault("5s")
        Duration certManagerPollInterval();

        /** How often a Ready cert-manager Certificate is read again (renewals, revocations). */
        @WithDefault("10m")
        Duration certManagerResyncInterval();
    }

    /** The KPA's clocks (Knative's autoscaler ticks; cluster behaviour is in {@code config-autoscaler}). */
    interface Autoscaler {

        /** How often every revision's scale is decided (Knative: 2s). */
        @WithDefault("2s")
        Duration tick();

        /**
         * How often revisions with ready pods get an idle sample, as Knative's 1-second scrape would record: a
         * second without gateway stats then counts as zero load instead of missing data.
         */
        @WithDefault("1s")
        Duration scrapeTick();
    }

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
        @WithDefault("" + EXTERNAL_HTTP_PORT)
        int externalHttpPort();

        /** External HTTPS listener (SNI). */
        @WithDefault("" + EXTERNAL_HTTPS_PORT)
        int externalHttpsPort();

        /** Cluster-local HTTP listener. */
        @WithDefault("" + INTERNAL_HTTP_PORT)
        int internalHttpPort();

        /** Cluster-local HTTPS listener. */
        @WithDefault("" + INTERNAL_HTTPS_PORT)
        int internalHttpsPort();

        /**
         * How long readiness reads false at shutdown before the listeners refuse new requests, so that every
         * load balancer stops sending first (Knative's activator waits 45 s).
         */
        @WithDefault("5s")
        Duration drainDelay();

        /** The longest wait for requests in flight at shutdown, after the drain delay; then the listeners close. */
        @WithDefault("30s")
        Duration drainTimeout();

        /**
         * HTTP/1.1 connections kept per pod by the proxy on each event loop of the listeners (Knative: 100 per
         * host); h2c uses one per pod and loop.
         */
        @WithDefault("100")
        int maxConnectionsPerPod();

        /**
         * Event loops serving the gateway's listeners, each with its own server and clients to pods; 0 means every
         * Vert.x event loop ({@code quarkus.vertx.event-loops-pool-size}, twice the CPUs by default).
         */
        @WithDefault("0")
        int eventLoops();

        /** The four listener ports as one value. */
        default io.qnative.gateway.Gateway.Ports ports() {
            return new io.qnative.gateway.Gateway.Ports(externalHttpPort(), externalHttpsPort(), internalHttpPort(),
                    internalHttpsPort());
        }
    }

    /** The admission webhook (Knative's webhook Deployment, in process). */
    interface Webhook {

        /** Address the HTTPS listener binds; 127.0.0.1 in local mode. */
        @WithDefault("0.0.0.0")
        String host();

        /** HTTPS port of {@code /defaulting}, {@code /resource-validation}, {@code /config-validation}; 0 picks one. */
        @WithDefault("9443")
        int port();

        /** Request bodies larger than this are refused with 413 (Kubernetes objects are at most 1.5 MiB). */
        @WithDefault("3145728")
        int maxBodyBytes();

        /**
         * How long the validation callback of a dry-run Service or Configuration request waits for the API server's
         * dry-run Pod create; kept well below the webhook configurations' timeoutSeconds.
         */
        @WithDefault("5s")
        Duration dryRunTimeout();

        /** How the webhook configurations reach this process: {@code service} (install) or {@code url} (make run). */
        @WithDefault("service")
        ClientConfigMode clientConfig();

        /**
         * Base URL of the webhook in {@code url} mode; the endpoint path is appended. Defaults to
         * {@code https://127.0.0.1:<port>}.
         */
        Optional<String> url();

        /** Name of the webhook Service (its DNS names go into the serving certificate). */
        @WithDefault("webhook")
        String serviceName();

        /** Secret of the system namespace holding the CA and the serving certificate (Knative's keys). */
        @WithDefault("webhook-certs")
        String secretName();

        /** DNS names added to the serving certificate besides the Service's. */
        Optional<List<String>> extraDnsNames();

        /** IP addresses added to the serving certificate, e.g. 127.0.0.1 in local mode. */
        Optional<List<String>> extraIpAddresses();

        /** Lifetime of a new CA and serving certificate; renewed when less than a third of it remains. */
        @WithDefault("7d")
        Duration certificateValidity();

        /** How often the Secret, the served certificate and the caBundles are checked. */
        @WithDefault("1m")
        Duration checkInterval();
    }

    /** How the webhook configurations' {@code clientConfig} points at this process. */
    enum ClientConfigMode {
        /** {@code clientConfig.service}: knative-serving/webhook, as shipped in kubernetes/600-webhooks.yaml. */
        SERVICE,
        /** {@code clientConfig.url}: the process runs outside the cluster (make run, E2E tests). */
        URL
    }
}
