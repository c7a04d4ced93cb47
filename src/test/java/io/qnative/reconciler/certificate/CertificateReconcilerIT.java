package io.qnative.reconciler.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.ServingCertificate;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole binary against the mock API server: a Certificate of qnative's class gets the CA created and
 * published, a Secret signed by it for exactly its names, and Ready; a Secret deleted by hand comes back through
 * the label-filtered Secret informer.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CertificateReconcilerIT {

    @Inject
    KubernetesClient client;

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
