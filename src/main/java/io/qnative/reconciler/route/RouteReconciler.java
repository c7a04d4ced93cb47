package io.qnative.reconciler.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.duck.Addressable;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteConditions;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.route.domains.DomainNameException;
import io.qnative.reconciler.route.domains.Domains;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.domains.Visibility;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.traffic.Rollout;
import io.qnative.reconciler.route.traffic.RolloutState;
import io.qnative.reconciler.route.traffic.StatusTraffic;
import io.qnative.reconciler.route.traffic.Traffic;
import io.qnative.reconciler.route.traffic.TrafficConfig;

/**
 * The Route reconciler (Knative's {@code pkg/reconciler/route/route.go}): resolves the traffic to ready
 * Revisions, records url/address/traffic, keeps one placeholder Service per traffic group, writes the KIngress
 * (stepping a gradual rollout, with the TLS blocks of its Certificates, {@link RouteTls}) and mirrors its
 * readiness. While traffic does not resolve, the KIngress and the
 * Services are left alone and status.traffic/address keep their previous values; the url is recomputed anyway.
 */
public final class RouteReconciler extends KindReconciler<Route> {

    private final Lister<Configuration> configurations;
    private final Lister<Revision> revisions;
    private final Lister<Service> services;
    private final Lister<Ingress> ingresses;
    private final Placeholders placeholders;
    private final RouteTls tls;
    private final Children children;

    RouteReconciler(Lister<Route> routes, Lister<Configuration> configurations, Lister<Revision> revisions,
            Lister<Service> services, Lister<Endpoints> endpoints,
            Lister<Ingress> ingresses, Lister<Certificate> certificates, Children children,
            StatusUpdater statusUpdater, Supplier<ConfigSnapshot> config, Clock clock) {
        super(Route.class, RouteStatus::new, routes, config, statusUpdater, clock);
        this.configurations = configurations;
        this.revisions = revisions;
        this.services = services;
        this.ingresses = ingresses;
        this.placeholders = new Placeholders(services, endpoints, children);
        this.tls = new RouteTls(certificates, children);
        this.children = children;
    }

    /** What the traffic phase resolved: the traffic and the visibility of each group. */
    private record Resolved(TrafficConfig traffic, SortedMap<String, Visibility> visibility) {
    }

    @Override
    protected Result reconcileKind(Route route, Instant now) throws Exception {
        ConfigSnapshot snapshot = config.get();
        RouteStatus status = route.getStatus();
        if (!route.isGenerationObserved()) {
            status.markIngressNotConfigured(now);
        }
        Optional<Resolved> resolved = configureTraffic(snapshot, route, now);
        if (resolved.isEmpty()) {
            return Result.done();
        }
        Addressable address = new Addressable();
        address.setUrl(Domains.addressUrl(route, snapshot.clusterDomain()));
        status.setAddress(address);
        try {
            SortedMap<String, Service> live = placeholders.reconcile(snapshot, route,
                    resolved.get().traffic().names());
            RouteTls.Result certs = tls.reconcile(snapshot, route, resolved.get().traffic().names(),
                    resolved.get().visibility(), now);
            Rollout.Step step = RolloutState.compute(snapshot, route, resolved.get().traffic(),
                    ingresses.get(route.getMetadata().getNamespace(), Names.ingress(route)).orElse(null), now);
            Ingress ingress = reconcileIngress(snapshot, route, resolved.get(), step.rollout(), certs);
            propagateIngress(status, ingress, step.rollout(), now);
            placeholders.update(snapshot, route, live, ingress);
            return markRollout(snapshot, route, resolved.get(), step, now);
        } catch (Children.NotOwnedException e) {
            markNotOwned(status, e, now);
            throw e;
        }
    }

