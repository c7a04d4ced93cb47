package io.qnative.gateway;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.autoscaler.metrics.Stat;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.activator.ClusterView;
import io.qnative.gateway.activator.ServiceEndpoints;
import io.qnative.gateway.activator.PodProber;
import io.qnative.gateway.activator.PodProbing;
import io.qnative.gateway.metrics.GatewayMetrics;
import io.qnative.gateway.metrics.StatReporter;
import io.qnative.gateway.routing.InMemoryRoutingTable;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.kube.Lister;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's pieces wired as {@link GatewayServer} wires them, without Quarkus: real listeners on loopback
 * ephemeral ports, real backend servers standing in for pods, and maps standing in for the informer caches.
 */
final class GatewayHarness implements AutoCloseable {

    static final String NS = "ns";

    final Vertx vertx = Vertx.vertx();
    /** The threads requests were routed on (the table is looked up on the request's event loop only). */
    final java.util.Set<String> routingThreads = ConcurrentHashMap.newKeySet();
    final InMemoryRoutingTable table = new InMemoryRoutingTable() {
        @Override
        public Optional<Match> lookup(boolean external, String host, String path,
                java.util.function.Function<String, String> header) {
            routingThreads.add(Thread.currentThread().getName());
            return super.lookup(external, host, path, header);
        }
    };
    final Map<String, Revision> revisions = new ConcurrentHashMap<>();
    final Map<String, Endpoints> endpoints = new ConcurrentHashMap<>();
    final Map<String, io.fabric8.kubernetes.api.model.Service> services = new ConcurrentHashMap<>();
    /** Revision pods by namespace/name (their IPs reach the activator before any endpoints list them). */
    final Map<String, io.fabric8.kubernetes.api.model.Pod> pods = new ConcurrentHashMap<>();
    /** EndpointSlices by namespace/name, read for revision pods when {@link #slicesServed}. */
    final Map<String, GenericKubernetesResource> slices = new ConcurrentHashMap<>();
    /** Whether revision pods come from {@link #slices} (an API server serving discovery.k8s.io/v1). */
    volatile boolean slicesServed;
    final List<Stat> stats = new CopyOnWriteArrayList<>();
    /** Where the gateway's Prometheus meters go. */
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<HttpServer> backends = new ArrayList<>();
    final HttpClient http1 = GatewayListeners.http1Client(vertx, 100);
    final HttpClient h2c = GatewayListeners.h2cClient(vertx);
    final Activator activator;
    final GatewayHandler handler;
    final GatewayListeners listeners;
    final StatReporter reporter;
    GatewayListeners.Bound bound;

    GatewayHarness(Activator.Settings settings) throws Exception {
        this(settings, GatewayCertificates.NONE, 0);
    }

    /** The harness whose HTTPS listeners serve {@code certificates} (started now when it has any). */
    GatewayHarness(Activator.Settings settings, GatewayCertificates certificates) throws Exception {
        this(settings, certificates, 0);
    }

    /** @param eventLoops event loops serving the listeners (0: all of them) */
    GatewayHarness(Activator.Settings settings, int eventLoops) throws Exception {
        this(settings, GatewayCertificates.NONE, eventLoops);
    }

    GatewayHarness(Activator.Settings settings, GatewayCertificates certificates, int eventLoops) throws Exception {
        this(settings, certificates, eventLoops, io.opentelemetry.api.trace.TracerProvider.noop().get("qnative"),
                () -> io.qnative.observability.TracingSettings.OFF);
    }

