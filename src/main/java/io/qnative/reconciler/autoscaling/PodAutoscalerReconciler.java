package io.qnative.reconciler.autoscaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.autoscaling.ScalingAnnotations;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.autoscaler.metrics.RevisionKey;
import io.qnative.autoscaler.scaling.Decision;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.autoscaler.scaling.PodCounter;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.autoscaling.resources.PublicEndpoints;
import io.qnative.reconciler.autoscaling.resources.ScaleGate;
import io.qnative.reconciler.names.Names;
import org.jboss.logging.Logger;

/**
 * The KPA's PodAutoscaler control loop (Knative's {@code pkg/reconciler/autoscaling/kpa/kpa.go}): resolves the
 * revision's parameters, keeps its decider and metric collection in line ({@link Deciders}), applies the latest
 * published decision to the scale target (the Revision's Deployment) through its scale, gated as
 * {@link ScaleGate}; points the Revision's public Service {@code <rev>} at the gateway by writing its Endpoints
 * (qnative's stand-in for the ServerlessService, always in proxy mode: the gateway is always in the path); and
 * reports desired/actual scale, {@code ScaleTargetInitialized} and {@code Active} as Knative's
 * {@code computeActiveCondition}. PodAutoscalers of class {@code hpa.autoscaling.knative.dev} get a
 * HorizontalPodAutoscaler instead ({@link HpaAutoscaling}). Annotations the webhook would refuse are named on the
 * non-blocking condition {@value #ANNOTATIONS_VALID} and their defaults apply.
 *
 * <p>{@code SKSReady} is True once {@code <rev>}'s Endpoints are written, with or without gateway pods: the gateway
 * itself routes to the pods through {@code <rev>-private}, so a gateway running outside the cluster (local mode)
 * does not make the Revision unreachable through it.
 */
public final class PodAutoscalerReconciler extends KindReconciler<PodAutoscaler> {

    private static final Logger LOG = Logger.getLogger(PodAutoscalerReconciler.class);

    static final String MESSAGE_NO_TRAFFIC = "The target is not receiving traffic.";
    static final String MESSAGE_TIMED_OUT = "The target could not be activated.";
    static final String MESSAGE_QUEUED = "Requests to the target are being buffered as resources are provisioned.";
    /** Condition naming invalid autoscaling annotations (not a Ready dependent). */
    public static final String ANNOTATIONS_VALID = "AnnotationsValid";
    /** Its reason when some are invalid. */
    public static final String REASON_INVALID_ANNOTATIONS = "InvalidAnnotations";

    /** Sets a Deployment's spec.replicas. */
    @FunctionalInterface
    public interface Scaler {
        void scale(Deployment target, int replicas);
    }

    /** Where {@code <rev>}'s Endpoints point: the gateway's Endpoints and its cluster-local listener ports. */
    public record Gateway(String namespace, int httpPort, int httpsPort) {
    }

    private final Lister<Deployment> deployments;
    private final Lister<Endpoints> endpoints;
    private final Children children;
    private final Scaler scaler;
    private final Gateway gateway;
    private final Deciders deciders;
    private final AutoscalerMetrics metrics;
    private final HpaAutoscaling hpa;

    PodAutoscalerReconciler(Lister<PodAutoscaler> podAutoscalers, Lister<Deployment> deployments,
            Lister<Endpoints> endpoints, Children children, Scaler scaler, Supplier<ConfigSnapshot> config,
            Gateway gateway, Deciders deciders, AutoscalerMetrics metrics, HpaAutoscaling hpa,
            StatusUpdater statusUpdater, Clock clock) {
        super(PodAutoscaler.class, PodAutoscalerStatus::new, podAutoscalers, config, statusUpdater, clock);
        this.deployments = deployments;
        this.endpoints = endpoints;
        this.children = children;
        this.scaler = scaler;
        this.gateway = gateway;
        this.deciders = deciders;
        this.metrics = metrics;
        this.hpa = hpa;
    }

