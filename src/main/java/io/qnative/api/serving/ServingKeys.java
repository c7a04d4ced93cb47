package io.qnative.api.serving;

/**
 * Every {@code serving.knative.dev/*} label and annotation key qnative reads or writes
 * ({@code pkg/apis/serving/register.go}). Networking keys are in
 * {@link io.qnative.api.networking.NetworkingKeys}, autoscaling keys in
 * {@link io.qnative.api.autoscaling.AutoscalingKeys}.
 */
public final class ServingKeys {

    /** The API group. */
    public static final String GROUP = "serving.knative.dev";
    /** The prefix of every key below. */
    public static final String PREFIX = GROUP + "/";

    /** Label: the owning Service's name (Configuration, Route, Revision and children, KIngress). */
    public static final String SERVICE = PREFIX + "service";
    /** Label: the owning Service's UID. */
    public static final String SERVICE_UID = PREFIX + "serviceUID";
    /** Label: the owning Configuration's name (Revision and children). */
    public static final String CONFIGURATION = PREFIX + "configuration";
    /** Label: the owning Configuration's UID. */
    public static final String CONFIGURATION_UID = PREFIX + "configurationUID";
    /** Label: the Configuration generation a Revision was created for. */
    public static final String CONFIGURATION_GENERATION = PREFIX + "configurationGeneration";
    /** Label: the Revision's name (Deployment, pods, PodAutoscaler, its Services). */
    public static final String REVISION = PREFIX + "revision";
    /** Label: the Revision's UID; the Deployment's selector. */
    public static final String REVISION_UID = PREFIX + "revisionUID";
    /** Label: the Route's name (placeholder Services, KIngress, route certificates). */
    public static final String ROUTE = PREFIX + "route";
    /** Label: the Route's namespace (KIngress). */
    public static final String ROUTE_NAMESPACE = PREFIX + "routeNamespace";
    /** Label on a Revision: {@code pending}, {@code active} or {@code reserve}. */
    public static final String ROUTING_STATE = PREFIX + "routingState";
    /** Annotation on a Revision: RFC 3339 UTC time of the last routing-state change. */
    public static final String ROUTING_STATE_MODIFIED = PREFIX + "routingStateModified";
    /** Annotation on Configurations and Revisions: sorted, comma-joined names of the Routes using them. */
    public static final String ROUTES = PREFIX + "routes";
    /** Annotation on a Revision: {@code "true"} means never garbage-collect. */
    public static final String NO_GC = PREFIX + "no-gc";
    /** Annotation: the user who created the object. */
    public static final String CREATOR = PREFIX + "creator";
    /** Annotation: the user who last changed the object's spec. */
    public static final String LAST_MODIFIER = PREFIX + "lastModifier";
    /** Annotation on Service/Route: rollout duration (whole seconds). */
    public static final String ROLLOUT_DURATION = PREFIX + "rollout-duration";
    /** Legacy spelling of {@link #ROLLOUT_DURATION}. */
    public static final String ROLLOUT_DURATION_LEGACY = PREFIX + "rolloutDuration";
    /** Annotation on a Revision: progress deadline overriding {@code config-deployment}. */
    public static final String PROGRESS_DEADLINE = PREFIX + "progress-deadline";
    /** Legacy annotation naming the last time a Revision was pinned by a Route. */
    public static final String LAST_PINNED = PREFIX + "lastPinned";
    /** Label on a Deployment: hash of its desired spec. */
    public static final String DEPLOYMENT_HASH = PREFIX + "deployment-hash";
    /** Label on DomainMapping children: the DomainMapping's UID (the name, on its certificate). */
    public static final String DOMAIN_MAPPING_UID = PREFIX + "domainMappingUID";
    /** Label on DomainMapping children: the DomainMapping's namespace. */
    public static final String DOMAIN_MAPPING_NAMESPACE = PREFIX + "domainMappingNamespace";
    /** Label on CRDs and objects: the release that installed them. */
    public static final String RELEASE = PREFIX + "release";

    /** Prefix of the queue-sidecar annotations (qnative has no sidecar but validates them as Knative does). */
    public static final String QUEUE_SIDECAR_PREFIX = "queue.sidecar." + GROUP + "/";
    /** Annotation: queue-sidecar resources as a percentage of the user container's (deprecated). */
    public static final String QUEUE_SIDECAR_RESOURCE_PERCENTAGE = QUEUE_SIDECAR_PREFIX + "resource-percentage";
    /** Legacy spelling of {@link #QUEUE_SIDECAR_RESOURCE_PERCENTAGE}. */
    public static final String QUEUE_SIDECAR_RESOURCE_PERCENTAGE_LEGACY = QUEUE_SIDECAR_PREFIX + "resourcePercentage";
    /** Annotation on a template: {@code Enabled} turns on full-duplex HTTP for the Revision. */
    public static final String FEATURE_HTTP_FULL_DUPLEX = "features.knative.dev/http-full-duplex";

    /** Routing state of a Revision not yet referenced by a Route. */
    public static final String ROUTING_STATE_PENDING = "pending";
    /** Routing state of a Revision a Route references. */
    public static final String ROUTING_STATE_ACTIVE = "active";
    /** Routing state of a Revision no longer referenced. */
    public static final String ROUTING_STATE_RESERVE = "reserve";

    /** Finalizer the labeler puts on Routes. */
    public static final String ROUTE_FINALIZER = "routes." + GROUP;
    /** Finalizer on DomainMappings. */
    public static final String DOMAIN_MAPPING_FINALIZER = "domainmappings." + GROUP;

    private ServingKeys() {
    }
}