    /** The harness whose requests are traced with {@code tracer} as {@code tracing} says. */
    GatewayHarness(Activator.Settings settings, GatewayCertificates certificates, int eventLoops,
            io.opentelemetry.api.trace.Tracer tracer,
            java.util.function.Supplier<io.qnative.observability.TracingSettings> tracing) throws Exception {
        listeners = new GatewayListeners(vertx, eventLoops, 100);
        ClusterView view = new ClusterView() {
            @Override
            public Optional<Revision> revision(String namespace, String name) {
                return Optional.ofNullable(revisions.get(namespace + "/" + name));
            }

            @Override
            public Map<String, Boolean> revisionAddresses(String namespace, String revision) {
                return informerView().revisionAddresses(namespace, revision);
            }

            @Override
            public List<String> revisionPodIps(String namespace, String revision) {
                return informerView().revisionPodIps(namespace, revision);
            }

            @Override
            public ServiceEndpoints serviceEndpoints(String namespace, String name) {
                return informerView().serviceEndpoints(namespace, name);
            }

            @Override
            public Optional<io.fabric8.kubernetes.api.model.Service> service(String namespace, String name) {
                return Optional.ofNullable(services.get(namespace + "/" + name));
            }
        };
        PodProbing probing = new PodProbing(vertx, new PodProber(vertx, http1), System::nanoTime, () -> 300);
        activator = new Activator(vertx.getOrCreateContext(), view, probing, () -> settings,
                java.util.random.RandomGenerator.getDefault(), "gw-0", "knative-serving", Gateway.INTERNAL_SERVICE);
        reporter = new StatReporter(stats::add, "gw-0", System::nanoTime, Clock.systemUTC());
        handler = new GatewayHandler(vertx, table, view, activator, reporter,
                new GatewayMetrics(registry), () -> true, http1, h2c,
                java.util.random.RandomGenerator.getDefault(), System::nanoTime, tracer, tracing);
        bound = listeners.start(handler, "127.0.0.1", new Gateway.Ports(0, 0, 0, 0), certificates)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The informer view's own lookups, over the maps as they are now. */
    private ClusterView informerView() {
        return ClusterView.of(Lister.of(revisions.values()), Lister.of(endpoints.values()),
                Lister.of(services.values()), () -> slicesServed ? Lister.of(slices.values()) : null,
                () -> Lister.of(pods.values()));
    }

    /** A backend ("pod") on a loopback ephemeral port; returns its port. */
    int backend(Handler<HttpServerRequest> h) throws Exception {
        return backend(new HttpServerOptions(), h);
    }

    int backend(HttpServerOptions options, Handler<HttpServerRequest> h) throws Exception {
        HttpServer s = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(h);
        backends.add(s);
        return s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    /** Stops the backend on {@code port} (its pod dies). */
    void closeBackend(int port) throws Exception {
        for (HttpServer s : backends) {
            if (s.actualPort() == port) {
                s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A Revision with containerConcurrency, timeouts (0: unset) and protocol. */
    Revision revision(String name, long cc, long timeoutSeconds, boolean h2c) {
        RevisionSpec spec = new RevisionSpec();
        var c = new ContainerBuilder().withName("user").withImage("img");
        if (h2c) {
            c.addNewPort().withName("h2c").withContainerPort(8080).endPort();
        }
        spec.setContainers(List.of(c.build()));
        spec.setContainerConcurrency(cc);
        if (timeoutSeconds > 0) {
            spec.setTimeoutSeconds(timeoutSeconds);
        }
        Revision r = new Revision();
        r.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name)
                .withLabels(Map.of(ServingKeys.SERVICE, "svc", ServingKeys.CONFIGURATION, "svc")).build());
        r.setSpec(spec);
        revisions.put(NS + "/" + name, r);
        return r;
    }

    /** A pod of the revision got its IP (its status write; no endpoints list it yet); tells the activator. */
    void podStarted(String revision, String name, String ip) {
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name)
                        .withLabels(Map.of(ServingKeys.REVISION, revision)).build())
                .withNewStatus().withPhase("Pending").withPodIP(ip).endStatus().build();
        pods.put(NS + "/" + name, pod);
        activator.onPod(pod);
    }

    /** Sets the ready pods (loopback ports) of a revision and tells the activator. */
    void pods(String revision, int... ports) {
        List<EndpointSubset> subsets = new ArrayList<>();
        for (int p : ports) {
            subsets.add(new EndpointSubsetBuilder().withAddresses(new EndpointAddressBuilder().withIp("127.0.0.1")
                    .build()).withPorts(new EndpointPortBuilder().withName("http").withPort(p).build()).build());
        }
        Endpoints ep = new EndpointsBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(NS)
                .withName(revision + "-private").withLabels(Map.of(ServingKeys.REVISION, revision,
                        NetworkingKeys.SERVICE_TYPE, "Private")).build())
                .withSubsets(subsets).build();
        endpoints.put(NS + "/" + revision + "-private", ep);
        activator.onEndpoints(ep);
    }

