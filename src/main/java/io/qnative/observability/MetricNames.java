package io.qnative.observability;

/**
 * Every metric qnative publishes, as Micrometer names. Prometheus (at {@code /q/metrics} on the management port)
 * turns dots into underscores, adds {@code _total} to counters and {@code _seconds} to timers; the Prometheus form
 * is given on each constant. Knative's OpenCensus names (the seed's) are noted where a metric replaces one.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /**
     * Requests the gateway/activator handled, by namespace, service, configuration, revision and response code
     * class. Prometheus {@code activator_request_count_total}; Knative
     * {@code knative.dev/serving/activator/request_count}.
     */
    public static final String ACTIVATOR_REQUEST_COUNT = "activator.request.count";

    /**
     * Pods the autoscaler wants for a revision. Prometheus {@code autoscaler_desired_pods}; Knative
     * {@code knative.dev/serving/autoscaler/desired_pods}.
     */
    public static final String AUTOSCALER_DESIRED_PODS = "autoscaler.desired.pods";

    /**
     * Ready pods of a revision as the autoscaler sees them. Prometheus {@code autoscaler_actual_pods}; Knative
     * {@code knative.dev/serving/autoscaler/actual_pods}.
     */
    public static final String AUTOSCALER_ACTUAL_PODS = "autoscaler.actual.pods";

    /**
     * Requests proxied to a revision's pods (qnative has no queue-proxy; the gateway's proxy stage counts what
     * Knative's sidecar counted). Prometheus {@code proxy_request_count_total}; Knative
     * {@code knative.dev/serving/queue/proxy/request_count}.
     */
    public static final String PROXY_REQUEST_COUNT = "proxy.request.count";

    /** Reconciles by controller and result (success, error). Prometheus {@code qnative_reconcile_count_total}. */
    public static final String RECONCILE_COUNT = "qnative.reconcile.count";

    /** Reconcile duration by controller. Prometheus {@code qnative_reconcile_latency_seconds}. */
    public static final String RECONCILE_LATENCY = "qnative.reconcile.latency";

    /** Keys waiting for a worker, by controller. Prometheus {@code qnative_workqueue_depth}. */
    public static final String WORKQUEUE_DEPTH = "qnative.workqueue.depth";

    /** 1 while this replica holds the leader Lease, else 0. Prometheus {@code qnative_leader}. */
    public static final String LEADER = "qnative.leader";

    /**
     * {@code config-*} ConfigMaps whose current content is malformed (the last good value is in use).
     * Prometheus {@code qnative_config_invalid}.
     */
    public static final String CONFIG_INVALID = "qnative.config.invalid";

    /**
     * Latency of requests through the gateway (arrival to response end, queueing included) by namespace, service,
     * configuration, revision and response code class. Prometheus {@code activator_request_latencies_seconds};
     * Knative {@code knative.dev/serving/activator/request_latencies} (milliseconds there).
     */
    public static final String ACTIVATOR_REQUEST_LATENCIES = "activator.request.latencies";

    /**
     * Requests in flight through the gateway for a revision, queued ones included. Prometheus
     * {@code activator_request_concurrency}; Knative {@code knative.dev/serving/activator/request_concurrency}.
     */
    public static final String ACTIVATOR_REQUEST_CONCURRENCY = "activator.request.concurrency";

    /** Requests waiting for a pod slot, by revision. Prometheus {@code qnative_gateway_queue_depth}. */
    public static final String GATEWAY_QUEUE_DEPTH = "qnative.gateway.queue.depth";

    /**
     * Pods of a revision that passed the gateway's readiness probe and get traffic. Prometheus
     * {@code qnative_gateway_pods_in_rotation}.
     */
    public static final String GATEWAY_PODS_IN_ROTATION = "qnative.gateway.pods.in.rotation";

    /** Requests the gateway answered itself with 502/503/504, by cause. Prometheus {@code qnative_gateway_errors_total}. */
    public static final String GATEWAY_ERRORS = "qnative.gateway.errors";
}
