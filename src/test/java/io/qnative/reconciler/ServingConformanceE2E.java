package io.qnative.reconciler;

import static io.qnative.reconciler.ConformanceChecks.READY;
import static io.qnative.reconciler.ConformanceChecks.awaitNewLatestRevision;
import static io.qnative.reconciler.ConformanceChecks.awaitServes;
import static io.qnative.reconciler.ConformanceChecks.awaitServiceReady;
import static io.qnative.reconciler.ConformanceChecks.awaitTrafficShape;
import static io.qnative.reconciler.ConformanceChecks.checkDistribution;
import static io.qnative.reconciler.ConformanceChecks.get;
import static io.qnative.reconciler.ConformanceChecks.host;
import static io.qnative.reconciler.ConformanceChecks.tagUrl;
import static io.qnative.reconciler.ConformanceChecks.validateAnnotations;
import static io.qnative.reconciler.ConformanceChecks.validateControlPlane;
import static io.qnative.reconciler.ConformanceChecks.validateK8sService;
import static io.qnative.reconciler.ConformanceChecks.validateLabels;
import static io.qnative.testing.e2e.GatewayClient.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationSpec;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.reconciler.ConformanceChecks.Prober;
import io.qnative.reconciler.ConformanceChecks.Shape;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.qnative.testing.e2e.RunningQnative;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import io.qnative.testing.nodeagent.SampleImages;
import io.qnative.testing.nodeagent.StandinApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Knative Serving's conformance tests ({@code test/conformance/api/v1}, {@code test/conformance/runtime} in
 * knative/serving) replayed on the local cluster against qnative as its packaged binary: one method per Go test,
 * named in its javadoc, with the assertions the Go test makes through the helpers it calls ({@link
 * ConformanceChecks}). Requests go to the gateway's cluster-local listener with the host of the object's
 * {@code status.url} (the E2E install's domain is {@code svc.cluster.local}). Knative's test images are the node
 * agent's stand-ins: {@code PizzaPlanet1/2} and {@code HelloWorld} are the hello-world app with its {@code TARGET}
 * env (an image change is a change of image tag and text), {@code runtime} is {@link StandinApp}'s
 * {@code /_standin/env} and {@code /_standin/headers}, {@code timeout} its {@code /_standin/timeout} and {@code
 * singlethreaded} its {@value StandinApp#SINGLE_THREADED} mode, {@code readiness} the stand-in's {@value
 * SampleImages#READINESS} image. Results and deliberate differences:
 * docs/serving-conformance.md.
 */
@WithQnative(value = "serving-conformance", gatewayConnections = 250)
class ServingConformanceE2E {

    private static final String IMAGE1 = SampleImages.HELLOWORLD + ":pizzaplanet1";
    private static final String IMAGE2 = SampleImages.HELLOWORLD + ":pizzaplanet2";
    private static final String IMAGE3 = SampleImages.HELLOWORLD + ":helloworld";
    private static final String TEXT1 = "Hello one!\n";
    private static final String TEXT2 = "Hello two!\n";
    private static final String TEXT3 = "Hello three!\n";
    /** Knative's {@code test.HelloWorldText}, what the {@code readiness} image answers. */
    private static final String READINESS_TEXT = "Hello World! How about some tasty noodles?";
    private static RunningQnative qnative;
    private static GatewayClient http;

    /**
     * TestServiceCreateAndUpdate ({@code test/conformance/api/v1/service_test.go}): create, then an image update
     * and two template-metadata updates, each a new revision, while a prober sees only 200s.
     */
    @Test
    void serviceCreateAndUpdate(KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        String svc = "create-update";
        create(client, ksvc(n, svc, IMAGE1, "one"));
        Service ready = awaitCreated(client, n, svc);
        String rev = ready.getStatus().getLatestReadyRevisionName();
        validateControlPlane(client, n, svc, svc, rev, "1", null);
        String host = host(ready.getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        validateLabels(client, n, svc, rev);
        validateAnnotations(client, n, svc);

        Prober prober = new Prober(http, internal(), host);
        edit(client, n, svc, s -> image(s, IMAGE2, "two"));
        rev = awaitNewLatestRevision(client, n, svc, rev);
        awaitServiceReady(client, n, svc);
        validateControlPlane(client, n, svc, svc, rev, "2", null);
        awaitServes(http, internal(), host, TEXT2);

        // WithServiceTemplateMeta replaces the template's metadata: labels only, then annotations only
        edit(client, n, svc, s -> s.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder()
                .withLabels(Map.of("labelX", "abc", "labelY", "def")).build()));
        rev = awaitNewLatestRevision(client, n, svc, rev);
        edit(client, n, svc, s -> s.getSpec().getTemplate().setMetadata(new ObjectMetaBuilder()
                .withAnnotations(Map.of("annotationA", "123", "annotationB", "456")).build()));
        rev = awaitNewLatestRevision(client, n, svc, rev);
        awaitServiceReady(client, n, svc);
        validateControlPlane(client, n, svc, svc, rev, "4", null);
        assertThat(rev).isEqualTo(svc + "-00004");
        awaitServes(http, internal(), host, TEXT2);
        prober.assertEveryProbeSucceeded(20);
    }

    /**
     * TestServiceBYOName ({@code test/conformance/api/v1/service_test.go}): the revision takes the template's name;
     * an image update that keeps that name is refused.
     */
    @Test
    void serviceBYOName(KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        String svc = "byo";
        Service byo = ksvc(n, svc, IMAGE1, "one");
        byo.getSpec().getTemplate().getMetadata().setName(svc + "-byoname");
        create(client, byo);
        Service ready = awaitCreated(client, n, svc);
        assertThat(ready.getStatus().getLatestReadyRevisionName()).isEqualTo(svc + "-byoname");
        validateControlPlane(client, n, svc, svc, svc + "-byoname", "1", null);
        String host = host(ready.getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        validateLabels(client, n, svc, svc + "-byoname");
        validateAnnotations(client, n, svc);

        Prober prober = new Prober(http, internal(), host);
        assertThatThrownBy(() -> edit(client, n, svc, s -> image(s, IMAGE2, "two")))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.template.metadata.name");
        prober.assertEveryProbeSucceeded(1);
    }

    /**
     * TestServiceWithTrafficSplit ({@code test/conformance/api/v1/service_test.go}): release-like traffic shapes
     * with tags {@code current}, {@code candidate} and {@code latest} over three revisions; each step waits for the
     * exact status.traffic and checks the main URL's distribution and each tag's URL.
     */
    @Test
    void serviceWithTrafficSplit(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "split";
        create(client, ksvc(n, svc, IMAGE1, "one"));
        Service ready = awaitCreated(client, n, svc);
        String first = ready.getStatus().getLatestReadyRevisionName();
        // validateReleaseServiceShape: traffic[0] is the Configuration's latest ready revision
        assertThat(ready.getStatus().getTraffic().get(0).getRevisionName())
                .isEqualTo(get(client, Configuration.class, n, svc).getStatus().getLatestReadyRevisionName());
        validateAnnotations(client, n, svc);
        String host = host(ready.getStatus().getUrl());

        // 1. one revision, current == latest
        traffic(client, n, svc, target("current", first, 100L), target("latest", null, null));
        Map<String, Shape> want = new HashMap<>(Map.of(
                "current", new Shape(first, 100L, false),
                "latest", new Shape(first, 0L, true)));
        Service s = awaitTrafficShape(client, n, svc, want);
        validateDomains(s, host, new String[] {TEXT1}, Map.of("latest", TEXT1, "current", TEXT1));

        // 2. one revision, current != latest
        edit(client, n, svc, x -> image(x, IMAGE2, "two"));
        String second = awaitNewLatestRevision(client, n, svc, first);
        want.put("latest", new Shape(second, 0L, true));
        s = awaitTrafficShape(client, n, svc, want);
        validateDomains(s, host, new String[] {TEXT1}, Map.of("latest", TEXT2, "current", TEXT1));

        // 3. two revisions 50/50, candidate == latest
        traffic(client, n, svc, target("current", first, 50L), target("candidate", second, 50L),
                target("latest", null, null));
        want = new HashMap<>(Map.of(
                "current", new Shape(first, 50L, false),
                "candidate", new Shape(second, 50L, false),
                "latest", new Shape(second, 0L, true)));
        s = awaitTrafficShape(client, n, svc, want);
        validateDomains(s, host, new String[] {TEXT1, TEXT2},
                Map.of("candidate", TEXT2, "latest", TEXT2, "current", TEXT1));

        // 4. two revisions 50/50, candidate != latest
        edit(client, n, svc, x -> image(x, IMAGE3, "three"));
        String third = awaitNewLatestRevision(client, n, svc, second);
        want.put("latest", new Shape(third, 0L, true));
        s = awaitTrafficShape(client, n, svc, want);
        validateDomains(s, host, new String[] {TEXT1, TEXT2},
                Map.of("latest", TEXT3, "candidate", TEXT2, "current", TEXT1));

        // 5. candidate follows the latest revision
        traffic(client, n, svc, target("current", first, 50L), target("candidate", null, 50L),
                target("latest", null, null));
        validateAnnotations(client, n, svc);
        want.put("candidate", new Shape(third, 50L, true));
        s = awaitTrafficShape(client, n, svc, want);
        validateDomains(s, host, new String[] {TEXT1, TEXT3},
                Map.of("latest", TEXT3, "candidate", TEXT3, "current", TEXT1));
    }

    /**
     * TestBlueGreenRoute ({@code test/conformance/api/v1/blue_green_test.go}): two revisions 50/50 under tags
     * {@code blue} and {@code green}; the main URL splits, each tag URL serves its own revision only.
     */
    @Test
    void blueGreenRoute(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "bluegreen";
        create(client, ksvc(n, svc, IMAGE1, "one"));
        String blue = awaitCreated(client, n, svc).getStatus().getLatestReadyRevisionName();
        edit(client, n, svc, s -> image(s, IMAGE2, "two"));
        String green = awaitNewLatestRevision(client, n, svc, blue);
        traffic(client, n, svc, target("blue", blue, 50L), target("green", green, 50L));
        Service s = awaitServiceReady(client, n, svc);
        String blueHost = host(tagUrl(s, "blue"));
        String greenHost = host(tagUrl(s, "green"));
        String host = host(s.getStatus().getUrl());
        awaitServes(http, internal(), greenHost, TEXT2);
        awaitServes(http, internal(), blueHost, TEXT1);
        checkDistribution(http, internal(), host, TEXT1, TEXT2);
        checkDistribution(http, internal(), blueHost, TEXT1);
        checkDistribution(http, internal(), greenHost, TEXT2);
    }

    /**
     * TestServiceGenerateName ({@code test/conformance/api/v1/generatename_test.go}): a Service named by
     * {@code generateName} becomes ready and serves.
     */
    @Test
    void serviceGenerateName(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service svc = ksvc(n, null, IMAGE1, "one");
        svc.getMetadata().setGenerateName("service-generate-name-");
        Service created = client.resources(Service.class).inNamespace(n).resource(svc).create();
        String name = created.getMetadata().getName();
        assertThat(name).matches("^service-generate-name-[a-zA-Z0-9\\-.]+$");
        Service ready = awaitServiceReady(client, n, name);
        awaitServes(http, internal(), host(get(client, Route.class, n, name).getStatus().getUrl()), TEXT1);
        assertThat(ready.getStatus().getUrl()).contains(name);
    }

    /**
     * TestRouteAndConfigGenerateName ({@code test/conformance/api/v1/generatename_test.go}): a Configuration and a
     * Route both named by {@code generateName}; the Route sends everything to the Configuration and serves.
     */
    @Test
    void routeAndConfigGenerateName(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Configuration config = configuration(n, null, IMAGE1, "one");
        config.getMetadata().setGenerateName("config-generate-name-");
        String configName = client.resources(Configuration.class).inNamespace(n).resource(config).create()
                .getMetadata().getName();
        assertThat(configName).matches("^config-generate-name-[a-zA-Z0-9\\-.]+$");
        await("first revision of " + configName).atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Configuration.class, n, configName), c -> c.getStatus() != null
                        && c.getStatus().getLatestCreatedRevisionName() != null && c.getStatus()
                        .getLatestCreatedRevisionName().equals(c.getStatus().getLatestReadyRevisionName()));

        Route route = route(n, null, target(null, null, 100L));
        route.getSpec().getTraffic().get(0).setConfigurationName(configName);
        route.getSpec().getTraffic().get(0).setLatestRevision(null);
        route.getMetadata().setGenerateName("route-generate-name-");
        String routeName = client.resources(Route.class).inNamespace(n).resource(route).create().getMetadata()
                .getName();
        assertThat(routeName).matches("^route-generate-name-[a-zA-Z0-9\\-.]+$");
        Route ready = await("route " + routeName + " ready").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Route.class, n, routeName), r -> r != null && r.isReady());
        awaitServes(http, internal(), host(ready.getStatus().getUrl()), TEXT1);
    }

    /**
     * TestRouteCreation ({@code test/conformance/api/v1/route_test.go}): a standalone Configuration and Route with a
     * tagged target; each new revision is pinned ({@code routingState: active}) before it is ready, and the
     * Configuration's image is changed by a JSON patch while a prober sees only 200s.
     */
    @Test
    void routeCreation(KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        String x = "route-creation";
        client.resources(Configuration.class).inNamespace(n).resource(configuration(n, x, IMAGE1, "one")).create();
        TrafficTarget t = target(x, null, 100L);
        t.setLatestRevision(null);
        t.setConfigurationName(x);
        client.resources(Route.class).inNamespace(n).resource(route(n, x, t)).create();

        String r1 = awaitPinnedRevision(client, n, x, null);
        String url = await("route URL").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Route.class, n, x).getStatus(), st -> st != null && st.getUrl() != null)
                .getUrl();
        String host = host(url);
        assertUpdatedWhenRevisionIsReady(client, n, x, host, r1, "1", TEXT1);

        Prober prober = new Prober(http, internal(), host);
        client.resources(Configuration.class).inNamespace(n).withName(x).patch(PatchContext.of(PatchType.JSON), """
                [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "%s"},
                 {"op": "replace", "path": "/spec/template/spec/containers/0/env/0/value", "value": "two"}]
                """.formatted(IMAGE2));
        String r2 = awaitPinnedRevision(client, n, x, r1);
        assertUpdatedWhenRevisionIsReady(client, n, x, host, r2, "2", TEXT2);
        prober.assertEveryProbeSucceeded(20);
    }

    /**
     * TestUpdateConfigurationMetadata ({@code test/conformance/api/v1/configuration_test.go}): labels and
     * annotations added to a standalone Configuration are stored exactly as written, make no revision and do not
     * reach the existing one.
     */
    @Test
    void updateConfigurationMetadata(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String name = "config-metadata";
        client.resources(Configuration.class).inNamespace(n).resource(configuration(n, name, IMAGE1, "one"))
                .create();
        Configuration cfg = await("configuration ready").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Configuration.class, n, name), c -> c != null && c.isReady());
        String rev = cfg.getStatus().getLatestReadyRevisionName();

        Map<String, String> newLabels = Map.of("label-x", "abc", "label-y", "def");
        cfg.getMetadata().setLabels(union(cfg.getMetadata().getLabels(), newLabels));
        Configuration updated = client.resources(Configuration.class).inNamespace(n).resource(cfg).update();
        Map<String, String> labels = updated.getMetadata().getLabels();
        cfg = await("labels stored as written").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Configuration.class, n, name), c -> labels.equals(c.getMetadata()
                        .getLabels()) && c.isGenerationObserved());
        assertThat(cfg.getStatus().getLatestCreatedRevisionName()).isEqualTo(rev);
        assertThat(get(client, Revision.class, n, rev).getMetadata().getLabels()).doesNotContainKeys("label-x",
                "label-y");

        Map<String, String> newAnnotations = Map.of("annotation-a", "123", "annotation-b", "456");
        cfg.getMetadata().setAnnotations(union(cfg.getMetadata().getAnnotations(), newAnnotations));
        updated = client.resources(Configuration.class).inNamespace(n).resource(cfg).update();
        Map<String, String> annotations = updated.getMetadata().getAnnotations();
        cfg = await("annotations stored as written").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Configuration.class, n, name), c -> annotations.equals(c.getMetadata()
                        .getAnnotations()) && c.isGenerationObserved());
        assertThat(cfg.getStatus().getLatestCreatedRevisionName()).isEqualTo(rev);
        Map<String, String> revAnnotations = get(client, Revision.class, n, rev).getMetadata().getAnnotations();
        assertThat(revAnnotations == null ? Map.of() : revAnnotations).doesNotContainKeys("annotation-a",
                "annotation-b");
    }

    /**
     * TestAnnotationPropagation ({@code test/conformance/api/v1/service_test.go}): an annotation added to the
     * Service reaches its Route, Configuration and Kubernetes Service; removed, it leaves the Route and the
     * Configuration.
     */
    @Test
    void annotationPropagation(KubernetesClient client, TestNamespace ns) {
        propagation(client, ns.name(), "annotations", false);
    }

    /**
     * TestLabelPropagation ({@code test/conformance/api/v1/service_test.go}): as TestAnnotationPropagation, with a
     * label.
     */
    @Test
    void labelPropagation(KubernetesClient client, TestNamespace ns) {
        propagation(client, ns.name(), "labels", true);
    }

    private void propagation(KubernetesClient client, String n, String svc, boolean label) {
        create(client, ksvc(n, svc, IMAGE1, "one"));
        String rev = awaitCreated(client, n, svc).getStatus().getLatestReadyRevisionName();
        validateControlPlane(client, n, svc, svc, rev, "1", null);
        validateAnnotations(client, n, svc);
        validateK8sService(client, n, svc, label);
        validateLabels(client, n, svc, rev);

        edit(client, n, svc, s -> meta(s, label).put("juicy", "jamba"));
        edit(client, n, svc, s -> image(s, IMAGE2, "two"));
        rev = awaitNewLatestRevision(client, n, svc, rev);
        awaitServiceReady(client, n, svc);
        if (label) {
            for (Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind : List.of(Route.class,
                    Configuration.class)) {
                assertThat(get(client, kind, n, svc).getMetadata().getLabels()).as(kind.getSimpleName())
                        .containsEntry("juicy", "jamba");
            }
            validateAnnotations(client, n, svc);
        } else {
            validateAnnotations(client, n, svc, "juicy");
        }
        String juicyRev = rev;
        await("juicy on the Kubernetes Service").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .untilAsserted(() -> validateK8sService(client, n, svc, label, "juicy"));
        validateLabels(client, n, svc, juicyRev);

        edit(client, n, svc, s -> meta(s, label).remove("juicy"));
        edit(client, n, svc, s -> image(s, IMAGE3, "three"));
        rev = awaitNewLatestRevision(client, n, svc, rev);
        awaitServiceReady(client, n, svc);
        validateAnnotations(client, n, svc);
        validateLabels(client, n, svc, rev);
        for (Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind : List.of(Route.class,
                Configuration.class)) {
            var meta = get(client, kind, n, svc).getMetadata();
            Map<String, String> m = label ? meta.getLabels() : meta.getAnnotations();
            assertThat(m == null ? Map.of() : m).as("%s of %s", svc, kind.getSimpleName()).doesNotContainKey("juicy");
        }
    }

    /**
     * TestRevisionTimeout ({@code test/conformance/api/v1/revision_timeout_test.go}) with {@code timeoutSeconds:
     * 10}: a response starting after 2 s is a 200, one with no first byte in 12 s a 504, one whose first byte
     * comes at once and its body after 15 s a 200 (the status Go's {@code client.Do} returns with the head). The
     * Go test runs its three cases in parallel on three Services; here they run in parallel on one.
     */
    @Test
    void revisionTimeout(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "timeout";
        Service s = ksvc(n, svc, IMAGE1, "one");
        s.getSpec().getTemplate().getSpec().setTimeoutSeconds(10L);
        create(client, s);
        String host = host(awaitCreated(client, n, svc).getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        Future<Integer> within = http.status(to(internal(), host, StandinApp.TIMEOUT_PATH
                + "?initialTimeout=2000&timeout=0"));
        Future<Integer> exceeds = http.status(to(internal(), host, StandinApp.TIMEOUT_PATH
                + "?initialTimeout=12000&timeout=0"));
        Future<Integer> firstByte = http.status(to(internal(), host, StandinApp.TIMEOUT_PATH
                + "?initialTimeout=0&timeout=15000"));
        assertThat(GatewayClient.await(within)).as("does not exceed timeout seconds").isEqualTo(200);
        assertThat(GatewayClient.await(exceeds)).as("exceeds timeout seconds").isEqualTo(504);
        assertThat(GatewayClient.await(firstByte)).as("writes first byte before timeout").isEqualTo(200);
    }

    /**
     * TestSingleConcurrency ({@code test/conformance/api/v1/single_threaded_test.go}): {@code containerConcurrency:
     * 1} and five clients for 20 s against the single-threaded app, which answers 500 to a request that arrives
     * while another is in flight; every answer must be a 200.
     */
    @Test
    void singleConcurrency(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "single";
        Service s = ksvc(n, svc, IMAGE1, "one");
        s.getSpec().getTemplate().getSpec().setContainerConcurrency(1L);
        var env = s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        env.add(new io.fabric8.kubernetes.api.model.EnvVar(StandinApp.SINGLE_THREADED, "true", null));
        // the singlethreaded image holds each request 500 ms
        env.add(new io.fabric8.kubernetes.api.model.EnvVar(StandinApp.DELAY_MS, "500", null));
        create(client, s);
        String host = host(awaitCreated(client, n, svc).getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Future<List<Outcome>>> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(Future.future(p -> new Thread(() -> {
                List<Outcome> seen = new ArrayList<>();
                while (System.nanoTime() < end) {
                    seen.add(GatewayClient.await(http.send(to(internal(), host, "/"))));
                }
                p.complete(seen);
            }).start()));
        }
        List<Outcome> all = new ArrayList<>();
        clients.forEach(f -> all.addAll(GatewayClient.await(f)));
        assertThat(all).isNotEmpty().allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(200));
    }

    /**
     * TestMustEnvVars ({@code test/conformance/runtime/envvars_test.go}): with container port 8801 the container
     * sees {@code PORT=8801}.
     */
    @Test
    void mustEnvVars(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Service s = ksvc(n, "must-env", IMAGE1, "one");
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder()
                .withContainerPort(8801).build()));
        JsonObject env = runtimeInfo(client, s, SampleImages.ENV_PATH);
        assertThat(env.getString("PORT")).isEqualTo("8801");
    }

    /**
     * TestShouldEnvVars ({@code test/conformance/runtime/envvars_test.go}): {@code K_SERVICE}, {@code
     * K_CONFIGURATION} and {@code K_REVISION} are the Service's, Configuration's and Revision's names.
     */
    @Test
    void shouldEnvVars(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "should-env";
        JsonObject env = runtimeInfo(client, ksvc(n, svc, IMAGE1, "one"), SampleImages.ENV_PATH);
        String rev = get(client, Service.class, n, svc).getStatus().getLatestReadyRevisionName();
        assertThat(env.getString("K_SERVICE")).isEqualTo(svc);
        assertThat(env.getString("K_CONFIGURATION")).isEqualTo(svc);
        assertThat(env.getString("K_REVISION")).isEqualTo(rev);
    }

    /**
     * TestMustHaveHeadersSet ({@code test/conformance/runtime/header_test.go}): the request reaches the container
     * with a non-empty Host.
     */
    @Test
    void mustHaveHeadersSet(KubernetesClient client, TestNamespace ns) {
        JsonObject seen = runtimeInfo(client, ksvc(ns.name(), "must-headers", IMAGE1, "one"),
                StandinApp.HEADERS_PATH);
        assertThat(seen.getString("authority")).isNotBlank();
        assertThat(seen.getJsonObject("headers").getJsonArray("host").getString(0)).isNotBlank();
    }

    /**
     * TestShouldHaveHeadersSet ({@code test/conformance/runtime/header_test.go}): a user header arrives unchanged;
     * {@code X-Forwarded-Proto} is http or https, {@code X-Forwarded-For} a list of IPs, {@code Forwarded} an RFC
     * 7239 element, and the client's W3C {@code traceparent} is propagated (same trace id).
     */
    @Test
    void shouldHaveHeadersSet(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "should-headers";
        create(client, ksvc(n, svc, IMAGE1, "one"));
        String host = host(awaitCreated(client, n, svc).getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Outcome o = GatewayClient.await(http.send(to(internal(), host, StandinApp.HEADERS_PATH)
                .putHeader("this-was-user-set", "a value")
                .putHeader("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")));
        assertThat(o.status()).as("%s", o).isEqualTo(200);
        JsonObject headers = new JsonObject(o.text()).getJsonObject("headers");
        assertThat(headers.getJsonArray("this-was-user-set").getList()).containsExactly("a value");
        assertThat(headers.getJsonArray("x-forwarded-proto").getList()).allSatisfy(v -> assertThat((String) v)
                .matches("https?"));
        assertThat(headers.getJsonArray("x-forwarded-for").getList()).isNotEmpty().allSatisfy(v -> {
            for (String ip : ((String) v).split(",")) {
                assertThat(ip.trim()).matches("[0-9.]+|[0-9a-fA-F:]+");
            }
        });
        assertThat(headers.getJsonArray("forwarded").getList()).isNotEmpty().allSatisfy(v -> assertThat((String) v)
                .matches("(?i)^(for|by|proto|host)=.*"));
        assertThat(headers.getJsonArray("traceparent").getList()).singleElement().satisfies(v -> assertThat(
                (String) v).matches("00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}"));
    }

    /**
     * TestProbeRuntime ({@code test/conformance/runtime/readiness_probe_test.go}): an app that starts listening 10 s
     * after its start, with an {@code httpGet} ({@code /healthz}) or {@code tcpSocket} readiness probe, {@code
     * periodSeconds} 0 or 1: once the Service is Ready the first request to {@code /healthz} is a 200. The Go test's
     * {@code exec} cases are not replayed: the node agent passes every exec probe (its stand-ins run no commands).
     */
    @Test
    void probeRuntime(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Map<String, io.fabric8.kubernetes.api.model.Probe> probes = new java.util.LinkedHashMap<>();
        for (int period : new int[] {0, 1}) {
            probes.put("httpget-" + period, new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet()
                    .withPath("/healthz").endHttpGet().withPeriodSeconds(period).build());
            probes.put("tcpsocket-" + period, new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewTcpSocket()
                    .endTcpSocket().withPeriodSeconds(period).build());
        }
        probes.forEach((name, probe) -> {
            Service s = ksvc(n, name, IMAGE1, "one");
            var container = s.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setReadinessProbe(probe);
            container.getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar(SampleImages.STARTUP_DELAY_MS,
                    "10000", null));
            create(client, s);
        });
        for (String name : probes.keySet()) {
            String host = host(awaitCreated(client, n, name).getStatus().getUrl());
            Outcome o = http.get(internal(), host, "/healthz");
            assertThat(o.status()).as("%s right after Ready: %s", name, o).isEqualTo(200);
        }
    }

    /**
     * TestProbeRuntimeAfterStartup ({@code test/conformance/runtime/readiness_probe_test.go}), for {@code
     * periodSeconds} 0 and 1: the {@code readiness} image ready with an {@code httpGet} probe of {@code
     * /healthz/readiness}, {@code /healthz} serving its text; after a POST to {@code /start-failing} its probe fails,
     * and within a minute of polling (1 s apart, a 5 s client timeout) a GET of {@code /} must time out (the
     * activator holds it, no pod being in rotation) or be a 503, with only 200s before.
     */
    @Test
    void probeRuntimeAfterStartup(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        int[] periods = {0, 1};
        for (int period : periods) {
            Service s = ksvc(n, "after-startup-" + period, SampleImages.READINESS, "unused");
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setReadinessProbe(
                    new io.fabric8.kubernetes.api.model.ProbeBuilder().withPeriodSeconds(period).withNewHttpGet()
                            .withPath("/healthz/readiness").endHttpGet().build());
            create(client, s);
        }
        List<String> hosts = new ArrayList<>();
        for (int period : periods) {
            String host = host(awaitCreated(client, n, "after-startup-" + period).getStatus().getUrl());
            Outcome o = http.get(internal(), host, "/healthz");
            assertThat(o.status()).as("period %s: %s", period, o).isEqualTo(200);
            assertThat(o.text()).isEqualTo(READINESS_TEXT);
            Outcome failing = GatewayClient.await(http.send(to(internal(), host, "/start-failing")
                    .setMethod(io.vertx.core.http.HttpMethod.POST)));
            assertThat(failing.status()).as("period %s: %s", period, failing).isEqualTo(200);
            hosts.add(host);
        }
        // both in parallel, as the Go subtests run (t.Parallel)
        List<java.util.concurrent.CompletableFuture<Void>> runs = hosts.stream().map(host ->
                java.util.concurrent.CompletableFuture.runAsync(() -> awaitOutOfRotation(host))).toList();
        runs.forEach(java.util.concurrent.CompletableFuture::join);
    }

    /**
     * The poll of TestProbeRuntimeAfterStartup: a GET of {@code /} every second for up to a minute
     * ({@code readinessPropagationTime}) until one times out after 5 s or is a 503; a 200 means not yet, anything
     * else fails.
     */
    private static void awaitOutOfRotation(String host) {
        await("readiness of " + host + " propagated").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Outcome o = GatewayClient.await(http.send(to(internal(), host, "/").setIdleTimeout(5_000)));
                    if (o.status() == 0 && o.failure() instanceof java.util.concurrent.TimeoutException) {
                        return true;
                    }
                    if (o.status() == 503) {
                        return true;
                    }
                    if (o.status() != 200) {
                        throw new AssertionError("Received non-200, non-503 status code, wanted request to time out: "
                                + o);
                    }
                    return false;
                });
    }

    /**
     * TestLivenessWithFail ({@code test/conformance/runtime/liveness_probe_test.go}): the {@code readiness} image
     * with an {@code httpGet} liveness probe of {@code /healthz/liveness} on port 8080 every second (failureThreshold
     * 3) counts at least 5 checks without a restart; after a POST to {@code /start-failing} its liveness probe fails,
     * the user-container is restarted ({@code restartCount > 0}) and the new process counts 5 checks again.
     */
    @Test
    void livenessWithFail(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "liveness";
        Service s = ksvc(n, svc, SampleImages.READINESS, "unused");
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setLivenessProbe(
                new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewHttpGet().withPath("/healthz/liveness")
                        .withPort(new io.fabric8.kubernetes.api.model.IntOrString(8080)).endHttpGet()
                        .withPeriodSeconds(1).withFailureThreshold(3).build());
        create(client, s);
        Service ready = awaitCreated(client, n, svc);
        String host = host(ready.getStatus().getUrl());
        String deployment = ready.getStatus().getLatestReadyRevisionName() + "-deployment";
        awaitLivenessChecks(host, 5);
        assertThat(userContainerRestarted(client, n, deployment)).as("user-container restarted before failing")
                .isFalse();

        Outcome failing = GatewayClient.await(http.send(to(internal(), host, "/start-failing")
                .setMethod(io.vertx.core.http.HttpMethod.POST)));
        assertThat(failing.status()).as("%s", failing).isEqualTo(200);
        await("user-container of " + deployment + " restarted").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> userContainerRestarted(client, n, deployment));
        awaitLivenessChecks(host, 5);
    }

    /** {@code atLeastNumLivenessChecks}: {@code /healthz/livenessCounter} answers at least {@code checks}. */
    private static void awaitLivenessChecks(String host, int checks) {
        await("at least " + checks + " liveness checks on " + host).atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> {
                    Outcome o = http.get(internal(), host, "/healthz/livenessCounter");
                    try {
                        return o.status() == 200 && Integer.parseInt(o.text().trim()) >= checks;
                    } catch (NumberFormatException e) {
                        return false; // some errors are expected right after a restart, as in the Go test
                    }
                });
    }

    /** {@code userContainerRestarted} over the pods whose name contains the deployment's. */
    private static boolean userContainerRestarted(KubernetesClient client, String n, String deployment) {
        return client.pods().inNamespace(n).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().contains(deployment) && p.getStatus() != null
                        && p.getStatus().getContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .anyMatch(c -> "user-container".equals(c.getName()) && c.getRestartCount() != null
                        && c.getRestartCount() > 0);
    }

    /**
     * TestProtocols ({@code test/conformance/runtime/protocol_test.go}): a port named {@code h2c} gets requests over
     * HTTP/2, one named {@code http1} or unnamed over HTTP/1.1.
     */
    @Test
    void protocols(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        Map<String, String> want = Map.of("h2c", "HTTP_2", "http1", "HTTP_1_1", "", "HTTP_1_1");
        want.forEach((port, version) -> {
            Service s = ksvc(n, "proto-" + (port.isEmpty() ? "none" : port), IMAGE1, "one");
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder()
                    .withName(port.isEmpty() ? null : port).withContainerPort(8080).build()));
            create(client, s);
        });
        want.forEach((port, version) -> {
            String name = "proto-" + (port.isEmpty() ? "none" : port);
            String host = host(awaitCreated(client, n, name).getStatus().getUrl());
            awaitServes(http, internal(), host, TEXT1);
            Outcome o = http.get(internal(), host, StandinApp.HEADERS_PATH);
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(new JsonObject(o.text()).getString("version")).as("port %s", port).isEqualTo(version);
        });
    }

    /**
     * TestSecretsViaEnv ({@code test/conformance/runtime/envpropagation_test.go}): a Secret's key through {@code
     * valueFrom.secretKeyRef} and a whole Secret through {@code envFrom} reach the container's environment.
     */
    @Test
    void secretsViaEnv(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        client.secrets().inNamespace(n).resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("env-secret").endMetadata().withStringData(Map.of("secret-key", "secret-value")).build())
                .create();
        Service s = ksvc(n, "secret-env", IMAGE1, "one");
        var container = s.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.getEnv().add(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("SECRET_ONE")
                .withNewValueFrom().withNewSecretKeyRef("secret-key", "env-secret", null).endValueFrom().build());
        container.setEnvFrom(List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder().withNewSecretRef()
                .withName("env-secret").endSecretRef().build()));
        JsonObject env = runtimeInfo(client, s, SampleImages.ENV_PATH);
        assertThat(env.getString("SECRET_ONE")).isEqualTo("secret-value");
        assertThat(env.getString("secret-key")).isEqualTo("secret-value");
    }

    /**
     * TestConfigsViaEnv ({@code test/conformance/runtime/envpropagation_test.go}): a ConfigMap's key through {@code
     * valueFrom.configMapKeyRef} and a whole ConfigMap through {@code envFrom} reach the container's environment.
     */
    @Test
    void configsViaEnv(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        client.configMaps().inNamespace(n).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("env-config").endMetadata().withData(Map.of("config-key", "config-value"))
                .build()).create();
        Service s = ksvc(n, "config-env", IMAGE1, "one");
        var container = s.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.getEnv().add(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("CONFIG_ONE")
                .withNewValueFrom().withNewConfigMapKeyRef("config-key", "env-config", null).endValueFrom().build());
        container.setEnvFrom(List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder().withNewConfigMapRef()
                .withName("env-config").endConfigMapRef().build()));
        JsonObject env = runtimeInfo(client, s, SampleImages.ENV_PATH);
        assertThat(env.getString("CONFIG_ONE")).isEqualTo("config-value");
        assertThat(env.getString("config-key")).isEqualTo("config-value");
    }

    /**
     * TestServiceCreateListAndDelete ({@code test/conformance/api/v1/service_test.go}) with
     * TestConfigurationGetAndList, TestRevisionGetAndList and TestRouteGetAndList ({@code configuration_test.go},
     * {@code revision_test.go}, {@code route_test.go}), which make the same Service: its children are got by name
     * and listed, and the Service is listed and deleted.
     */
    @Test
    void serviceCreateListAndDelete(KubernetesClient client, TestNamespace ns) {
        String n = ns.name();
        String svc = "list";
        create(client, ksvc(n, svc, IMAGE1, "one"));
        Service ready = awaitCreated(client, n, svc);
        String rev = ready.getStatus().getLatestCreatedRevisionName();
        validateControlPlane(client, n, svc, svc, rev, "1", null);
        assertThat(client.resources(Service.class).inNamespace(n).list().getItems())
                .extracting(s -> s.getMetadata().getName()).contains(svc);
        assertThat(client.resources(Configuration.class).inNamespace(n).list().getItems())
                .extracting(c -> c.getMetadata().getName()).contains(svc);
        assertThat(client.resources(Revision.class).inNamespace(n).list().getItems())
                .extracting(r -> r.getMetadata().getName()).contains(rev);
        assertThat(client.resources(Route.class).inNamespace(n).list().getItems())
                .extracting(r -> r.getMetadata().getName()).contains(svc);
        assertThat(client.resources(Service.class).inNamespace(n).withName(svc).delete()).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /** Creates the Service, waits for it ready and returns the JSON the container answers on {@code path}. */
    private static JsonObject runtimeInfo(KubernetesClient client, Service s, String path) {
        String n = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        create(client, s);
        String host = host(awaitCreated(client, n, name).getStatus().getUrl());
        awaitServes(http, internal(), host, TEXT1);
        Outcome o = http.get(internal(), host, path);
        assertThat(o.status()).as("%s", o).isEqualTo(200);
        return new JsonObject(o.text());
    }

    /**
     * {@code CreateServiceReady}: the Service ready, with a URL host, both revision names and
     * {@code observedGeneration} 1.
     */
    private static Service awaitCreated(KubernetesClient client, String n, String name) {
        Service s = awaitServiceReady(client, n, name);
        assertThat(host(s.getStatus().getUrl())).isNotBlank();
        assertThat(s.getStatus().getLatestCreatedRevisionName()).isNotBlank();
        assertThat(s.getStatus().getLatestReadyRevisionName()).isNotBlank();
        assertThat(s.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(get(client, Configuration.class, n, name)).isNotNull();
        assertThat(get(client, Route.class, n, name)).isNotNull();
        return s;
    }

    /**
     * {@code WaitForConfigLatestPinnedRevision}: a latestCreatedRevisionName other than {@code previous} whose
     * Revision has {@code routingState: active}, then that revision as latestReadyRevisionName.
     */
    private static String awaitPinnedRevision(KubernetesClient client, String n, String config, String previous) {
        String rev = await("pinned revision of " + config).atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> {
                    Configuration c = get(client, Configuration.class, n, config);
                    String created = c == null || c.getStatus() == null ? null
                            : c.getStatus().getLatestCreatedRevisionName();
                    if (created == null || created.equals(previous)) {
                        return null;
                    }
                    Revision r = get(client, Revision.class, n, created);
                    return r != null && ServingKeys.ROUTING_STATE_ACTIVE.equals(r.getMetadata().getLabels()
                            .get(ServingKeys.ROUTING_STATE)) ? created : null;
                }, r -> r != null);
        await("configuration " + config + " ready with " + rev).atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> rev.equals(get(client, Configuration.class, n, config).getStatus()
                        .getLatestReadyRevisionName()));
        return rev;
    }

    /** {@code assertResourcesUpdatedWhenRevisionIsReady} of route_test.go (Route, Configuration, tag all named x). */
    private static void assertUpdatedWhenRevisionIsReady(KubernetesClient client, String n, String x, String host,
            String rev, String gen, String text) {
        await("route " + x + " ready").atMost(READY).pollInterval(ConformanceChecks.POLL)
                .until(() -> get(client, Route.class, n, x), Route::isReady);
        awaitServes(http, internal(), host, text);
        Revision r = get(client, Revision.class, n, rev);
        assertThat(r.isReady()).as("revision %s ready", rev).isTrue();
        assertThat(r.getMetadata().getLabels()).containsEntry(ServingKeys.CONFIGURATION_GENERATION, gen);
        assertThat(get(client, Configuration.class, n, x).getStatus().getLatestReadyRevisionName()).isEqualTo(rev);
        await("all traffic of " + x + " at " + rev).atMost(READY).pollInterval(ConformanceChecks.POLL)
                .untilAsserted(() -> assertThat(get(client, Route.class, n, x).getStatus().getTraffic())
                        .anySatisfy(t -> {
                            assertThat(t.getRevisionName()).isEqualTo(rev);
                            assertThat(t.getPercent()).isEqualTo(100L);
                            assertThat(t.getTag()).isEqualTo(x);
                        }));
    }

    /**
     * {@code validateDomains}: the main URL serves the split texts ({@code checkDistribution}) and each tag's URL
     * (from status.traffic) its text.
     */
    private static void validateDomains(Service s, String host, String[] base, Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String tagHost = host(tagUrl(s, tag.getKey()));
            awaitServes(http, internal(), tagHost, tag.getValue());
            checkDistribution(http, internal(), tagHost, tag.getValue());
        }
        checkDistribution(http, internal(), host, base);
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new HashMap<>(a == null ? Map.of() : a);
        out.putAll(b);
        return out;
    }

    private static Map<String, String> meta(Service s, boolean labels) {
        if (labels) {
            if (s.getMetadata().getLabels() == null) {
                s.getMetadata().setLabels(new HashMap<>());
            }
            return s.getMetadata().getLabels();
        }
        if (s.getMetadata().getAnnotations() == null) {
            s.getMetadata().setAnnotations(new HashMap<>());
        }
        return s.getMetadata().getAnnotations();
    }

    private static Service ksvc(String n, String name, String image, String text) {
        Service s = ServingE2E.ksvc(n, name == null ? "generated" : name, text);
        s.getMetadata().setName(name);
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return s;
    }

    private static Configuration configuration(String n, String name, String image, String text) {
        Configuration c = new Configuration();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(n).build());
        ConfigurationSpec spec = new ConfigurationSpec();
        spec.setTemplate(ksvc(n, "x", image, text).getSpec().getTemplate());
        c.setSpec(spec);
        return c;
    }

    private static Route route(String n, String name, TrafficTarget... targets) {
        Route r = new Route();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(n).build());
        RouteSpec spec = new RouteSpec();
        spec.setTraffic(new ArrayList<>(List.of(targets)));
        r.setSpec(spec);
        return r;
    }

    /** A target as Knative's Go tests write it: a tag, a revision name or none, a percent or none. */
    private static TrafficTarget target(String tag, String revision, Long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setTag(tag);
        t.setRevisionName(revision);
        t.setPercent(percent);
        return t;
    }

    /** {@code UpdateServiceRouteSpec}: the Service's traffic replaced by {@code targets}. */
    private static void traffic(KubernetesClient client, String n, String svc, TrafficTarget... targets) {
        edit(client, n, svc, s -> s.getSpec().setTraffic(new ArrayList<>(List.of(targets))));
    }

    private static void image(Service s, String image, String text) {
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        ServingE2E.env(s, text);
    }

    private static void create(KubernetesClient client, Service s) {
        ServingE2E.create(client, s);
    }

    /** S-write: a read-modify-write update of the whole Service, again on a conflict (the status moved on). */
    private static void edit(KubernetesClient client, String n, String name, Consumer<Service> change) {
        for (int attempt = 1;; attempt++) {
            Service s = get(client, Service.class, n, name);
            change.accept(s);
            try {
                client.resources(Service.class).inNamespace(n).resource(s).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static int internal() {
        return qnative.gatewayPorts().internalHttp();
    }
}