    /**
     * Sets a revision's pods as EndpointSlices of its private Service, as an API server serving
     * discovery.k8s.io/v1 lists them, and tells the activator. Each endpoint ({@code port}, {@code ready}: true,
     * false or absent, {@code terminating}, {@code ip}: 127.0.0.1 unless given) gets a slice of its own: a slice's
     * ports apply to all its endpoints, and these pods differ only by port.
     */
    void slicePods(String revision, List<Map<String, Object>> endpoints) {
        slicesServed = true;
        String service = revision + "-private";
        Map<String, String> labels = Map.of(ServingKeys.REVISION, revision, NetworkingKeys.SERVICE_TYPE, "Private");
        services.put(NS + "/" + service, new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(service).withLabels(labels).build())
                .withNewSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build());
        slices.keySet().removeIf(k -> k.startsWith(NS + "/" + service + "-"));
        int i = 0;
        for (Map<String, Object> e : endpoints) {
            Map<String, Object> conditions = new java.util.HashMap<>();
            if (e.get("ready") != null) {
                conditions.put("ready", e.get("ready"));
            }
            conditions.put("terminating", e.getOrDefault("terminating", false));
            GenericKubernetesResource slice = new GenericKubernetesResource();
            slice.setApiVersion("discovery.k8s.io/v1");
            slice.setKind("EndpointSlice");
            Map<String, String> sliceLabels = new java.util.HashMap<>(labels);
            sliceLabels.put("kubernetes.io/service-name", service);
            slice.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(service + "-" + i++)
                    .withLabels(sliceLabels).build());
            String ip = (String) e.getOrDefault("ip", "127.0.0.1");
            slice.setAdditionalProperty("addressType", ip.contains(":") ? "IPv6" : "IPv4");
            slice.setAdditionalProperty("ports", List.of(Map.of("name", "http", "port", e.get("port"),
                    "protocol", "TCP")));
            slice.setAdditionalProperty("endpoints", List.of(Map.of("addresses", List.of(ip),
                    "conditions", conditions)));
            slices.put(NS + "/" + slice.getMetadata().getName(), slice);
            activator.onEndpointSlice(slice);
        }
    }

    /**
     * A plain Kubernetes Service (no revision): port 80 named {@code portName} to a target port of the same name, and
     * its Endpoints with ready and not-ready loopback ports under that name.
     */
    void plainService(String name, String portName, List<Integer> ready, List<Integer> notReady) {
        services.put(NS + "/" + name, new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build())
                .withNewSpec().withType("ClusterIP").addNewPort().withName(portName).withPort(80)
                .withNewTargetPort(portName).endPort().endSpec().build());
        List<EndpointSubset> subsets = new ArrayList<>();
        for (int p : ready) {
            subsets.add(new EndpointSubsetBuilder().withAddresses(new EndpointAddressBuilder().withIp("127.0.0.1")
                    .build()).withPorts(new EndpointPortBuilder().withName(portName).withPort(p).build()).build());
        }
        for (int p : notReady) {
            subsets.add(new EndpointSubsetBuilder().withNotReadyAddresses(new EndpointAddressBuilder()
                    .withIp("127.0.0.1").build()).withPorts(new EndpointPortBuilder().withName(portName).withPort(p)
                    .build()).build());
        }
        endpoints.put(NS + "/" + name, new EndpointsBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(NS)
                .withName(name).build()).withSubsets(subsets).build());
    }

    /**
     * A plain Kubernetes Service (no revision) as {@link #plainService} makes it, its endpoints listed only in
     * EndpointSlices (an API server serving discovery.k8s.io/v1): one slice per port, ready or not.
     */
    void plainServiceSlices(String name, String portName, List<Integer> ready, List<Integer> notReady) {
        slicesServed = true;
        services.put(NS + "/" + name, new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build())
                .withNewSpec().withType("ClusterIP").addNewPort().withName(portName).withPort(80)
                .withNewTargetPort(portName).endPort().endSpec().build());
        slices.keySet().removeIf(k -> k.startsWith(NS + "/" + name + "-"));
        int i = 0;
        for (int p : ready) {
            putSlice(NS, name, name + "-" + i++, portName, p, "127.0.0.1", true, null);
        }
        for (int p : notReady) {
            putSlice(NS, name, name + "-" + i++, portName, p, "127.0.0.1", false, null);
        }
    }

    /** One EndpointSlice of {@code service} with one endpoint, optionally targeting pod {@code pod}. */
    GenericKubernetesResource putSlice(String namespace, String service, String name, String portName, int port,
            String ip, boolean ready, String pod) {
        GenericKubernetesResource slice = new GenericKubernetesResource();
        slice.setApiVersion("discovery.k8s.io/v1");
        slice.setKind("EndpointSlice");
        slice.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .withLabels(Map.of("kubernetes.io/service-name", service)).build());
        slice.setAdditionalProperty("addressType", ip.contains(":") ? "IPv6" : "IPv4");
        slice.setAdditionalProperty("ports", List.of(Map.of("name", portName, "port", port, "protocol", "TCP")));
        Map<String, Object> endpoint = new java.util.HashMap<>();
        endpoint.put("addresses", List.of(ip));
        endpoint.put("conditions", Map.of("ready", ready));
        if (pod != null) {
            endpoint.put("targetRef", Map.of("kind", "Pod", "namespace", namespace, "name", pod));
        }
        slice.setAdditionalProperty("endpoints", List.of(endpoint));
        slices.put(namespace + "/" + name, slice);
        return slice;
    }

    /** Waits until the gateway's probes passed on {@code n} pods of the revision. */
    void awaitHealthy(String revision, int n) {
        var settings = io.qnative.gateway.activator.RevisionSettings.of(revisions.get(NS + "/" + revision));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> activator.throttler(settings).healthyPods() == n);
    }

    /** Routes {@code host} (cluster-local and external) to splits of revision name and percent. */
    void route(String name, String host, Map<String, String> headerMatch, Object... revisionPercent) {
        List<RoutingTable.Split> splits = new ArrayList<>();
        for (int i = 0; i < revisionPercent.length; i += 2) {
            String rev = (String) revisionPercent[i];
            splits.add(new RoutingTable.Split(new RoutingTable.Backend(NS, rev, 80), (Integer) revisionPercent[i + 1],
                    Map.of("Knative-Serving-Revision", rev, "Knative-Serving-Namespace", NS)));
        }
        RoutingTable.Path path = new RoutingTable.Path("", headerMatch, splits, Map.of(), null);
        table.put(new RoutingTable.Entry(NS, name, 1, List.of(new RoutingTable.Rule(List.of(host),
                RoutingTable.EXTERNAL_IP, List.of(path))), ""));
    }

    int port() {
        return bound.internalHttp();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
