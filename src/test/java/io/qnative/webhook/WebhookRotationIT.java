package io.qnative.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.certs.CertificateBundle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Certificate rotation without a restart: with a 30 s validity the certificate is renewed after 20 s; the running
 * listener then serves the new certificate, which chains to the new CA of the Secret, while the Secret keeps the
 * previous CA trusted (until it expires: the 10 s between renewal and expiry leave room for a loaded machine; with
 * 12 s the previous CA had once expired before the renewal ran, and was rightly dropped).
 */
@QuarkusTest
@TestProfile(WebhookRotationIT.ShortLived.class)
@WithKubernetesTestServer(crud = true)
class WebhookRotationIT {

    /** Certificates that expire quickly, checked often. */
    public static class ShortLived implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qnative.webhook.certificate-validity", "30s", "qnative.webhook.check-interval", "500ms");
        }
    }

    @Inject
    WebhookServer server;

    @Inject
    KubernetesClient client;

    @Test
    void theServedCertificateRotatesWithoutARestart() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.actualPort() > 0
                && WebhookTls.bundle(client, "knative-serving") != null);
        int port = server.actualPort();
        X509Certificate first = WebhookTls.served(port);
        CertificateBundle before = WebhookTls.bundle(client, "knative-serving");

        await().atMost(Duration.ofSeconds(60)).until(() -> !WebhookTls.served(port).equals(first));

        CertificateBundle after = WebhookTls.bundle(client, "knative-serving");
        assertThat(after).isNotEqualTo(before);
        X509Certificate second = WebhookTls.served(port);
        assertThat(server.actualPort()).isEqualTo(port);
        second.verify(WebhookTls.certificates(after.caPem()).get(0).getPublicKey());
        assertThat(WebhookTls.certificates(after.caPem())).as("new CA first, previous CA still trusted")
                .hasSize(2).element(1).isEqualTo(WebhookTls.certificates(before.caPem()).get(0));
        given().baseUri("https://127.0.0.1").port(port).trustStore(WebhookTls.trustStore(after.caPem()))
                .contentType("application/json").body(WebhookIT.configReview("config-gc", "{}"))
                .post("/config-validation").then().statusCode(200).body("response.allowed", equalTo(true));
    }
}
