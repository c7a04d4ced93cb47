package io.qnative.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.qnative.config.QnativeConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Leader election on a coordination.k8s.io Lease: only the leader reconciles and decides scale; every replica
 * keeps its informers, the webhook and the data plane. Losing the lease stops the leader's work and makes the
 * replica a candidate again.
 */
public final class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    /** Where this replica stands. */
    public enum Role {
        /** Not started, or contending for a lease nobody holds yet. */
        CANDIDATE,
        /** Holds the lease. */
        LEADER,
        /** Another replica holds the lease. */
        STANDBY
    }

    private final KubernetesClient client;
    private final QnativeConfig.LeaderElection settings;
    private final String namespace;
    private final String identity;
    private final Runnable onStartLeading;
    private final Runnable onStopLeading;
    private final AtomicReference<Role> role = new AtomicReference<>(Role.CANDIDATE);
    private final AtomicReference<String> leader = new AtomicReference<>();
    private volatile CompletableFuture<?> running;
    private volatile boolean stopped;

    public LeaderElection(KubernetesClient client, QnativeConfig config, String identity, Runnable onStartLeading,
            Runnable onStopLeading) {
        this.client = client;
        this.settings = config.controller().leaderElection();
        this.namespace = config.systemNamespace();
        this.identity = identity;
        this.onStartLeading = onStartLeading;
        this.onStopLeading = onStopLeading;
    }

    /** Starts contending (or leads at once when election is disabled). Never blocks. */
    public synchronized void start() {
        stopped = false;
        if (!settings.enabled()) {
            LOG.infof("leader election disabled: %s leads", identity);
            lead();
            return;
        }
        contend();
    }

    private synchronized void contend() {
        if (stopped) {
            return;
        }
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(namespace, settings.leaseName(), identity))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::follow, this::newLeader))
                .build()).build();
        running = elector.start();
        running.whenComplete((v, t) -> {
            if (t != null && !stopped) {
                LOG.warnf("leader election on Lease %s/%s ended: %s; contending again", namespace,
                        settings.leaseName(), t.getMessage());
            }
            contend();
        });
    }

    private void lead() {
        role.set(Role.LEADER);
        leader.set(identity);
        LOG.infof("%s is the leader", identity);
        onStartLeading.run();
    }

    private void follow() {
        if (role.getAndSet(Role.CANDIDATE) == Role.LEADER) {
            LOG.infof("%s lost the lease; stopping the controllers", identity);
            onStopLeading.run();
        }
    }

    private void newLeader(String who) {
        if (who == null || who.isEmpty()) {
            return;
        }
        leader.set(who);
        if (!identity.equals(who)) {
            role.set(Role.STANDBY);
            LOG.infof("%s is the leader; %s stands by", who, identity);
        }
    }

    /** Gives up the lease (if held) and stops contending. */
    public synchronized void stop() {
        stopped = true;
        CompletableFuture<?> r = running;
        if (r != null) {
            r.cancel(true);
        }
        follow();
    }

    public Role role() {
        return role.get();
    }

    /** The last leader seen, if any. */
    public String leader() {
        return leader.get();
    }

    public String identity() {
        return identity;
    }
}
