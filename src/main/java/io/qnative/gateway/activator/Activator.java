package io.qnative.gateway.activator;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Every revision's throttler and pods, kept from the informer caches: the {@code <rev>-private} Service's
 * EndpointSlices (where served) or Endpoints give the pod addresses ({@link ClusterView#revisionAddresses}), each
 * new address is probed ({@link PodProbing}) before it gets traffic, the revision's pods themselves add the address
 * of a pod the endpoints do not list yet as not ready (probed at once: a scale from zero need not wait for the
 * endpoints controllers), the Revision gives containerConcurrency and
 * whether it is failing, and the gateway's own Service's endpoints (from the same source) give this replica's index
 * for capacity slicing. Address
 * bookkeeping runs on one Vert.x context; the throttlers are thread-safe.
 */
public final class Activator {

    private static final Logger LOG = Logger.getLogger(Activator.class);

    /**
     * Queue, probe and upgraded-connection settings from the cluster config.
     *
     * @param queuePerRevision {@code activator-queue-depth} (config-deployment), 0 for the formula
     * @param queueTotal {@code activator-queue-total} (config-deployment)
     * @param probeTimeoutMillis {@code activator-probe-timeout} (config-deployment)
     * @param maxUpgradedConnectionSeconds {@code max-upgraded-connection-seconds} (config-network): the cap on an
     *     upgraded connection after its 101; negative means the revision's timeoutSeconds, 0 no cap
     */
    public record Settings(int queuePerRevision, int queueTotal, long probeTimeoutMillis,
            long maxUpgradedConnectionSeconds) {
        /** The defaults: per-revision bound from the formula, 10000 in total, 300 ms probe timeout. */
        public static final Settings DEFAULT = new Settings(0, 10_000, 300);

        /** Upgraded connections capped at the revision's timeoutSeconds (the default). */
        public Settings(int queuePerRevision, int queueTotal, long probeTimeoutMillis) {
            this(queuePerRevision, queueTotal, probeTimeoutMillis, -1);
        }

        /**
         * How long an upgraded connection of a revision with this {@code timeout} may stay open after its 101;
         * {@link Duration#ZERO} for no cap.
         */
        public Duration upgradedConnectionCap(Duration timeout) {
            return maxUpgradedConnectionSeconds < 0 ? timeout : Duration.ofSeconds(maxUpgradedConnectionSeconds);
        }
    }

    private record Key(String namespace, String revision) {
    }

    private final Context context;
    private final ClusterView cluster;
    private final PodProbing probing;
    private final Supplier<Settings> settings;
    private final QueueLimits limits;
    private final RandomGenerator random;
    private final Map<Key, RevisionPods> byRevision = new ConcurrentHashMap<>();
    private final String podName;
    private final String systemNamespace;
    private final String gatewayService;
    private volatile int self = -1;
    private volatile int replicas = 1;

    /**
     * @param context where address bookkeeping and probing run
     * @param podName this replica's pod name (the target of its address in the gateway Service's endpoints)
     */
    public Activator(Context context, ClusterView cluster, PodProbing probing,
            Supplier<Settings> settings, RandomGenerator random, String podName, String systemNamespace,
            String gatewayService) {
        this.context = context;
        this.cluster = cluster;
        this.probing = probing;
        this.settings = settings;
        this.limits = new QueueLimits(settings.get().queueTotal());
        this.random = random;
        this.podName = podName;
        this.systemNamespace = systemNamespace;
        this.gatewayService = gatewayService;
    }

    /** The throttler of a revision, configured from its current settings. */
    public RevisionThrottler throttler(RevisionSettings s) {
        Settings cfg = settings.get();
        limits.total(cfg.queueTotal());
        int limit = QueueLimits.revisionLimit(s.containerConcurrency(), s.maxScale(), cfg.queuePerRevision());
        Key key = new Key(s.namespace(), s.name());
        RevisionPods pods = byRevision.get(key);
        if (pods == null) {
            RevisionPods created = new RevisionPods(s.namespace(), s.name(),
                    new RevisionThrottler(limits, random, s.containerConcurrency(), limit));
            pods = Optional.ofNullable(byRevision.putIfAbsent(key, created)).orElse(created);
            if (pods == created) {
                created.throttler.replicas(self, replicas);
                context.runOnContext(v -> refresh(key));
            }
        }
        pods.throttler.configure(s.containerConcurrency(), limit);
        pods.throttler.failing(s.failure());
        return pods.throttler;
    }

    /** The current settings from the cluster config. */
    public Settings settings() {
        return settings.get();
    }

    /** Queued requests over all revisions. */
    public int queuedTotal() {
        return limits.queued();
    }

    /** An Endpoints object changed or was deleted (any thread). */
    public void onEndpoints(Endpoints ep) {
        if (ep == null || ep.getMetadata() == null) {
            return;
        }
        if (systemNamespace.equals(ep.getMetadata().getNamespace())
                && gatewayService.equals(ep.getMetadata().getName())) {
            context.runOnContext(v -> gatewayReplicas());
            return;
        }
        ClusterView.privateRevision(ep).ifPresent(rev -> {
            Key key = new Key(ep.getMetadata().getNamespace(), rev);
            context.runOnContext(v -> refresh(key));
        });
    }

    /**
     * An EndpointSlice changed or was deleted (any thread): its revision's pods, or the gateway's replicas, are read
     * again.
     */
    public void onEndpointSlice(GenericKubernetesResource slice) {
        if (slice == null || slice.getMetadata() == null) {
            return;
        }
        var labels = slice.getMetadata().getLabels();
        if (systemNamespace.equals(slice.getMetadata().getNamespace()) && labels != null
                && gatewayService.equals(labels.get(PodAddresses.SERVICE_NAME_LABEL))) {
            context.runOnContext(v -> gatewayReplicas());
            return;
        }
        ClusterView.privateRevision(slice).ifPresent(rev -> {
            Key key = new Key(slice.getMetadata().getNamespace(), rev);
            context.runOnContext(v -> refresh(key));
        });
    }

    /** A revision pod changed or was deleted (any thread): its revision's pods are read again. */
    public void onPod(Pod pod) {
        if (pod == null || pod.getMetadata() == null || pod.getMetadata().getLabels() == null) {
            return;
        }
        String rev = pod.getMetadata().getLabels().get(ServingKeys.REVISION);
        if (rev == null) {
            return;
        }
        Key key = new Key(pod.getMetadata().getNamespace(), rev);
        if (byRevision.containsKey(key)) {
            context.runOnContext(v -> refresh(key));
        }
    }

    /** Reads every known revision's pods and the gateway's replicas again (the source of endpoints changed). */
    public void refreshAll() {
        context.runOnContext(v -> {
            gatewayReplicas();
            byRevision.keySet().forEach(this::refresh);
        });
    }

    /** A Revision changed (any thread): failing state and containerConcurrency apply to waiting requests too. */
    public void onRevision(Revision rev) {
        if (rev == null || rev.getMetadata() == null) {
            return;
        }
        RevisionPods pods = byRevision.get(new Key(rev.getMetadata().getNamespace(), rev.getMetadata().getName()));
        if (pods != null) {
            throttler(RevisionSettings.of(rev));
        }
    }

    /** A Revision was deleted: its requests fail and its pods are forgotten. */
    public void onRevisionDeleted(Revision rev) {
        RevisionPods pods = byRevision.remove(new Key(rev.getMetadata().getNamespace(), rev.getMetadata().getName()));
        if (pods != null) {
            pods.throttler.failing("revision " + rev.getMetadata().getName() + " was deleted");
            context.runOnContext(v -> pods.forgetAll());
        }
    }

    /** Ejects a pod that refused a connection; it is probed again before it gets traffic. */
    public void eject(RevisionSettings s, PodTracker pod) {
        RevisionPods pods = byRevision.get(new Key(s.namespace(), s.name()));
        if (pods != null) {
            pods.throttler.eject(pod);
            context.runOnContext(v -> pods.reprobe(pod, s));
        }
    }

    private void refresh(Key key) {
        RevisionPods pods = byRevision.get(key);
        if (pods == null) {
            return;
        }
        RevisionSettings s = cluster.revision(key.namespace(), key.revision()).map(RevisionSettings::of).orElse(null);
        Map<String, Boolean> addresses = cluster.revisionAddresses(key.namespace(), key.revision());
        if (s != null) {
            addresses = withUnlisted(addresses, cluster.revisionPodIps(key.namespace(), key.revision()), s.userPort());
        }
        LOG.debugf("%s/%s: addresses %s", key.namespace(), key.revision(), addresses);
        pods.update(addresses, s);
    }

    /**
     * The endpoints' addresses, plus {@code ip:userPort} as not ready for each pod IP they do not list (the private
     * Service targets the user port).
     */
    static Map<String, Boolean> withUnlisted(Map<String, Boolean> listed, List<String> podIps, int userPort) {
        if (podIps.isEmpty()) {
            return listed;
        }
        Set<String> ips = new HashSet<>();
        listed.keySet().forEach(a -> ips.add(PodTracker.parse(a).ip()));
        Map<String, Boolean> out = null;
        for (String ip : podIps) {
            if (!ips.contains(ip)) {
                if (out == null) {
                    out = new LinkedHashMap<>(listed);
                }
                out.putIfAbsent(ServiceEndpoints.hostPort(ip, userPort), false);
            }
        }
        return out == null ? listed : out;
    }

    private void gatewayReplicas() {
        List<ServiceEndpoints.Address> ready = cluster.serviceEndpoints(systemNamespace, gatewayService)
                .readyAddresses();
        int index = replicaIndex(ready, podName);
        if (index < 0) {
            // not in the path (not ready yet, or draining): keep the slice as it is, as Knative's activator does
            // ("this activator is not in path", revisionThrottler.handlePubEpsUpdate, pkg/activator/net/throttler.go);
            // a replica that never knew its index keeps using every pod
            return;
        }
        self = index;
        replicas = ready.size();
        byRevision.values().forEach(p -> p.throttler.replicas(self, replicas));
    }

    /**
     * The position of the replica {@code podName} among the gateway's ready replicas sorted by IP, -1 when it is not
     * among them (Knative's {@code inferIndex}, pkg/activator/net/throttler.go, which finds its own IP instead).
     */
    static int replicaIndex(List<ServiceEndpoints.Address> ready, String podName) {
        List<ServiceEndpoints.Address> sorted = new ArrayList<>(ready);
        sorted.sort(Comparator.comparing(ServiceEndpoints.Address::ip, RevisionThrottler::ipOrder));
        for (int i = 0; i < sorted.size(); i++) {
            if (Objects.equals(podName, sorted.get(i).pod())) {
                return i;
            }
        }
        return -1;
    }

    /** One revision's addresses and their probe state; touched only on the activator's context. */
    private final class RevisionPods {
        final String namespace;
        final String revision;
        final RevisionThrottler throttler;
        final Map<String, PodProbing.Target> targets = new java.util.HashMap<>();

        RevisionPods(String namespace, String revision, RevisionThrottler throttler) {
            this.namespace = namespace;
            this.revision = revision;
            this.throttler = throttler;
        }

        void update(Map<String, Boolean> now, RevisionSettings s) {
            targets.keySet().removeIf(addr -> {
                if (!now.containsKey(addr)) {
                    targets.get(addr).stop();
                    return true;
                }
                return false;
            });
            for (Map.Entry<String, Boolean> e : now.entrySet()) {
                PodProbing.Target t = targets.get(e.getKey());
                if (t == null) {
                    t = probing.target(PodTracker.parse(e.getKey()), this::publish,
                            () -> throttler.queued() > 0);
                    targets.put(e.getKey(), t);
                }
                t.kubernetesReady(e.getValue(), s);
            }
            publish();
        }

        void reprobe(PodTracker pod, RevisionSettings s) {
            PodProbing.Target t = targets.get(pod.address());
            if (t != null) {
                t.reprobe(s);
            }
        }

        void forgetAll() {
            targets.values().forEach(PodProbing.Target::stop);
            targets.clear();
        }

        private void publish() {
            throttler.pods(targets.values().stream().filter(PodProbing.Target::healthy)
                    .map(PodProbing.Target::tracker).toList());
        }
    }
}
