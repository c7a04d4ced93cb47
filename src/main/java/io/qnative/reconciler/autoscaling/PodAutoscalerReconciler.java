package io.qnative.reconciler.autoscaling;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerConditions;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.autoscaling.resources.PublicEndpoints;
import io.qnative.reconciler.autoscaling.resources.Scales;
import io.qnative.reconciler.names.Names;

/**
 * The basic PodAutoscaler control loop, until the KPA's metric-driven decider replaces its scale decision. It
 * gives the scale target (the Revision's Deployment) its initial scale, never less than min-scale; points the
 * Revision's public Service {@code <rev>} at the gateway by writing its Endpoints (qnative's stand-in for the
 * ServerlessService in proxy mode); and reports what makes the Revision Ready: {@code ScaleTargetInitialized} once
 * the target had its initial scale ready, {@code serviceName} {@code <rev>}, desired/actual scale and
 * {@code Active} as Knative's {@code computeActiveCondition} ({@code pkg/reconciler/autoscaling/kpa/kpa.go}).
 *
 * <p>{@code SKSReady} is True once {@code <rev>}'s Endpoints are written, with or without gateway pods: the gateway
 * itself routes to the pods through {@code <rev>-private}, so a gateway running outside the cluster (local mode)
 * does not make the Revision unreachable through it.
 */
public final class PodAutoscalerReconciler extends KindReconciler<PodAutoscaler> {

    static final String MESSAGE_NO_TRAFFIC = "The target is not receiving traffic.";
    static final String MESSAGE_TIMED_OUT = "The target could not be activated.";
    static final String MESSAGE_QUEUED = "Requests to the target are being buffered as resources are provisioned.";

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

    PodAutoscalerReconciler(Lister<PodAutoscaler> podAutoscalers, Lister<Deployment> deployments,
            Lister<Endpoints> endpoints, Children children, Scaler scaler, Supplier<ConfigSnapshot> config,
            Gateway gateway, StatusUpdater statusUpdater, Clock clock) {
        super(PodAutoscaler.class, PodAutoscalerStatus::new, podAutoscalers, config, statusUpdater, clock);
        this.deployments = deployments;
        this.endpoints = endpoints;
        this.children = children;
        this.scaler = scaler;
        this.gateway = gateway;
    }

    @Override
    protected Result reconcileKind(PodAutoscaler pa, Instant now) throws Exception {
        AutoscalerConfig cfg = config.get().autoscaler();
        Deployment target = scaleTarget(pa);
        if (target == null) {
            // The Revision creates it; its informer event brings this PA back.
            return Result.done();
        }
        int want = scale(pa, cfg, target);
        reconcileEndpoints(pa, now);
        report(pa, cfg, want, readyReplicas(target), now);
        return Result.done();
    }

    private Deployment scaleTarget(PodAutoscaler pa) {
        if (pa.getSpec() == null || pa.getSpec().getScaleTargetRef() == null
                || pa.getSpec().getScaleTargetRef().getName() == null) {
            return null;
        }
        return deployments.get(pa.getMetadata().getNamespace(), pa.getSpec().getScaleTargetRef().getName())
                .orElse(null);
    }

    /** Sets the target's replicas when they differ from {@link Scales#desired}; returns that scale. */
    private int scale(PodAutoscaler pa, AutoscalerConfig cfg, Deployment target) {
        Integer current = target.getSpec() == null ? null : target.getSpec().getReplicas();
        int want = Scales.desired(pa, cfg, current, pa.getStatus().isScaleTargetInitialized());
        if (!Objects.equals(current, want)) {
            scaler.scale(target, want);
        }
        return want;
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

    /** Service names, scales, ScaleTargetInitialized and Active. */
    private static void report(PodAutoscaler pa, AutoscalerConfig cfg, int want, int ready, Instant now) {
        PodAutoscalerStatus status = pa.getStatus();
        status.setServiceName(Names.publicService(pa));
        status.setMetricsServiceName(Names.privateService(pa));
        status.setDesiredScale(want);
        status.setActualScale(ready);
        if (!status.isScaleTargetInitialized()
                && ready >= Scales.activeThreshold(pa, cfg, false) && !status.getServiceName().isEmpty()) {
            status.markScaleTargetInitialized(now);
        }
        computeActiveCondition(status, want, ready,
                Scales.activeThreshold(pa, cfg, status.isScaleTargetInitialized()), now);
    }

    /**
     * Knative's {@code computeActiveCondition} for a decided scale ({@code want >= 0}): nothing wanted (or nothing
     * needed yet) is Inactive {@code NoTraffic}, or {@code TimedOut} when it was activating; fewer ready than the
     * threshold is Activating {@code Queued}; else Active.
     */
    static void computeActiveCondition(PodAutoscalerStatus status, int want, int ready, int minReady, Instant now) {
        if (want == 0 || minReady == 0) {
            if (status.isActivating() && minReady > 0) {
                status.markInactive(PodAutoscalerConditions.REASON_TIMED_OUT, MESSAGE_TIMED_OUT, now);
            } else {
                status.markInactive(PodAutoscalerConditions.REASON_NO_TRAFFIC, MESSAGE_NO_TRAFFIC, now);
            }
        } else if (ready < minReady) {
            status.markActivating(PodAutoscalerConditions.REASON_QUEUED, MESSAGE_QUEUED, now);
        } else {
            status.markActive(now);
        }
    }

    private static int readyReplicas(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }
}
