package io.qnative.reconciler;

import static io.qnative.testing.e2e.GatewayClient.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The helpers Knative's serving conformance tests share ({@code test/conformance/api/v1/util.go}, {@code
 * test/v1/*.go}), for {@link ServingConformanceE2E}: the control-plane check after each ready state
 * ({@code validateControlPlane}), label and annotation propagation ({@code validateLabelsPropagation}, {@code
 * validateAnnotations}), the traffic-shape wait ({@code waitForDesiredTrafficShape}), the served-text checks
 * ({@code validateDataPlane}, {@code checkDistribution}) and the route prober ({@code test.RunRouteProber}).
 */
final class ConformanceChecks {

    static final Duration READY = Duration.ofSeconds(120);
    static final Duration POLL = Duration.ofMillis(250);

    private ConformanceChecks() {
    }

    /** {@code v1test.IsServiceReady} on the current generation, then the Service. */
    static Service awaitServiceReady(KubernetesClient client, String ns, String name) {
        return await("ksvc " + ns + "/" + name + " Ready").atMost(READY).pollInterval(POLL)
                .until(() -> get(client, Service.class, ns, name), s -> s != null && s.isReady());
    }

    /**
     * {@code WaitForServiceLatestRevision}: a latestCreatedRevisionName other than {@code previous} that is also
     * latestReadyRevisionName; returns it.
     */
    static String awaitNewLatestRevision(KubernetesClient client, String ns, String name, String previous) {
        Service s = await("ksvc " + ns + "/" + name + " latest revision after " + previous).atMost(READY)
                .pollInterval(POLL).until(() -> get(client, Service.class, ns, name), svc -> {
                    if (svc == null || svc.getStatus() == null) {
                        return false;
                    }
                    String created = svc.getStatus().getLatestCreatedRevisionName();
                    return created != null && !created.equals(previous)
                            && created.equals(svc.getStatus().getLatestReadyRevisionName());
                });
        return s.getStatus().getLatestCreatedRevisionName();
    }

    /**
     * {@code validateControlPlane(names, gen)} for revision {@code rev} of Configuration {@code config} behind Route
     * {@code route}: R ready with {@code configurationGeneration == gen}, the Configuration's latestCreated and
     * latestReady are R, the Route sends 100 % to R under {@code tag} (null for none). The image digest check is
     * skipped as Knative skips it for registries that skip tag resolution (the stand-in images' {@code gcr.io}
     * here; RegistryE2E checks digests).
     */
    static void validateControlPlane(KubernetesClient client, String ns, String config, String route, String rev,
            String gen, String tag) {
        Revision r = get(client, Revision.class, ns, rev);
        assertThat(r).as("revision %s", rev).isNotNull();
        assertThat(r.isReady()).as("revision %s ready: %s", rev, r.getStatus()).isTrue();
        assertThat(r.getMetadata().getLabels()).containsEntry(ServingKeys.CONFIGURATION_GENERATION, gen);
        Configuration c = get(client, Configuration.class, ns, config);
        assertThat(c.getStatus().getLatestCreatedRevisionName()).isEqualTo(rev);
        assertThat(c.getStatus().getLatestReadyRevisionName()).isEqualTo(rev);
        Route rt = get(client, Route.class, ns, route);
        assertThat(rt.getStatus().getTraffic()).as("route %s traffic", route).anySatisfy(t -> {
            assertThat(t.getPercent()).isEqualTo(100L);
            assertThat(t.getRevisionName()).isEqualTo(rev);
            assertThat(t.getTag()).isEqualTo(tag);
        });
    }

    /** {@code validateLabelsPropagation}: the Service's name on its Revision, Configuration and Route. */
    static void validateLabels(KubernetesClient client, String ns, String svc, String rev) {
        assertThat(get(client, Revision.class, ns, rev).getMetadata().getLabels())
                .containsEntry(ServingKeys.CONFIGURATION, svc).containsEntry(ServingKeys.SERVICE, svc);
        assertThat(get(client, Configuration.class, ns, svc).getMetadata().getLabels())
                .containsEntry(ServingKeys.SERVICE, svc);
        assertThat(get(client, Route.class, ns, svc).getMetadata().getLabels())
                .containsEntry(ServingKeys.SERVICE, svc);
    }

    /**
     * {@code validateAnnotations(objs, extra...)}: creator and lastModifier non-empty on the Service, its Route and
     * its Configuration, and each extra key present.
     */
    static void validateAnnotations(KubernetesClient client, String ns, String svc, String... extra) {
        for (HasMetadata o : List.of(get(client, Service.class, ns, svc), get(client, Route.class, ns, svc),
                get(client, Configuration.class, ns, svc))) {
            Map<String, String> a = o.getMetadata().getAnnotations();
            assertThat(a).as("%s annotations", o.getKind()).isNotNull();
            assertThat(a.get(ServingKeys.CREATOR)).as("%s creator", o.getKind()).isNotBlank();
            assertThat(a.get(ServingKeys.LAST_MODIFIER)).as("%s lastModifier", o.getKind()).isNotBlank();
            if (extra.length > 0) {
                assertThat(a).as("%s annotations", o.getKind()).containsKeys(extra);
            }
        }
    }

