package io.qnative.reconciler.service;

import io.qnative.api.duck.Condition;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceConditions;
import io.qnative.api.serving.v1.ServiceStatus;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.configuration.resources.Revisions;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.service.resources.Configurations;
import io.qnative.reconciler.service.resources.Routes;
import io.qnative.reconciler.service.resources.TrafficMigration;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Service (ksvc) reconciler (Knative's pkg/reconciler/service/service.go): keeps a Configuration and a Route of
 * the Service's name in line
 * with it and aggregates their status. The Route is touched only after the Configuration, so with a BYO revision
 * name traffic never moves before that revision exists.
 */
public final class ServiceReconciler extends KindReconciler<Service> {

    private final Lister<Configuration> configurations;
    private final Lister<Route> routes;
    private final Lister<Revision> revisions;
    private final Children children;

    public ServiceReconciler(Lister<Service> services, Lister<Configuration> configurations, Lister<Route> routes,
            Lister<Revision> revisions, Children children, StatusUpdater statusUpdater,
            Supplier<ConfigSnapshot> config, Clock clock) {
        super(Service.class, ServiceStatus::new, services, config, statusUpdater, clock);
        this.configurations = configurations;
        this.routes = routes;
        this.revisions = revisions;
        this.children = children;
    }

    @Override
    protected Result reconcileKind(Service service, Instant now) throws Exception {
        ServiceStatus status = service.getStatus();
        Configuration configuration = configuration(service, now);
        if (!configuration.isGenerationObserved()) {
            status.markConfigurationNotReconciled(now);
            if (Names.byoRevisionName(configuration) != null) {
                return Result.done();
            }
        } else {
            status.propagateConfigurationStatus(configuration.getStatus(), now);
        }
        if (revisionNameTaken(configuration)) {
            status.markRevisionNameTaken(Names.byoRevisionName(configuration), now);
            return Result.done();
        }
        Route route = route(service, now);
        if (!route.isGenerationObserved()) {
            status.markRouteNotReconciled(now);
        } else {
            status.propagateRouteStatus(route.getStatus(), now);
        }
        checkTrafficMigrated(status, configuration, route, now);
        return Result.done();
    }

    private Configuration configuration(Service service, Instant now) throws Children.NotOwnedException {
        String ns = service.getMetadata().getNamespace();
        Configuration existing = configurations.get(ns, Names.configuration(service)).orElse(null);
        try {
            return children.apply(service, existing, Configurations.make(service, existing),
                    (live, want) -> sameAfterDefaults(live, want), ServiceReconciler::copyOwnedFields);
        } catch (Children.NotOwnedException e) {
            service.getStatus().markConfigurationNotOwned(e.name(), now);
            throw e;
        }
    }

    private Route route(Service service, Instant now) throws Children.NotOwnedException {
        String ns = service.getMetadata().getNamespace();
        Route existing = routes.get(ns, Names.route(service)).orElse(null);
        try {
            return children.apply(service, existing, Routes.make(service),
                    (live, want) -> sameAfterDefaults(live, want), ServiceReconciler::copyOwnedFields);
        } catch (Children.NotOwnedException e) {
            service.getStatus().markRouteNotOwned(e.name(), now);
            throw e;
        }
    }

    /**
     * Compares a live child with the desired one after defaulting the live copy, as Knative does, so defaults
     * added by an upgrade do not cause a write.
     */
    private <T extends KnativeObject<?, ?> & Defaultable> boolean sameAfterDefaults(T live, T want) {
        @SuppressWarnings("unchecked")
        T defaulted = Kmeta.deepCopy(live, (Class<T>) live.getClass());
        defaulted.setDefaults(AdmissionContext.reconcile(config.get()));
        return Objects.equals(defaulted.getSpec(), want.getSpec()) && Children.sameMetadata(defaulted, want);
    }

    private static <T extends KnativeObject<?, ?>> T copyOwnedFields(T live, T want) {
        copySpec(live, want);
        live.getMetadata().setLabels(want.getMetadata().getLabels());
        live.getMetadata().setAnnotations(want.getMetadata().getAnnotations());
        return live;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void copySpec(KnativeObject live, KnativeObject want) {
        live.setSpec(want.getSpec());
    }

    /** {@code CheckNameAvailability}: a BYO name held by a conflicting Revision blocks the Route. */
    private boolean revisionNameTaken(Configuration configuration) {
        String name = Names.byoRevisionName(configuration);
        if (name == null) {
            return false;
        }
        Revision existing = revisions.get(configuration.getMetadata().getNamespace(), name).orElse(null);
        return Revisions.byoNameConflict(configuration, existing) != null;
    }

    /** {@code checkRoutesNotReady}: RoutesReady True while status.traffic lags the spec → TrafficNotMigrated. */
    private static void checkTrafficMigrated(ServiceStatus status, Configuration configuration, Route route,
            Instant now) {
        Condition routesReady = status.getCondition(ServiceConditions.ROUTES_READY);
        if (routesReady != null && routesReady.isTrue() && !TrafficMigration.isMigrated(configuration, route)) {
            status.markTrafficNotMigrated(now);
        }
    }
}