    @Override
    protected Result reconcileKind(PodAutoscaler pa, Instant now) throws Exception {
        ConfigSnapshot snapshot = config.get();
        AutoscalerConfig cfg = snapshot.autoscaler();
        Deployment target = scaleTarget(pa);
        if (target == null) {
            // The Revision creates it; its informer event brings this PA back.
            return Result.done();
        }
        RevisionKey key = new RevisionKey(pa.getMetadata().getNamespace(), pa.getMetadata().getName());
        Parameters params = parameters(pa, cfg);
        reportAnnotations(pa.getStatus(), params, now);
        if (AutoscalingKeys.CLASS_HPA.equals(params.autoscalerClass())) {
            deciders.delete(key);
            metrics.remove(key);
            reconcileEndpoints(pa, now);
            setServiceNames(pa);
            return hpa.reconcile(pa, params, now);
        }
        Decision decision = deciders.reconcile(key, params, podCounter(target), now);
        ScaleGate.Outcome outcome = ScaleGate.scale(decision.desiredScale(), pa.getStatus(), params, cfg,
                progressDeadline(pa, snapshot), deciders.proxyFor(key, now), now);
        if (outcome.apply()) {
            applyScale(target, outcome.scale());
        }
        deciders.routed(key, outcome.scale() <= 0 || decision.excessBurstCapacity() < 0, now);
        reconcileEndpoints(pa, now);
        int ready = readyReplicas(target);
        report(pa, params, outcome.scale(), ready, now);
        metrics.report(key, params.decider(), decision, outcome.scale(), ready);
        return outcome.requeueAfter().map(Result::requeueAfter).orElse(Result.done());
    }

    /** The PA's parameters from its annotations, {@code config-autoscaler}, containerConcurrency, reachability. */
    static Parameters parameters(PodAutoscaler pa, AutoscalerConfig cfg) {
        Long cc = pa.getSpec() == null ? null : pa.getSpec().getContainerConcurrency();
        String reachability = pa.getSpec() == null ? null : pa.getSpec().getReachability();
        return ParameterResolver.resolve(pa.getMetadata().getAnnotations(), cfg, cc == null ? 0 : cc,
                Reachability.of(reachability));
    }

    private static void reportAnnotations(PodAutoscalerStatus status, Parameters params, Instant now) {
        if (params.problems().isEmpty()) {
            status.manage(now).clearCondition(ANNOTATIONS_VALID);
        } else {
            status.manage(now).markFalse(ANNOTATIONS_VALID, REASON_INVALID_ANNOTATIONS,
                    "Invalid autoscaling annotations are ignored and their defaults apply: "
                            + params.problems().replace('\n', ';'));
        }
    }

    private Deployment scaleTarget(PodAutoscaler pa) {
        if (pa.getSpec() == null || pa.getSpec().getScaleTargetRef() == null
                || pa.getSpec().getScaleTargetRef().getName() == null) {
            return null;
        }
        return deployments.get(pa.getMetadata().getNamespace(), pa.getSpec().getScaleTargetRef().getName())
                .orElse(null);
    }

    /**
     * The decider's ready pods: the Deployment's ready replicas (its ReplicaSets count Ready pods that are not
     * terminating); a Deployment gone from the cache counts as 0 ("not found").
     */
    private PodCounter podCounter(Deployment target) {
        String ns = target.getMetadata().getNamespace();
        String name = target.getMetadata().getName();
        return () -> readyReplicas(deployments.get(ns, name).orElseThrow(
                () -> new PodCounter.PodCountException("deployment " + ns + "/" + name + " not found", true)));
    }

    /** The revision's {@code serving.knative.dev/progress-deadline}, else {@code config-deployment}'s. */
    private static Duration progressDeadline(PodAutoscaler pa, ConfigSnapshot snapshot) {
        Map<String, String> a = pa.getMetadata().getAnnotations();
        return ScalingAnnotations.duration(a, io.qnative.api.autoscaling.PriorityKey.of(
                ServingKeys.PROGRESS_DEADLINE)).orElse(snapshot.deployment().progressDeadline());
    }

