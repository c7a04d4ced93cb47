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
     * Pods the autoscaler asked the scale target for, after min/max and scale-to-zero gating. Prometheus
     * {@code autoscaler_requested_pods}; Knative {@code knative.dev/serving/autoscaler/requested_pods}.
     */
    public static final String AUTOSCALER_REQUESTED_PODS = "autoscaler.requested.pods";

    /** 1 while a revision's decider is in panic mode. Prometheus {@code autoscaler_panic_mode}; Knative's name. */
    public static final String AUTOSCALER_PANIC_MODE = "autoscaler.panic.mode";

    /**
     * Average concurrency over the stable window (concurrency-scaled revisions). Prometheus
     * {@code autoscaler_stable_request_concurrency}; Knative's name.
     */
    public static final String AUTOSCALER_STABLE_REQUEST_CONCURRENCY = "autoscaler.stable.request.concurrency";

    /**
     * Average concurrency over the panic window (concurrency-scaled revisions). Prometheus
     * {@code autoscaler_panic_request_concurrency}; Knative's name.
     */
    public static final String AUTOSCALER_PANIC_REQUEST_CONCURRENCY = "autoscaler.panic.request.concurrency";

    /** Per-pod concurrency target. Prometheus {@code autoscaler_target_concurrency_per_pod}; Knative's name. */
    public static final String AUTOSCALER_TARGET_CONCURRENCY_PER_POD = "autoscaler.target.concurrency.per.pod";

    /**
     * Average requests per second over the stable window (rps-scaled revisions). Prometheus
     * {@code autoscaler_stable_requests_per_second}; Knative's name.
     */
    public static final String AUTOSCALER_STABLE_REQUESTS_PER_SECOND = "autoscaler.stable.requests.per.second";

    /**
     * Average requests per second over the panic window (rps-scaled revisions). Prometheus
     * {@code autoscaler_panic_requests_per_second}; Knative's name.
     */
    public static final String AUTOSCALER_PANIC_REQUESTS_PER_SECOND = "autoscaler.panic.requests.per.second";

    /** Per-pod rps target. Prometheus {@code autoscaler_target_requests_per_second}; Knative's name. */
    public static final String AUTOSCALER_TARGET_REQUESTS_PER_SECOND = "autoscaler.target.requests.per.second";

    /**
     * Spare capacity after reserving the target burst capacity; negative keeps the gateway buffering. Prometheus
     * {@code autoscaler_excess_burst_capacity}; Knative's name.
     */
    public static final String AUTOSCALER_EXCESS_BURST_CAPACITY = "autoscaler.excess.burst.capacity";

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

    /**
     * Keys that entered a controller's queue (an add of a key already waiting does not count), by controller, as
     * client-go's {@code workqueue_adds_total}. Prometheus {@code qnative_workqueue_adds_total}.
     */
    public static final String WORKQUEUE_ADDS = "qnative.workqueue.adds";

    /**
     * How long keys waited in a controller's queue for a worker, by controller, as client-go's
     * {@code workqueue_queue_duration_seconds}. Prometheus {@code qnative_workqueue_queue_latency_seconds}.
     */
    public static final String WORKQUEUE_QUEUE_LATENCY = "qnative.workqueue.queue.latency";

    /**
     * Kubernetes Events dropped because the recorder's queue was full (client-go's {@code maxQueuedEvents}, 1,000).
     * Prometheus {@code qnative_events_dropped_total}.
     */
    public static final String EVENTS_DROPPED = "qnative.events.dropped";

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
