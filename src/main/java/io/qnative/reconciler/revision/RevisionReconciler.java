package io.qnative.reconciler.revision;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionConditions;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.gateway.Gateway;
import io.qnative.kube.Children;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.names.Names;
import io.qnative.reconciler.revision.digest.DigestResolver;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.OwnedFields;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.reconciler.revision.resources.Services;

/**
 * The Revision control loop (as adapted in docs/differences-from-knative.md; Knative's {@code
 * pkg/reconciler/revision}): resolves the containers' images to digests, runs them in the Deployment
 * {@code <rev>-deployment}, fronts them with the Services {@code <rev>} and {@code <rev>-private} that Knative's
 * ServerlessService would create, and hands scaling to the PodAutoscaler {@code <rev>}. Ready follows the
 * Deployment, the pods' failures and the PodAutoscaler:
 * {@code Ready <- ResourcesAvailable, ContainerHealthy}; {@code Active} mirrors the PodAutoscaler.
 */
public final class RevisionReconciler extends KindReconciler<Revision> {

    /** Event reason of a Revision that became Ready. */
    public static final String REVISION_READY = "RevisionReady";

    private final Lister<Deployment> deployments;
    private final Lister<Service> services;
    private final Lister<PodAutoscaler> podAutoscalers;
    private final Lister<Pod> pods;
    private final Children children;
    private final EventRecorder events;
    private final IntSupplier kubernetesMinor;
    private final Gateway.Ports gateway;
    private final DigestResolver digests;

    RevisionReconciler(Lister<Revision> revisions, Lister<Deployment> deployments, Lister<Service> services,
            Lister<PodAutoscaler> podAutoscalers, Lister<Pod> pods, Children children, EventRecorder events,
            Supplier<ConfigSnapshot> config, IntSupplier kubernetesMinor, Gateway.Ports gateway,
            DigestResolver digests, StatusUpdater statusUpdater, Clock clock) {
        super(Revision.class, RevisionStatus::new, revisions, config, statusUpdater, clock);
        this.deployments = deployments;
        this.services = services;
        this.podAutoscalers = podAutoscalers;
        this.pods = pods;
        this.children = children;
        this.events = events;
        this.kubernetesMinor = kubernetesMinor;
        this.gateway = gateway;
        this.digests = digests;
    }

    @Override
    protected Result reconcileKind(Revision rev, Instant now) throws Exception {
        ConfigSnapshot cfg = config.get();
        boolean readyBefore = rev.isReady();
        recordLogUrl(rev, cfg);
        if (!reconcileDigests(rev, cfg, now)) {
            return Result.done();
        }
        Deployment deployment = reconcileDeployment(rev, cfg, now);
        reconcileServices(rev, now);
        reconcilePodAutoscaler(rev, cfg, deployment, now);
        announceReady(rev, readyBefore);
        return Result.done();
    }

    /** {@code status.logUrl} from {@code config-observability}'s revision-url-template. */
    private static void recordLogUrl(Revision rev, ConfigSnapshot cfg) {
        String uid = rev.getMetadata().getUid() == null ? "" : rev.getMetadata().getUid();
        rev.getStatus().setLogUrl(cfg.observability().logUrl(uid).orElse(null));
    }

    /**
     * Knative's {@code reconcileDigest}: the containers' images by digest into {@code status.containerStatuses},
     * resolved in the background (the Revision is re-enqueued when done); once recorded they are never resolved
     * again. False while resolving (ResourcesAvailable Unknown {@code ResolvingDigests}, nothing deployed yet).
     *
     * @throws DigestResolutionException when an image cannot be resolved (ContainerHealthy False
     *     {@code ContainerMissing}; retried with back-off)
     */
    private boolean reconcileDigests(Revision rev, ConfigSnapshot cfg, Instant now) throws DigestResolutionException {
        RevisionStatus status = rev.getStatus();
        String ns = rev.getMetadata().getNamespace();
        String name = rev.getMetadata().getName();
        List<Container> containers = rev.getSpec().getContainers();
        if (status.getContainerStatuses() != null && status.getContainerStatuses().size() == containers.size()) {
            digests.clear(ns, name);
            return true;
        }
        List<String> pullSecrets = rev.getSpec().getImagePullSecrets() == null ? List.of()
                : rev.getSpec().getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
        List<Container> inits = rev.getSpec().getInitContainers() == null ? List.of()
                : rev.getSpec().getInitContainers();
        Optional<DigestResolver.Resolution> resolved = digests.resolve(new DigestResolver.Request(ns, name,
                rev.getSpec().getServiceAccountName(), pullSecrets, containers, inits,
                cfg.deployment().registriesSkippingTagResolving(), cfg.deployment().digestResolutionTimeout()));
        if (resolved.isEmpty()) {
            status.markResourcesAvailableUnknown(RevisionConditions.REASON_RESOLVING_DIGESTS, "", now);
            return false;
        }
        if (resolved.get().error() != null) {
            digests.clear(ns, name);
            status.markContainerHealthyFalse(RevisionConditions.REASON_CONTAINER_MISSING, resolved.get().error(),
                    now);
            throw new DigestResolutionException(resolved.get().error());
        }
        status.setContainerStatuses(resolved.get().containers());
        status.setInitContainerStatuses(resolved.get().initContainers());
        return true;
    }