    /**
     * The Kubernetes Service {@code <svc>} (the Route's placeholder): Knative's route and service labels, creator
     * and lastModifier, plus the extra keys as labels ({@code labels}) or annotations.
     */
    static void validateK8sService(KubernetesClient client, String ns, String svc, boolean labels,
            String... extra) {
        io.fabric8.kubernetes.api.model.Service k = get(client, io.fabric8.kubernetes.api.model.Service.class, ns,
                svc);
        assertThat(k).as("core/v1 Service %s", svc).isNotNull();
        assertThat(k.getMetadata().getLabels()).containsEntry(ServingKeys.SERVICE, svc)
                .containsEntry(ServingKeys.ROUTE, svc);
        assertThat(k.getMetadata().getAnnotations()).containsKeys(ServingKeys.CREATOR, ServingKeys.LAST_MODIFIER);
        if (extra.length > 0) {
            assertThat(labels ? k.getMetadata().getLabels() : k.getMetadata().getAnnotations()).containsKeys(extra);
        }
    }

    /**
     * {@code waitForDesiredTrafficShape}: the Service ready and its status.traffic, keyed by tag and with URLs
     * ignored, exactly {@code want}. As Go's {@code cmp.Equal} compares the pointer fields, a missing percent or
     * latestRevision is not 0 or false: the status must carry them.
     */
    static Service awaitTrafficShape(KubernetesClient client, String ns, String name, Map<String, Shape> want) {
        return await("ksvc " + ns + "/" + name + " traffic " + want).atMost(READY).pollInterval(POLL)
                .until(() -> get(client, Service.class, ns, name), s -> s != null && s.isReady()
                        && shape(s.getStatus().getTraffic()).equals(want));
    }

    /** One status.traffic entry as Knative's shape comparison sees it. */
    record Shape(String revision, Long percent, Boolean latest) {
    }

    static Map<String, Shape> shape(List<TrafficTarget> traffic) {
        Map<String, Shape> out = new HashMap<>();
        for (TrafficTarget t : traffic == null ? List.<TrafficTarget>of() : traffic) {
            out.put(Objects.requireNonNullElse(t.getTag(), ""), new Shape(t.getRevisionName(), t.getPercent(),
                    t.getLatestRevision()));
        }
        return out;
    }

    /** The URL of status.traffic's entry tagged {@code tag}. */
    static String tagUrl(Service s, String tag) {
        return s.getStatus().getTraffic().stream().filter(t -> tag.equals(t.getTag())).map(TrafficTarget::getUrl)
                .filter(Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError("no URL for tag " + tag
                        + " in " + s.getStatus().getTraffic()));
    }

    /** The host of a status URL. */
    static String host(String url) {
        return URI.create(url).getHost();
    }

    /**
     * {@code validateDataPlane} / {@code WaitForEndpointState(IsStatusOK, EventuallyMatchesBody)}: the host answers
     * 200 with a body containing {@code text}, eventually.
     */
    static void awaitServes(GatewayClient http, int port, String host, String text) {
        await("gateway serves " + text.trim() + " on " + host).atMost(READY).pollInterval(POLL).untilAsserted(() -> {
            Outcome o = http.get(port, host, "/");
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(o.text()).contains(text);
        });
    }

    /**
     * {@code checkDistribution} of {@code validateDomains}: 200 concurrent GETs, each a 200 with one of the expected
     * bodies, each body at least 25 % of them when several are expected (all of them when one is).
     */
    static void checkDistribution(GatewayClient http, int port, String host, String... texts) {
        List<Outcome> outcomes = http.load(200, 1, () -> to(port, host, "/"));
        assertThat(outcomes).hasSize(200).allSatisfy(o -> {
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(o.text()).as("%s", o).isIn((Object[]) texts);
        });
        for (String text : texts) {
            long seen = outcomes.stream().filter(o -> o.text().equals(text)).count();
            assertThat(seen).as("responses with %s on %s", text.trim(), host)
                    .isGreaterThanOrEqualTo(texts.length == 1 ? 200 : 50);
        }
    }

    /**
     * {@code test.RunRouteProber} / {@code AssertProberDefault}: GETs of one host one after another from start to
     * {@link #stop()}, where every answer must be a 200 (an SLO of 1.0).
     */
    static final class Prober {
        private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread loop;

        Prober(GatewayClient http, int port, String host) {
            loop = new Thread(() -> {
                while (running.get()) {
                    outcomes.add(GatewayClient.await(http.send(to(port, host, "/"))));
                }
            }, "route-prober-" + host);
            loop.setDaemon(true);
            loop.start();
        }

        /** Stops probing and checks every probe was a 200 (at least {@code min} probes). */
        void assertEveryProbeSucceeded(int min) throws InterruptedException {
            running.set(false);
            loop.join(Duration.ofMinutes(2).toMillis());
            List<Outcome> all = List.copyOf(outcomes);
            assertThat(all.size()).as("probes sent").isGreaterThanOrEqualTo(min);
            assertThat(all).as("probes that were not a 200").filteredOn(Predicate.not(Outcome::ok)).isEmpty();
        }
    }

    static <T extends HasMetadata> T get(KubernetesClient client, Class<T> type, String ns, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }
}
