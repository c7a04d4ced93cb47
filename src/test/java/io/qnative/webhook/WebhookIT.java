package io.qnative.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.certs.CertificateBundle;
import io.qnative.webhook.WebhookConfigurations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook over HTTPS in the running application, against the mock API server: the certificate it creates in
 * the Secret and serves, the wire format of the three endpoints, bad input, and caBundle upkeep of the shipped
 * webhook configurations.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WebhookIT {

    private static final String NS = "knative-serving";

    @Inject
    WebhookServer server;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Inject
    KubernetesClient client;

    CertificateBundle bundle;

    @BeforeEach
    void waitForTheListener() {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.actualPort() > 0
                && WebhookTls.bundle(client, NS) != null);
        bundle = WebhookTls.bundle(client, NS);
    }

    RequestSpecification https() throws Exception {
        return given().baseUri("https://127.0.0.1").port(server.actualPort())
                .trustStore(WebhookTls.trustStore(bundle.caPem())).contentType("application/json");
    }

    @Test
    void servesTheSecretsCertificateForTheServiceNames() throws Exception {
        X509Certificate served = WebhookTls.served(server.actualPort());
        X509Certificate leaf = WebhookTls.certificates(bundle.certPem()).get(0);
        assertThat(served).isEqualTo(leaf);
        served.verify(WebhookTls.certificates(bundle.caPem()).get(0).getPublicKey());
        assertThat(served.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                .contains("webhook", "webhook.knative-serving", "webhook.knative-serving.svc",
                        "webhook.knative-serving.svc.cluster.local", "127.0.0.1");

        // strict client: only the Secret's CA is trusted and the host name (IP SAN) is verified
        HttpClient strict = HttpClient.newBuilder().sslContext(WebhookTls.trusting(bundle.caPem())).build();
        HttpResponse<String> response = strict.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + server.actualPort() + "/config-validation")).POST(HttpRequest.BodyPublishers.ofString(
                        configReview("config-gc", "{}"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"allowed\":true");
    }

    @Test
    void prefersChaCha20OverAesGcmAndStillServesAesOnlyClients() throws Exception {
        int port = server.actualPort();
        // the client prefers AES-GCM, as the API server's Go client does on machines with AES instructions
        assertThat(WebhookTls.negotiated(port, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256")).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(WebhookTls.negotiated(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"))
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(WebhookTls.negotiated(port, "TLSv1.3", "TLS_AES_128_GCM_SHA256"))
                .isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(WebhookTls.negotiated(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void readinessReportsTheListener() {
        given().get(ready).then().body("checks.find { it.name == 'webhook' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'webhook' }.data.port", equalTo(server.actualPort()));
    }

    @Test
    void configValidationRefusesABadValueNamingTheKey() throws Exception {
        https().body(configReview("config-autoscaler", "{\"max-scale-up-rate\":\"0.5\"}"))
                .post("/config-validation").then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1")).body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo("uid-1")).body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(400)).body("response.status.reason", equalTo("BadRequest"))
                .body("response.status.message", startsWith("validation failed: config-autoscaler: "))
                .body("response.status.message", containsString("max-scale-up-rate"));
        https().body(configReview("config-autoscaler", "{\"max-scale-up-rate\":\"100\"}"))
                .post("/config-validation").then().statusCode(200).body("response.allowed", equalTo(true));
    }

    @Test
    void resourceEndpointsAnswerForTheServingKindsAndWarnOnUnknownOnes() throws Exception {
        String service = "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\",\"metadata\":{\"name\":"
                + "\"hello\",\"namespace\":\"default\"},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":"
                + "\"registry.example/hello\"}]}}}}";
        String review = ResourceAdmissionTest.review("serving.knative.dev", "Service", "CREATE", service, "null");
        https().body(review).post("/resource-validation").then().statusCode(200)
                .body("response.uid", equalTo("u-1"));
        https().body(review).post("/defaulting").then().statusCode(200).body("response.uid", equalTo("u-1"))
                .body("response.allowed", equalTo(true));
        String unknown = ResourceAdmissionTest.review("example.com", "Widget", "CREATE", "{}", "null");
        https().body(unknown).post("/resource-validation").then().statusCode(200)
                .body("response.allowed", equalTo(true))
                .body("response.warnings[0]", containsString("unhandled kind"));
        https().body(ResourceAdmissionTest.review("serving.knative.dev", "Service", "DELETE", "null", service))
                .post("/defaulting").then().statusCode(200).body("response.allowed", equalTo(true));
    }

    @Test
    void badInputIsA4xxNeverA500() throws Exception {
        https().body("this is not json").post("/resource-validation").then().statusCode(400)
                .body(startsWith("malformed AdmissionReview: the body is not JSON"));
        https().body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}").post("/defaulting")
                .then().statusCode(400).body(containsString("no request"));
        https().body("").post("/config-validation").then().statusCode(400);
        byte[] garbage = new byte[4096];
        new java.util.Random(42).nextBytes(garbage);
        https().contentType("application/octet-stream").body(garbage).post("/defaulting").then().statusCode(400);
        https().body(ResourceAdmissionTest.review("serving.knative.dev", "Service", "CREATE",
                "{\"spec\":\"not an object\"}", "null")).post("/resource-validation").then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", startsWith("decoding request failed: "));
        https().get("/defaulting").then().statusCode(405);
        https().body("{}").post("/nowhere").then().statusCode(404);
    }

    @Test
    void mangledReviewsGet200Or400OnEveryEndpoint() throws Exception {
        String valid = ResourceAdmissionTest.review("serving.knative.dev", "Service", "UPDATE",
                "{\"metadata\":{\"name\":\"a\",\"annotations\":{\"k\":\"v\"}},\"spec\":{\"template\":{}}}",
                "{\"metadata\":{\"name\":\"a\"}}");
        java.util.Random random = new java.util.Random(7);
        String[] paths = {"/defaulting", "/resource-validation", "/config-validation"};
        String noise = "{}[]\",:0-e.tnulfa\\\u00e9";
        for (int i = 0; i < 150; i++) {
            StringBuilder mangled = new StringBuilder(valid);
            if (i % 3 == 0) {
                mangled.setLength(random.nextInt(valid.length()));
            } else {
                for (int j = 0; j < 1 + random.nextInt(4); j++) {
                    mangled.setCharAt(random.nextInt(mangled.length()), noise.charAt(random.nextInt(noise.length())));
                }
            }
            int status = https().body(mangled.toString()).post(paths[i % 3]).then().extract().statusCode();
            assertThat(status).as("status for %s", mangled).isIn(200, 400);
        }
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        https().body(big).post("/resource-validation").then().statusCode(413)
                .body(containsString("larger than 3145728 bytes"));
        // the connection after a refusal still works
        https().body(configReview("config-gc", "{}")).post("/config-validation").then().statusCode(200);
    }

    @Test
    void keepsTheCaBundleOfTheShippedWebhookConfigurations() throws Exception {
        List<HasMetadata> shipped;
        try (FileInputStream in = new FileInputStream("kubernetes/600-webhooks.yaml")) {
            shipped = client.load(in).items();
        }
        assertThat(shipped).extracting(HasMetadata::getKind).containsExactly("MutatingWebhookConfiguration",
                "ValidatingWebhookConfiguration", "ValidatingWebhookConfiguration");
        shipped.forEach(o -> client.resource(o).createOr(existing -> existing.update()));
        String expected = Base64.getEncoder().encodeToString(bundle.caPem().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MutatingWebhookConfiguration m = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                    .withName(WebhookConfigurations.DEFAULTING).get();
            assertThat(m.getWebhooks().get(0).getClientConfig().getCaBundle()).isEqualTo(expected);
            assertThat(m.getWebhooks().get(0).getClientConfig().getService().getPath()).isEqualTo("/defaulting");
            for (String name : List.of(WebhookConfigurations.VALIDATION, WebhookConfigurations.CONFIG_VALIDATION)) {
                ValidatingWebhookConfiguration v = client.admissionRegistration().v1()
                        .validatingWebhookConfigurations().withName(name).get();
                assertThat(v.getWebhooks().get(0).getClientConfig().getCaBundle()).isEqualTo(expected);
                assertThat(v.getWebhooks().get(0).getFailurePolicy()).isEqualTo("Fail");
                assertThat(v.getWebhooks().get(0).getSideEffects()).isEqualTo("None");
            }
        });
        String version = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WebhookConfigurations.CONFIG_VALIDATION).get().getMetadata().getResourceVersion();
        // over two check intervals an unchanged caBundle is not rewritten
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> version.equals(client
                .admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WebhookConfigurations.CONFIG_VALIDATION).get().getMetadata().getResourceVersion()));
    }

    static String configReview(String name, String data) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"uid-1\","
                + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},\"namespace\":\"knative-serving\","
                + "\"name\":\"" + name + "\",\"operation\":\"UPDATE\",\"object\":{\"apiVersion\":\"v1\",\"kind\":"
                + "\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"knative-serving\"},"
                + "\"data\":" + data + "},\"oldObject\":{}}}";
    }
}
