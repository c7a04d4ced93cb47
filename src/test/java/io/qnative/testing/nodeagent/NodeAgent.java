package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.reconciler.revision.digest.RegistryAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A KWOK-style stand-in for kubelets on the local test cluster. It registers Ready nodes and keeps their
 * heartbeat ({@link NodeRegistrar}), binds pending pods to the least loaded of its nodes, and runs every pod
 * bound to them in this JVM: the pod gets a loopback address from {@link LoopbackIpAllocator}, each
 * container becomes a {@link ContainerProcess} (an HTTP server of a {@link SampleImages} app on the pod IP
 * and the container port), and the pod's status — phase, IPs, conditions, container statuses, Ready after
 * the readiness probe passes — is written through the {@code pods/status} subresource. A pod marked for
 * deletion has its servers stopped and is then deleted with grace period 0, as a kubelet finalizes it.
 *
 * <p>One Vert.x instance serves all pods (a few event-loop threads, however many pods); pod events from
 * one informer over all namespaces are handled by a few worker threads, one pod at a time.
 *
 * <pre>{@code
 * try (NodeAgent agent = NodeAgent.start(client, NodeAgentOptions.defaults())) { ... }
 * }</pre>
 */
public final class NodeAgent implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NodeAgent.class.getName());
    private static final int STRIPES = 64;
    private static final long RETRY_BASE_MS = 200;
    private static final long RETRY_MAX_MS = 10_000;
    /** Informer resync: every pod is looked at again this often, a safety net behind event handling. */
    private static final long RESYNC_MS = 30_000;

    private final KubernetesClient client;
    private final NodeAgentOptions options;
    private final String agentId = UUID.randomUUID().toString();
    private final NodeRegistrar registrar;
    private final Set<String> nodes;
    private final Vertx vertx;
    private final Prober prober;
    private final ImagePuller puller;
    private final LoopbackIpAllocator ips = LoopbackIpAllocator.fromEnvironment();
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final AtomicLong statusWrites = new AtomicLong();
    private volatile SharedIndexInformer<Pod> informer;
    private volatile boolean closed;

    private NodeAgent(KubernetesClient client, NodeAgentOptions options) {
        this.client = client;
        this.options = options;
        this.registrar = new NodeRegistrar(client, options, agentId);
        this.nodes = Set.copyOf(registrar.nodeNames());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, Runtime.getRuntime()
                .availableProcessors())).setWorkerPoolSize(4).setInternalBlockingPoolSize(2));
        this.prober = new Prober(vertx);
        this.puller = new ImagePuller(vertx);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        this.workers = Executors.newFixedThreadPool(options.statusWorkers(), named("qnative-node-agent-worker"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(named("qnative-node-agent-heartbeat"));
    }

    /** Registers the nodes, starts the heartbeat and the pod informer; returns once the informer has synced. */
    public static NodeAgent start(KubernetesClient client, NodeAgentOptions options) {
        NodeAgent agent = new NodeAgent(client, options);
        try {
            agent.registrar.register();
            long period = options.heartbeat().toMillis();
            agent.heartbeats.scheduleWithFixedDelay(agent::heartbeat, period, period, TimeUnit.MILLISECONDS);
            agent.informer = client.pods().inAnyNamespace().inform(agent.handler(), RESYNC_MS);
            LOG.log(Level.INFO, "node agent {0} started: nodes {1}", agent.agentId, agent.registrar.nodeNames());
            return agent;
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    /** {@link #start(KubernetesClient, NodeAgentOptions)} with {@link NodeAgentOptions#defaults()}. */
    public static NodeAgent start(KubernetesClient client) {
        return start(client, NodeAgentOptions.defaults());
    }

    /** The names of the nodes this agent registered. */
    public List<String> nodeNames() {
        return registrar.nodeNames();
    }

    /** How many pods currently run in this agent. */
    public int runningPods() {
        return running.size();
    }

    /**
     * Kills every container of a running pod as a SIGKILL would: connections close at once and requests in
     * flight on it are lost; the pod's restart policy then restarts them. Completes, once the pod's servers are
     * closed, with the number of requests that were in flight on it; fails when this agent runs no such pod.
     */
    public Future<Integer> kill(String namespace, String name) {
        RunningPod pod = running.get(namespace + "/" + name);
        if (pod == null) {
            return Future.failedFuture(new IllegalArgumentException("pod " + namespace + "/" + name
                    + " is not running in this agent"));
        }
        return Future.all(pod.containers().stream().map(ContainerProcess::kill).toList())
                .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
    }

    /** How many pod status writes the agent made (a steady pod causes none). */
    public long statusWrites() {
        return statusWrites.get();
    }

    private ResourceEventHandler<Pod> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueue(Cache.metaNamespaceKeyFunc(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                enqueue(Cache.metaNamespaceKeyFunc(newPod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                enqueue(Cache.metaNamespaceKeyFunc(pod));
            }
        };
    }

    private void enqueue(String key) {
        if (!closed && queued.add(key)) {
            workers.execute(() -> {
                synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
                    queued.remove(key);
                    try {
                        sync(key);
                        failures.remove(key);
                    } catch (RuntimeException e) {
                        retryLater(key, e);
                    }
                }
            });
        }
    }

    /** Requeues a pod whose sync failed (API timeouts under load, 429s, …) with exponential back-off. */
    private void retryLater(String key, RuntimeException e) {
        if (closed) {
            return;
        }
        int attempt = failures.merge(key, 1, Integer::sum);
        long delayMs = Math.min(RETRY_BASE_MS << Math.min(attempt - 1, 10), RETRY_MAX_MS);
        LOG.log(Level.WARNING, "syncing pod " + key + " failed (attempt " + attempt + ", retry in " + delayMs
                + " ms): " + e);
        try {
            heartbeats.schedule(() -> enqueue(key), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the agent is closing
        }
    }

    private void sync(String key) {
        Pod pod = informer == null ? null : informer.getStore().getByKey(key);
        RunningPod runningPod = running.get(key);
        if (pod == null) {
            stop(key, runningPod);
            return;
        }
        if (runningPod != null && !runningPod.uid().equals(pod.getMetadata().getUid())) {
            stop(key, runningPod);
            runningPod = null;
        }
        String node = pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            bindIfPending(pod);
            return;
        }
        if (!nodes.contains(node)) {
            stop(key, runningPod);
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            stop(key, runningPod);
            finalizeDeletion(pod);
            return;
        }
        if (runningPod == null) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                return;
            }
            runningPod = startPod(key, pod, node);
        }
        writeStatus(pod, runningPod);
    }

    private void bindIfPending(Pod pod) {
        String scheduler = pod.getSpec().getSchedulerName();
        if (!options.bindPods() || pod.getMetadata().getDeletionTimestamp() != null
                || (scheduler != null && !scheduler.equals("default-scheduler"))) {
            return;
        }
        String node = leastLoadedNode();
        try {
            client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
                    .withNewMetadata().withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                    .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget().build())
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    private String leastLoadedNode() {
        Map<String, Integer> load = new HashMap<>();
        nodes.forEach(n -> load.put(n, 0));
        running.values().forEach(p -> load.merge(p.nodeName(), 1, Integer::sum));
        return load.entrySet().stream().min(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    private RunningPod startPod(String key, Pod pod, String node) {
        String previousIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        String ip = previousIp != null && ips.reserve(previousIp) ? previousIp : ips.allocate();
        Context context = vertx.getOrCreateContext();
        List<ContainerProcess> containers = new ArrayList<>();
        Map<String, RegistryAuth.Credentials> pullCredentials = pullCredentials(pod);
        for (Container container : pod.getSpec().getContainers()) {
            Map<String, String> env = ContainerEnv.resolve(pod, container, ip, node, this::lookup);
            containers.add(new ContainerProcess(vertx, context, prober, image -> puller.pull(image, pullCredentials),
                    options, ip, container, env,
                    pod.getSpec().getRestartPolicy(), () -> enqueue(key)));
        }
        RunningPod runningPod = new RunningPod(pod.getMetadata().getUid(), ip, node, Instant.now(), List.copyOf(containers));
        running.put(key, runningPod);
        runningPod.start();
        return runningPod;
    }

    private void stop(String key, RunningPod runningPod) {
        if (runningPod != null && running.remove(key, runningPod)) {
            runningPod.stop().onComplete(ar -> ips.release(runningPod.ip()));
        }
    }

    private void finalizeDeletion(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void writeStatus(Pod pod, RunningPod runningPod) {
        PodStatus desired = PodStatuses.desired(pod, runningPod.ip(), runningPod.startTime(),
                runningPod.containerStatuses(), runningPod.phase(), Instant.now());
        if (desired.equals(pod.getStatus())) {
            return;
        }
        try {
            // one request, as a kubelet's status manager sends it: withName(..).patch(..) would GET the pod first
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod)
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                            Serialization.asJson(Map.of("status", desired)));
            statusWrites.incrementAndGet();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /**
     * The registry credentials of the pod's {@code imagePullSecrets}, as a kubelet reads them; a secret that is
     * missing or unreadable is skipped (the pull then goes without).
     */
    private Map<String, RegistryAuth.Credentials> pullCredentials(Pod pod) {
        Map<String, RegistryAuth.Credentials> out = new HashMap<>();
        if (pod.getSpec().getImagePullSecrets() == null) {
            return out;
        }
        for (var ref : pod.getSpec().getImagePullSecrets()) {
            Secret secret = ref.getName() == null ? null : client.secrets().inNamespace(pod.getMetadata()
                    .getNamespace()).withName(ref.getName()).get();
            if (secret == null) {
                continue;
            }
            try {
                RegistryAuth.fromSecret(secret.getType(), secret.getData()).forEach(out::putIfAbsent);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "pull secret {0}/{1}: {2}", pod.getMetadata().getNamespace(), ref.getName(),
                        e.getMessage());
            }
        }
        return out;
    }

    private Map<String, String> lookup(String kind, String namespace, String name) {
        if (kind.equals("ConfigMap")) {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
            return cm == null || cm.getData() == null ? null : cm.getData();
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return null;
        }
        Map<String, String> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private void heartbeat() {
        try {
            registrar.heartbeat();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "node heartbeat failed (will retry)", e);
            }
        }
    }

    /**
     * Stops the informer, the heartbeat and every pod's servers and deletes the node Leases. Nodes stay
     * registered (they go NotReady after 40 s); a later agent takes them over.
     */
    @Override
    public void close() {
        closed = true;
        if (informer != null) {
            informer.stop();
        }
        heartbeats.shutdownNow();
        if (informer != null) {
            registrar.release();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach((key, pod) -> pod.stop());
        running.clear();
        prober.close();
        puller.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing Vert.x failed", e);
        }
        LOG.log(Level.INFO, "node agent {0} stopped", agentId);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
