package io.qnative.reconciler.domainmapping;

import static io.qnative.testing.e2e.GatewayClient.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.KReference;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.api.serving.v1beta1.DomainMappingConditions;
import io.qnative.api.serving.v1beta1.DomainMappingSpec;
import io.qnative.testing.e2e.GatewayClient;
import io.qnative.testing.e2e.GatewayClient.Outcome;
import io.qnative.testing.e2e.RunningQnative;
import io.qnative.testing.e2e.SystemConfigMaps;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import io.qnative.testing.nodeagent.SampleImages;
import io.qnative.testing.nodeagent.StandinApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DomainMapping end to end on the local cluster, as Knative's conformance {@code TestDomainMapping}
 * (test/conformance/api/v1beta1/domain_mapping_test.go): with {@code autocreate-cluster-domain-claims} on, a mapping
 * of a custom domain to a ksvc becomes Ready and the gateway's external listener serves the ksvc on that Host (the
 * pod sees the mapped Host and {@code K-Original-Host}); a same-named mapping in a second namespace reports
 * DomainClaimed False while the first holds the claim, and takes the domain over once the first is deleted.
 */
@WithQnative(value = "dm", gatewayConnections = 10)
class DomainMappingE2E {

    private static final Duration READY = Duration.ofSeconds(180);
    private static RunningQnative qnative;
    private static GatewayClient http;

