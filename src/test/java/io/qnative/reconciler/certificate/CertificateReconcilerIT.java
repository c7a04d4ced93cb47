package io.qnative.reconciler.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.ServingCertificate;
import io.qnative.observability.Tracing;
import io.qnative.observability.TracingSettings;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The whole binary against the mock API server: a Certificate of qnative's class gets the CA created and
 * published, a Secret signed by it for exactly its names, and Ready; a Secret deleted by hand comes back through
 * the label-filtered Secret informer. With tracing on, issuing is a Zipkin span under the reconcile's span.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CertificateReconcilerIT {

    @Inject
    KubernetesClient client;

    @Inject
    Tracing tracing;

    @Test
    void issuingIsAZipkinSpanUnderTheReconcileSpan() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        collector.start();
        try {
            tracing.apply(new TracingSettings(Optional.of("http://127.0.0.1:" + collector.getAddress().getPort()
                    + "/api/v2/spans"), 1.0));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("traced").endMetadata()
                    .build()).create();
            Certificate kcert = CertificateTableTest.kcert();
            kcert.getMetadata().setNamespace("traced");
            kcert.getMetadata().setUid(null);
            client.resource(kcert).create();

            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(30)).until(() -> spans(json, bodies).stream()
                    .anyMatch(s -> s.path("name").asText().equals("certificate.issue")
                            && s.path("tags").path("k8s.namespace.name").asText().equals("traced")));
            List<JsonNode> all = spans(json, bodies);
            JsonNode issue = all.stream().filter(s -> s.path("name").asText().equals("certificate.issue")
                    && s.path("tags").path("k8s.namespace.name").asText().equals("traced")).findFirst().orElseThrow();
            assertThat(issue.path("tags").path("qnative.certificate.domain").asText()).isEqualTo("default.example.com");
            assertThat(issue.path("tags").path("qnative.certificate.issuer").asText()).isEqualTo("qnative-ca");
            assertThat(issue.path("tags").path("qnative.certificate.outcome").asText()).isEqualTo("issued");
            // the reconcile span ends after the issue span, so it may come in a later export
            await().atMost(Duration.ofSeconds(30)).until(() -> spans(json, bodies).stream()
                    .anyMatch(s -> s.path("id").asText().equals(issue.path("parentId").asText())));
            JsonNode parent = spans(json, bodies).stream()
                    .filter(s -> s.path("id").asText().equals(issue.path("parentId").asText())).findFirst()
                    .orElseThrow();
            assertThat(parent.path("name").asText()).isEqualTo("reconcile certificate");
            assertThat(parent.path("traceId").asText()).isEqualTo(issue.path("traceId").asText());
        } finally {
            tracing.apply(TracingSettings.OFF);
            collector.stop(0);
        }
    }

    static List<JsonNode> spans(ObjectMapper json, List<String> bodies) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String b : bodies) {
            json.readTree(b).forEach(out::add);
        }
        return out;
    }

    @Test
    void aCertificateIsIssuedByTheBuiltInCaAndKeptThere() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("certs-it").endMetadata()
                .build()).create();
        Certificate kcert = CertificateTableTest.kcert();
        kcert.getMetadata().setNamespace("certs-it");
        kcert.getMetadata().setUid(null);
        client.resource(kcert).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Certificate c = client.resources(Certificate.class).inNamespace("certs-it").withName("route-abc").get();
            assertThat(c.getStatus()).isNotNull();
            assertThat(c.getStatus().getCondition(Condition.READY).getStatus()).isEqualTo(Condition.TRUE);
            assertThat(c.getStatus().getNotAfter()).isNotNull();
        });
        ConfigMap bundle = client.configMaps().inNamespace("knative-serving").withName("qnative-ca").get();
        Secret caSecret = client.secrets().inNamespace("knative-serving").withName("qnative-ca").get();
        CertificateAuthority ca = CertificateAuthority.fromPem(bundle.getData().get("ca.crt"),
                CertificateSecrets.text(caSecret, "tls.key").orElseThrow());
        Secret tls = client.secrets().inNamespace("certs-it").withName("route-abc").get();
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getMetadata().getLabels()).containsKey("networking.internal.knative.dev/certificate-uid");
        ServingCertificate served = ServingCertificate.fromPem(CertificateSecrets.text(tls, "tls.crt").orElseThrow(),
                CertificateSecrets.text(tls, "tls.key").orElseThrow());
        assertThat(served.renewalReason(ca, List.of("hello.default.example.com"), Instant.now(), Duration.ofDays(30)))
                .as("signed by the published CA, for exactly the names, not due").isEmpty();
        String firstUid = tls.getMetadata().getUid();

        client.resource(tls).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Secret again = client.secrets().inNamespace("certs-it").withName("route-abc").get();
            assertThat(again).isNotNull();
            assertThat(again.getMetadata().getUid()).isNotEqualTo(firstUid);
        });
    }
}