    /**
     * Resolves the traffic, recomputes the url and, when every target resolved, status.traffic and
     * AllTrafficAssigned ({@code configureTraffic}); empty when a target is not routable (marked) — nothing else to
     * do then.
     */
    private Optional<Resolved> configureTraffic(ConfigSnapshot snapshot, Route route, Instant now) {
        String ns = route.getMetadata().getNamespace();
        RouteStatus status = route.getStatus();
        Traffic.Resolution resolution = Traffic.resolve(route, n -> configurations.get(ns, n),
                n -> revisions.get(ns, n));
        SortedMap<String, Visibility> visibility;
        try {
            visibility = Visibilities.resolve(snapshot, route,
                    n -> services.get(ns, n).filter(s -> Kmeta.isControlledBy(s, route)));
            status.setUrl(Domains.url(snapshot, route, Domains.DEFAULT_TARGET,
                    visibility.getOrDefault(Domains.DEFAULT_TARGET, Visibility.EXTERNAL_IP)));
            if (resolution.error().isPresent()) {
                resolution.error().get().markBadTrafficTarget(status, now);
                return Optional.empty();
            }
            status.setTraffic(StatusTraffic.build(snapshot, route, resolution.config(), visibility, new Rollout()));
        } catch (DomainNameException e) {
            status.markRevisionTargetTrafficError(RouteConditions.REASON_ERROR_CONFIG, e.getMessage(), now);
            throw e;
        }
        status.markTrafficAssigned(now);
        return Optional.of(new Resolved(resolution.config(), visibility));
    }

    /** {@code externalDomainTLSEnabled}: on in config-network and not disabled by an annotation. */
    static boolean externalDomainTlsEnabled(ConfigSnapshot snapshot, Route route) {
        return snapshot.network().externalDomainTlsEnabled(route.getMetadata().getAnnotations());
    }

    /** Creates the KIngress or replaces its spec, labels and annotations when they differ. */
    private Ingress reconcileIngress(ConfigSnapshot snapshot, Route route, Resolved resolved, Rollout rollout,
            RouteTls.Result certs) throws Children.NotOwnedException {
        Ingress desired = Ingresses.make(snapshot, route, resolved.traffic(), resolved.visibility(), rollout,
                certs.tls(), certs.challenges());
        Ingress existing = ingresses.get(route.getMetadata().getNamespace(), desired.getMetadata().getName())
                .orElse(null);
        return children.applyKnative(route, existing, desired);
    }

    /** IngressReady: not configured while the KIngress's generation is unobserved, else mirrored unless rolling. */
    private static void propagateIngress(RouteStatus status, Ingress ingress, Rollout rollout, Instant now) {
        if (!ingress.isGenerationObserved()) {
            status.markIngressNotConfigured(now);
        } else if (rollout.done()) {
            status.propagateIngressStatus(ingress.getStatus(), now);
        }
    }

    /**
     * During a rollout: IngressReady Unknown {@code RolloutInProgress}, status.traffic showing the rollout's split
     * (Knative's {@code GetRevisionTrafficTargets(ctx, r, effectiveRO)}), and wake up at the next step.
     */
    private static Result markRollout(ConfigSnapshot snapshot, Route route, Resolved resolved, Rollout.Step step,
            Instant now) {
        if (step.rollout().done()) {
            return Result.done();
        }
        RouteStatus status = route.getStatus();
        status.markIngressRolloutInProgress(now);
        status.setTraffic(StatusTraffic.build(snapshot, route, resolved.traffic(), resolved.visibility(),
                step.rollout()));
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (step.nextStepTime() <= 0) {
            return Result.done();
        }
        return Result.requeueAfter(Duration.ofNanos(Math.max(0, step.nextStepTime() - nowNanos)));
    }

    private static void markNotOwned(RouteStatus status, Children.NotOwnedException e, Instant now) {
        switch (e.kind()) {
            case "Service" -> status.markServiceNotOwned(e.name(), now);
            case "Endpoints" -> status.markEndpointNotOwned(e.name(), now);
            case "Certificate" -> {
                // marked CertificateNotOwned by the TLS phase
            }
            default -> status.markIngressNotOwned(e.name(), now);
        }
    }
}