    @Test
    void aMappedDomainServesItsServiceAndIsHandedOverWhenReleased(KubernetesClient client, TestNamespace ns) {
        String one = ns.name();
        String two = one + "-b";
        String domain = one + ".example.org";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(two).endMetadata().build())
                .create();
        try {
            SystemConfigMaps.with(client, "config-network", Map.of("autocreate-cluster-domain-claims", "true"), () -> {
                create(client, ksvc(one, "first", "one"));
                create(client, ksvc(two, "second", "two"));
                awaitReady(client, one, "first");
                client.resources(DomainMapping.class).inNamespace(one).resource(mapping(one, domain, "first"))
                        .create();
                DomainMapping ready = awaitMappingReady(client, one, domain);
                assertThat(ready.getStatus().getUrl()).isEqualTo("http://" + domain);
                assertThat(ready.getStatus().getAddress().getUrl()).isEqualTo("http://" + domain);
                assertThat(client.resources(ClusterDomainClaim.class).withName(domain).get().getSpec()
                        .getNamespace()).isEqualTo(one);
                awaitServed(domain, "Hello one!\n");

                Outcome o = http.get(external(), domain, StandinApp.HEADERS_PATH);
                assertThat(o.status()).as("%s", o).isEqualTo(200);
                JsonObject headers = new JsonObject(o.text()).getJsonObject("headers");
                assertThat(headers.getJsonArray("host").getList()).containsExactly(domain);
                assertThat(headers.getJsonArray("k-original-host").getList()).containsExactly(domain);

                awaitReady(client, two, "second");
                client.resources(DomainMapping.class).inNamespace(two).resource(mapping(two, domain, "second"))
                        .create();
                DomainMapping refused = await("the second mapping sees the claim taken").atMost(READY)
                        .until(() -> client.resources(DomainMapping.class).inNamespace(two).withName(domain).get(),
                                dm -> dm != null && dm.isGenerationObserved() && dm.getStatus() != null
                                        && dm.getStatus().getCondition(DomainMappingConditions.DOMAIN_CLAIMED) != null
                                        && dm.getStatus().getCondition(DomainMappingConditions.DOMAIN_CLAIMED)
                                                .isFalse());
                assertThat(refused.getStatus().getCondition(Condition.READY).getReason())
                        .isEqualTo(DomainMappingConditions.REASON_DOMAIN_ALREADY_CLAIMED);
                assertThat(http.get(external(), domain, "/").text()).isEqualTo("Hello one!\n");

                client.resources(DomainMapping.class).inNamespace(one).withName(domain).delete();
                awaitMappingReady(client, two, domain);
                assertThat(client.resources(ClusterDomainClaim.class).withName(domain).get().getSpec()
                        .getNamespace()).isEqualTo(two);
                awaitServed(domain, "Hello two!\n");

                client.resources(DomainMapping.class).inNamespace(two).withName(domain).delete();
                await("the claim is released").atMost(READY)
                        .until(() -> client.resources(ClusterDomainClaim.class).withName(domain).get() == null);
                await("the domain is no longer served").atMost(READY)
                        .until(() -> http.get(external(), domain, "/").status() == 404);
            });
        } finally {
            cleanUp(client, one);
            cleanUp(client, two);
            client.namespaces().withName(two).delete();
        }
    }

    /**
     * A mapping whose ref is a Kubernetes Service ({@code apiVersion: v1}, allowed by Knative): here a plain Service
     * selecting a ksvc's pods. No KIngress serves its cluster-local host, so the gateway sends the mapping's split to
     * the Service's ready endpoints, with the rewritten Host and {@code K-Original-Host}.
     */
    @Test
    void aDomainMappedToAKubernetesServiceIsServedByItsEndpoints(KubernetesClient client, TestNamespace ns) {
        String one = ns.name();
        String domain = "plain." + one + ".example.org";
        try {
            SystemConfigMaps.with(client, "config-network", Map.of("autocreate-cluster-domain-claims", "true"), () -> {
                create(client, ksvc(one, "backing", "plain"));
                awaitReady(client, one, "backing");
                client.services().inNamespace(one).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata().withName("plain").withNamespace(one).endMetadata()
                        .withNewSpec().withSelector(Map.of("serving.knative.dev/service", "backing"))
                        .addNewPort().withName("http").withPort(80)
                        .withTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(8080)).endPort()
                        .endSpec().build()).create();
                DomainMapping dm = mapping(one, domain, "plain");
                dm.getSpec().getRef().setApiVersion("v1");
                client.resources(DomainMapping.class).inNamespace(one).resource(dm).create();
                awaitMappingReady(client, one, domain);
                awaitServed(domain, "Hello plain!\n");

                Outcome o = http.get(external(), domain, StandinApp.HEADERS_PATH);
                assertThat(o.status()).as("%s", o).isEqualTo(200);
                JsonObject headers = new JsonObject(o.text()).getJsonObject("headers");
                assertThat(headers.getJsonArray("host").getList()).containsExactly("plain." + one + ".svc.cluster.local");
                assertThat(headers.getJsonArray("k-original-host").getList()).containsExactly(domain);
            });
        } finally {
            cleanUp(client, one);
            client.services().inNamespace(one).withName("plain").delete();
        }
    }

    /** Deletes the mappings and ksvcs while qnative runs, so their finalizers go and the namespace can. */
    private static void cleanUp(KubernetesClient client, String ns) {
        client.resources(DomainMapping.class).inNamespace(ns).delete();
        client.resources(Service.class).inNamespace(ns).delete();
        await().atMost(READY).until(() -> client.resources(DomainMapping.class).inNamespace(ns).list().getItems()
                .isEmpty() && client.resources(io.qnative.api.serving.v1.Route.class).inNamespace(ns).list()
                        .getItems().isEmpty());
    }

    private static int external() {
        return qnative.gatewayPorts().externalHttp();
    }

    private static void awaitServed(String host, String body) {
        await("gateway serves " + host).atMost(READY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Outcome o = http.get(external(), host, "/");
            assertThat(o.status()).as("%s", o).isEqualTo(200);
            assertThat(o.text()).isEqualTo(body);
        });
    }

    private static DomainMapping mapping(String ns, String domain, String ksvc) {
        DomainMapping dm = new DomainMapping();
        dm.setMetadata(new ObjectMetaBuilder().withName(domain).withNamespace(ns).build());
        KReference ref = new KReference();
        ref.setApiVersion("serving.knative.dev/v1");
        ref.setKind("Service");
        ref.setName(ksvc);
        DomainMappingSpec spec = new DomainMappingSpec();
        spec.setRef(ref);
        dm.setSpec(spec);
        return dm;
    }

    private static DomainMapping awaitMappingReady(KubernetesClient client, String ns, String domain) {
        return await("DomainMapping " + ns + "/" + domain + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(DomainMapping.class).inNamespace(ns).withName(domain).get(),
                        dm -> dm != null && dm.isReady());
    }

    private static Service ksvc(String namespace, String name, String target) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(SampleImages.HELLOWORLD).addNewEnv()
                .withName("TARGET").withValue(target).endEnv().build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(spec);
        ServiceSpec serviceSpec = new ServiceSpec();
        serviceSpec.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        s.setSpec(serviceSpec);
        return s;
    }

    private static void create(KubernetesClient client, Service s) {
        client.resources(Service.class).inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    private static Service awaitReady(KubernetesClient client, String ns, String name) {
        return await("ksvc " + ns + "/" + name + " Ready").atMost(READY).pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(Service.class).inNamespace(ns).withName(name).get(),
                        s -> s != null && s.isReady());
    }

}