    /** Sets the target's replicas to {@code want} when they differ (unset replicas count as 1). */
    private void applyScale(Deployment target, int want) {
        Integer current = target.getSpec() == null ? null : target.getSpec().getReplicas();
        if ((current == null ? 1 : current) != want) {
            LOG.debugf("scaling %s/%s from %s to %d", target.getMetadata().getNamespace(),
                    target.getMetadata().getName(), current, want);
            scaler.scale(target, want);
            LOG.debugf("scaled %s/%s to %d", target.getMetadata().getNamespace(), target.getMetadata().getName(),
                    want);
        }
    }

    /** {@code <rev>}'s Endpoints: the gateway's addresses; a foreign object of that name makes the PA inactive. */
    private void reconcileEndpoints(PodAutoscaler pa, Instant now) throws Exception {
        Endpoints gatewayEndpoints = endpoints.get(gateway.namespace(), io.qnative.gateway.Gateway.INTERNAL_SERVICE)
                .orElse(null);
        Endpoints want = PublicEndpoints.make(pa, gatewayEndpoints, gateway.httpPort(), gateway.httpsPort());
        Endpoints have = endpoints.get(pa.getMetadata().getNamespace(), want.getMetadata().getName()).orElse(null);
        try {
            children.apply(pa, have, want, PodAutoscalerReconciler::sameEndpoints, (h, w) -> {
                h.setSubsets(w.getSubsets());
                h.getMetadata().setLabels(w.getMetadata().getLabels());
                return h;
            });
        } catch (Children.NotOwnedException e) {
            pa.getStatus().markResourceNotOwned(e.kind(), e.name(), now);
            throw e;
        }
        pa.getStatus().markSksReady(now);
    }

    private static boolean sameEndpoints(Endpoints have, Endpoints want) {
        return Objects.equals(orEmpty(have.getSubsets()), orEmpty(want.getSubsets()))
                && Objects.equals(have.getMetadata().getLabels(), want.getMetadata().getLabels());
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void setServiceNames(PodAutoscaler pa) {
        pa.getStatus().setServiceName(Names.publicService(pa));
        pa.getStatus().setMetricsServiceName(Names.privateService(pa));
    }

    /** Service names, scales, ScaleTargetInitialized and Active. */
    private static void report(PodAutoscaler pa, Parameters params, int want, int ready, Instant now) {
        setServiceNames(pa);
        reportScale(pa.getStatus(), params, want, ready, now);
    }

    /**
     * Desired and actual scale, ScaleTargetInitialized and Active for a scale {@code want} (−1 unknown) and
     * {@code ready} pods; the service names must be set. Also used by {@code qnative simulate}.
     */
    public static void reportScale(PodAutoscalerStatus status, Parameters params, int want, int ready,
            Instant now) {
        if (want >= 0 || status.getDesiredScale() == null || status.getDesiredScale() < 0) {
            status.setDesiredScale(want);
        }
        status.setActualScale(ready);
        int minReady = ScaleGate.activeThreshold(params, status.isScaleTargetInitialized());
        if (ready >= minReady && !status.getServiceName().isEmpty()) {
            status.markScaleTargetInitialized(now);
        }
        computeActiveCondition(status, want, ready, minReady, now);
    }

    /**
     * Knative's {@code computeActiveCondition}: nothing wanted (or nothing needed) is Inactive {@code NoTraffic}, or
     * {@code TimedOut} when it was activating; fewer ready than the threshold is Activating {@code Queued}; else
     * Active. An Inactive PA with no positive scale wanted stays Inactive.
     */
    static void computeActiveCondition(PodAutoscalerStatus status, int want, int ready, int minReady, Instant now) {
        if (want == 0 || minReady == 0) {
            if (status.isActivating() && minReady > 0) {
                status.markInactive(PodAutoscalerConditions.REASON_TIMED_OUT, MESSAGE_TIMED_OUT, now);
            } else {
                status.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC, MESSAGE_NO_TRAFFIC, now);
            }
        } else if (ready < minReady) {
            if (want > 0 || !status.isInactive()) {
                status.markActivating(PodAutoscalerConditions.REASON_QUEUED, MESSAGE_QUEUED, now);
            } else {
                status.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC, MESSAGE_NO_TRAFFIC, now);
            }
        } else if (want > 0 || !status.isInactive()) {
            status.markActive(now);
        }
    }

    private static int readyReplicas(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }
}
