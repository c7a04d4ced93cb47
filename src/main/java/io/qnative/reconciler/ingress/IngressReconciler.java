package io.qnative.reconciler.ingress;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;

/**
 * The gateway's KIngress controller (docs/differences-from-knative.md): loads a KIngress of class
 * {@code qnative.ingress.networking.knative.dev} into the {@link RoutingTable}, then marks it NetworkConfigured and
 * LoadBalancerReady with the gateway's public and private load balancers ({@link GatewayLoadBalancers}), so its
 * Route sees IngressReady. A deleted KIngress, or one whose class changed away, leaves the table. KIngresses of
 * other classes are never touched: {@link #filtered()} is the reconciler to run.
 */
public final class IngressReconciler extends KindReconciler<Ingress> {

    private final RoutingTable table;
    private final String systemNamespace;

    IngressReconciler(Lister<Ingress> lister, StatusUpdater statusUpdater, Clock clock, RoutingTable table,
            Supplier<ConfigSnapshot> config, String systemNamespace) {
        super(Ingress.class, IngressStatus::new, lister, config, statusUpdater, clock);
        this.table = table;
        this.systemNamespace = systemNamespace;
    }

    /**
     * This reconciler behind the class filter: a missing KIngress or one of another class is only removed from the
     * table (never status-written); qnative's own go through the reconcile envelope.
     */
    public Reconciler filtered() {
        return this::reconcileIfOurs;
    }

    private Result reconcileIfOurs(ObjectKey key) throws Exception {
        Optional<Ingress> ingress = lister.get(key.namespace(), key.name());
        if (ingress.isEmpty() || !RoutingEntries.isQnativeClass(ingress.get())) {
            table.remove(key.namespace(), key.name());
            return Result.done();
        }
        return reconcile(key);
    }

    @Override
    protected Result reconcileKind(Ingress ingress, Instant now) {
        table.put(RoutingEntries.of(ingress));
        IngressStatus status = ingress.getStatus();
        status.markNetworkConfigured(now);
        String clusterDomain = config.get().clusterDomain();
        status.markLoadBalancerReady(GatewayLoadBalancers.publicLoadBalancers(systemNamespace, clusterDomain),
                GatewayLoadBalancers.privateLoadBalancers(systemNamespace, clusterDomain), now);
        return Result.done();
    }

    @Override
    protected Result finalizeKind(Ingress ingress, Instant now) {
        table.remove(ingress.getMetadata().getNamespace(), ingress.getMetadata().getName());
        return Result.done();
    }
}