    /** An image of the Revision could not be resolved to a digest. */
    static final class DigestResolutionException extends Exception {

        private static final long serialVersionUID = 1L;

        DigestResolutionException(String message) {
            super(message);
        }
    }

    /**
     * Creates or updates {@code <rev>-deployment} and reads its state into ResourcesAvailable/ContainerHealthy,
     * asking one pod why when replicas are wanted but none is available.
     *
     * @return the Deployment as stored
     */
    private Deployment reconcileDeployment(Revision rev, ConfigSnapshot cfg, Instant now) throws Exception {
        RevisionStatus status = rev.getStatus();
        Deployment want = Deployments.make(rev, cfg, DeploymentOptions.forMinor(kubernetesMinor.getAsInt()));
        Deployment have = deployments.get(rev.getMetadata().getNamespace(), want.getMetadata().getName())
                .orElse(null);
        if (have == null) {
            status.markResourcesAvailableUnknown(RevisionConditions.REASON_DEPLOYING, "", now);
            status.markContainerHealthyUnknown(RevisionConditions.REASON_DEPLOYING, "", now);
            return children.create(rev, want);
        }
        Deployment deployment = apply(rev, have, want, OwnedFields::sameDeployment, OwnedFields::deployment, now);
        status.propagateDeploymentStatus(deployment.getStatus(), now);
        if (wantsPodsButHasNone(deployment)) {
            status.propagatePodFailure(deployment, firstPod(rev),
                    cfg.deployment().podIsAlwaysSchedulable(), now);
        }
        if (readyReplicas(deployment) > 0) {
            status.markContainerHealthyTrue(now);
        }
        return deployment;
    }

    /** {@code <rev>} (no selector, the gateway's endpoints) and {@code <rev>-private} (the pods). */
    private void reconcileServices(Revision rev, Instant now) throws Exception {
        for (Service want : new Service[] {Services.makePublic(rev, gateway),
                Services.makePrivate(rev)}) {
            Service have = services.get(rev.getMetadata().getNamespace(), want.getMetadata().getName()).orElse(null);
            apply(rev, have, want, OwnedFields::sameService, OwnedFields::service, now);
        }
    }

    /** Creates or updates the PodAutoscaler {@code <rev>} and reads its status. */
    private void reconcilePodAutoscaler(Revision rev, ConfigSnapshot cfg, Deployment deployment, Instant now)
            throws Exception {
        PodAutoscaler want = PodAutoscalers.make(rev, cfg, deployment);
        PodAutoscaler have = podAutoscalers.get(rev.getMetadata().getNamespace(), Names.podAutoscaler(rev))
                .orElse(null);
        PodAutoscaler pa = apply(rev, have, want, OwnedFields::samePodAutoscaler, OwnedFields::podAutoscaler, now);
        rev.getStatus().propagateAutoscalerStatus(
                pa.getStatus() == null ? new PodAutoscalerStatus() : pa.getStatus(), now);
    }

    /**
     * The child applier; a same-named child another object controls is left alone, ResourcesAvailable becomes
     * False {@code NotOwned} and the reconcile fails (and is retried), as Knative's.
     */
    private <T extends HasMetadata> T apply(Revision rev, T have, T want, BiPredicate<T, T> same,
            BiFunction<T, T, T> merge, Instant now) throws Children.NotOwnedException {
        try {
            return children.apply(rev, have, want, same, merge);
        } catch (Children.NotOwnedException e) {
            rev.getStatus().markResourcesAvailableFalse(RevisionConditions.REASON_NOT_OWNED,
                    RevisionStatus.resourceNotOwnedMessage(e.kind(), e.name()), now);
            throw e;
        }
    }

    /** One pod of the Revision (the first by name: they all fail alike), or null. */
    private Pod firstPod(Revision rev) {
        String uid = rev.getMetadata().getUid() == null ? "" : rev.getMetadata().getUid();
        return pods.list(rev.getMetadata().getNamespace(), Map.of(ServingKeys.REVISION_UID, uid)).stream()
                .min(Comparator.comparing(p -> p.getMetadata().getName()))
                .orElse(null);
    }

    /** The Revision became Ready in this pass: a Normal event, as Knative. */
    private void announceReady(Revision rev, boolean readyBefore) {
        if (!readyBefore && rev.getStatus().getCondition(Condition.READY).isTrue()) {
            events.normal(rev, REVISION_READY, "Revision becomes ready upon all resources being ready");
        }
    }

    private static boolean wantsPodsButHasNone(Deployment d) {
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
        return replicas != null && replicas > 0 && (available == null || available == 0);
    }

    private static int readyReplicas(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }
}
